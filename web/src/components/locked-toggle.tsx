import { useState } from "preact/hooks";
import { type Account, api } from "../api/client";
import { t } from "../i18n";
import { ErrorMessage } from "./error-message";

/** The "locked account" setting: when on, every follow waits for approval. */
export function LockedToggle({ account, onSaved }: { account: Account; onSaved: (account: Account) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function toggle(locked: boolean) {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.updateMe({ locked }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card">
      <h2>{t("settings.privacy")}</h2>
      <label class="toggle">
        <input
          type="checkbox"
          data-testid="locked-toggle"
          checked={account.locked ?? false}
          disabled={busy}
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />{" "}
        {t("settings.locked")}
      </label>
      <p class="hint">{t("settings.lockedHint")}</p>
      <ErrorMessage error={error} />
    </section>
  );
}
