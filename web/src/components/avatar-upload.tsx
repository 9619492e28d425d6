import { useEffect, useId, useState } from "preact/hooks";
import { type Account, api } from "../api/client";
import { t } from "../i18n";
import { Avatar } from "./avatar";
import { ErrorMessage } from "./error-message";

export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"];

/** Choose an image, preview it, upload it as the account's avatar. */
export function AvatarUpload({ account, onUploaded }: { account: Account; onUploaded: (account: Account) => void }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function choose(e: Event & { currentTarget: HTMLInputElement }) {
    const chosen = e.currentTarget.files?.[0] ?? null;
    setDone(false);
    setError(null);
    if (chosen && !AVATAR_TYPES.includes(chosen.type)) {
      setFile(null);
      setPreview(null);
      setError(t("settings.avatarType"));
      return;
    }
    setFile(chosen);
    if (!chosen) setPreview(null);
  }

  async function upload(e: Event) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onUploaded(await api.uploadAvatar(file));
      setFile(null);
      setPreview(null);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={upload} aria-busy={busy}>
      <h2>{t("settings.avatar")}</h2>
      <div class="avatar-upload">
        {preview ? (
          <img class="avatar" src={preview} alt={t("settings.avatarPreview")} width={88} height={88} />
        ) : (
          <Avatar url={account.avatarUrl} name={account.displayName || account.username} seed={account.id} size={88} />
        )}
        <div class="field">
          <label for={id} class="field-label">
            {t("settings.avatar")}
          </label>
          <input
            id={id}
            type="file"
            data-testid="avatar-file"
            accept={AVATAR_TYPES.join(",")}
            aria-describedby={`${id}-hint`}
            onChange={choose}
          />
          <p id={`${id}-hint`} class="hint">
            {t("settings.avatarHint")}
          </p>
        </div>
      </div>
      <ErrorMessage error={error} />
      <p class="status" role="status">
        {done ? t("settings.avatarUploaded") : ""}
      </p>
      <button type="submit" class="button" disabled={!file || busy} data-testid="avatar-submit">
        {t("settings.avatarUpload")}
      </button>
    </form>
  );
}
