import { useEffect, useState } from "preact/hooks";
import { type Relations, relationsApi } from "../api/relations";
import { t } from "../i18n";
import { hideAccount, unhideAccount } from "../live/hidden-accounts";
import { ErrorMessage } from "./error-message";

const DURATIONS: readonly {
  seconds: number | null;
  label: "relations.forever" | "relations.1h" | "relations.1d" | "relations.7d";
}[] = [
  { seconds: null, label: "relations.forever" },
  { seconds: 3600, label: "relations.1h" },
  { seconds: 86400, label: "relations.1d" },
  { seconds: 7 * 86400, label: "relations.7d" },
];

/** Mute (with a duration), block and hide-boosts buttons on someone else's profile. */
export function RelationControls({
  accountId,
  username,
  confirm = (message) => window.confirm(message),
  onChange,
}: {
  accountId: string;
  username: string;
  confirm?: (message: string) => boolean;
  /** Told the relations whenever they are loaded or changed (the profile hides Follow across a block). */
  onChange?: (relations: Relations) => void;
}) {
  const [state, setState] = useState<Relations | null>(null);
  const [duration, setDuration] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    relationsApi.get(username).then((r) => {
      setState(r);
      onChange?.(r);
    }, setError);
  }, [username]);

  async function run(call: () => Promise<Relations>) {
    setBusy(true);
    setError(null);
    try {
      const next = await call();
      setState(next);
      onChange?.(next);
      if (next.muting || next.blocking) hideAccount(accountId);
      else unhideAccount(accountId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!state) return error ? <ErrorMessage error={error} /> : null;
  return (
    <div class="relation-controls" data-testid="relation-controls" aria-busy={busy}>
      {state.blockedBy && <p class="muted">{t("relations.blockedBy")}</p>}
      {state.muting ? (
        <button
          type="button"
          class="button button-secondary button-small"
          data-testid="unmute-button"
          disabled={busy}
          onClick={() => run(() => relationsApi.unmute(username))}
        >
          {t("relations.unmute")}
        </button>
      ) : (
        <span class="relation-mute">
          <select
            aria-label={t("relations.duration")}
            value={String(duration)}
            onChange={(e) => setDuration(e.currentTarget.value === "null" ? null : Number(e.currentTarget.value))}
          >
            {DURATIONS.map((d) => (
              <option key={d.label} value={String(d.seconds)}>
                {t(d.label)}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="button button-secondary button-small"
            data-testid="mute-button"
            disabled={busy}
            onClick={() => run(() => relationsApi.mute(username, duration))}
          >
            {t("relations.mute")}
          </button>
        </span>
      )}
      {state.blocking ? (
        <button
          type="button"
          class="button button-secondary button-small"
          data-testid="unblock-button"
          disabled={busy}
          onClick={() => run(() => relationsApi.unblock(username))}
        >
          {t("relations.unblock")}
        </button>
      ) : (
        <button
          type="button"
          class="button button-secondary button-small"
          data-testid="block-button"
          disabled={busy}
          onClick={() => confirm(t("relations.blockConfirm", { username })) && run(() => relationsApi.block(username))}
        >
          {t("relations.block")}
        </button>
      )}
      <button
        type="button"
        class="button button-secondary button-small"
        data-testid="hide-boosts-button"
        disabled={busy}
        onClick={() => run(() => (state.hidingBoosts ? relationsApi.showBoosts(username) : relationsApi.hideBoosts(username)))}
      >
        {state.hidingBoosts ? t("relations.showBoosts") : t("relations.hideBoosts")}
      </button>
      {state.muteExpiresAt && (
        <span class="muted">{t("relations.mutedUntil", { time: new Date(state.muteExpiresAt).toLocaleString() })}</span>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
