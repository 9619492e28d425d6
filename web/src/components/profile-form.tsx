import { useId, useState } from "preact/hooks";
import { type Account, api } from "../api/client";
import { t } from "../i18n";
import { ErrorMessage } from "./error-message";

/** Display name and bio. */
export function ProfileForm({ account, onSaved }: { account: Account; onSaved: (account: Account) => void }) {
  const id = useId();
  const [displayName, setDisplayName] = useState(account.displayName);
  const [bio, setBio] = useState(account.bio);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      onSaved(await api.updateMe({ displayName: displayName.trim(), bio }));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={save} aria-busy={busy} data-testid="profile-form">
      <h2>{t("settings.profile")}</h2>
      <div class="field">
        <label for={`${id}-name`} class="field-label">
          {t("settings.displayName")}
        </label>
        <input
          id={`${id}-name`}
          data-testid="display-name"
          type="text"
          maxLength={100}
          value={displayName}
          onInput={(e) => setDisplayName(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-bio`} class="field-label">
          {t("settings.bio")}
        </label>
        <textarea
          id={`${id}-bio`}
          data-testid="bio"
          rows={4}
          maxLength={2000}
          value={bio}
          onInput={(e) => setBio(e.currentTarget.value)}
        />
      </div>
      <ErrorMessage error={error} />
      <p class="status" role="status">
        {saved ? t("settings.saved") : ""}
      </p>
      <button type="submit" class="button" disabled={busy} data-testid="settings-save">
        {t("settings.save")}
      </button>
    </form>
  );
}
