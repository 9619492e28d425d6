import { useEffect, useId, useState } from "preact/hooks";
import { type Invite, moderationApi } from "../../api/moderation";
import { formatDateTime, t } from "../../i18n";
import { ErrorMessage } from "../error-message";

/** Admin → Invites: server invite links (/signup?invite=CODE) with use counts and expiry. */
export function AdminInvites() {
  const id = useId();
  const [items, setItems] = useState<Invite[]>([]);
  const [maxUses, setMaxUses] = useState("");
  const [days, setDays] = useState("7");
  const [error, setError] = useState<unknown>(null);

  const load = () => moderationApi.invites().then(setItems, setError);
  useEffect(() => {
    void load();
  }, []);

  async function create(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await moderationApi.createInvite({ maxUses: maxUses ? Number(maxUses) : null, expiresInDays: days ? Number(days) : null });
      await load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div class="admin-invites" data-testid="admin-invites">
      <form class="card admin-search" onSubmit={create}>
        <label for={`${id}-uses`}>{t("moderation.invites.maxUses")}</label>
        <input
          id={`${id}-uses`}
          type="number"
          min={1}
          max={1000}
          value={maxUses}
          onInput={(e) => setMaxUses(e.currentTarget.value)}
        />
        <label for={`${id}-days`}>{t("moderation.invites.days")}</label>
        <input id={`${id}-days`} type="number" min={1} max={365} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
        <button type="submit" class="button" data-testid="create-invite">
          {t("moderation.invites.create")}
        </button>
      </form>
      <ErrorMessage error={error} />
      {items.map((i) => (
        <div key={i.code} class="card account-line" data-testid="invite" data-valid={i.valid}>
          <input
            type="text"
            readOnly
            value={i.url}
            aria-label={t("moderation.invites.link")}
            onFocus={(e) => e.currentTarget.select()}
          />
          <span>
            {t("moderation.invites.uses", { uses: i.uses, max: i.maxUses ?? "∞" })}
            {" · "}
            {i.expiresAt
              ? t("moderation.invites.expires", { time: formatDateTime(i.expiresAt) })
              : t("moderation.invites.noExpiry")}
          </span>
          {i.valid ? (
            <button
              type="button"
              class="button button-secondary"
              onClick={() => void moderationApi.revokeInvite(i.code).then(load, setError)}
            >
              {t("moderation.invites.revoke")}
            </button>
          ) : (
            <span class="badge">{i.revoked ? t("moderation.invites.revoked") : t("moderation.invites.invalid")}</span>
          )}
        </div>
      ))}
    </div>
  );
}
