import { useEffect, useState } from "preact/hooks";
import { communitiesApi, type JoinRequest } from "../api/communities";
import { t } from "../i18n";
import { ErrorMessage } from "./error-message";
import { RelativeTime } from "./relative-time";

/** Pending join requests with Approve / Reject. */
export function JoinRequests({ communityId, onDecided }: { communityId: string; onDecided: () => void }) {
  const [items, setItems] = useState<JoinRequest[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    communitiesApi.requests(communityId).then(
      (r) => live && setItems(r),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [communityId]);

  async function decide(accountId: string, decision: "approve" | "reject") {
    setBusy(accountId);
    setError(null);
    try {
      await communitiesApi.decide(communityId, accountId, decision);
      setItems((current) => current?.filter((r) => r.accountId !== accountId) ?? null);
      if (decision === "approve") onDecided();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="card" data-testid="join-requests">
      <h2>{t("settingsCommunity.requests")}</h2>
      {items === null && !error && <p class="hint">{t("app.loading")}</p>}
      {items?.length === 0 && <p class="hint">{t("settingsCommunity.noRequests")}</p>}
      {items && items.length > 0 && (
        <ul class="request-list">
          {items.map((r) => (
            <li key={r.accountId} class="request">
              <div class="request-main">
                <a href={`/@${r.username}`}>
                  <span class="display-name">{r.displayName || r.username}</span> <span class="username">@{r.username}</span>
                </a>{" "}
                <span class="hint">
                  <RelativeTime iso={r.createdAt} />
                </span>
                {r.message && <p class="request-message">{r.message}</p>}
              </div>
              <div class="form-actions">
                <button
                  type="button"
                  class="button button-small button-secondary"
                  disabled={busy === r.accountId}
                  onClick={() => void decide(r.accountId, "reject")}
                  aria-label={t("settingsCommunity.rejectUser", { username: r.username })}
                >
                  {t("settingsCommunity.reject")}
                </button>
                <button
                  type="button"
                  class="button button-small"
                  disabled={busy === r.accountId}
                  onClick={() => void decide(r.accountId, "approve")}
                  aria-label={t("settingsCommunity.approveUser", { username: r.username })}
                >
                  {t("settingsCommunity.approve")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
