import { useId, useState } from "preact/hooks";
import { type Community, communitiesApi } from "../api/communities";
import { t } from "../i18n";
import { AVATAR_TYPES } from "./avatar-upload";
import { ErrorMessage } from "./error-message";

/** Uploads the community's icon or banner (multipart field `file`). */
export function CommunityImageUpload({
  community,
  kind,
  onUploaded,
}: {
  community: Community;
  kind: "icon" | "banner";
  onUploaded: () => void;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = kind === "icon" ? community.iconUrl : community.bannerUrl;

  async function upload(e: Event) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await communitiesApi.uploadImage(community.id, kind, file);
      setDone(true);
      setFile(null);
      onUploaded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={upload} aria-busy={busy}>
      <h2>{t(kind === "icon" ? "settingsCommunity.icon" : "settingsCommunity.banner")}</h2>
      {current && (
        <img src={current} alt="" class={kind === "icon" ? "avatar image-preview-icon" : "image-preview-banner"} loading="lazy" />
      )}
      <div class="field">
        <label for={id} class="field-label">
          {t("settingsCommunity.chooseImage")}
        </label>
        <input
          id={id}
          type="file"
          accept={AVATAR_TYPES.join(",")}
          data-testid={`community-${kind}-file`}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0] ?? null;
            setDone(false);
            if (chosen && !AVATAR_TYPES.includes(chosen.type)) {
              setFile(null);
              setError(t("settings.avatarType"));
              return;
            }
            setError(null);
            setFile(chosen);
          }}
        />
        <p class="hint">{t("settings.avatarHint")}</p>
      </div>
      <ErrorMessage error={error} />
      <p class="status" role="status">
        {done ? t("settingsCommunity.uploaded") : ""}
      </p>
      <button type="submit" class="button" disabled={!file || busy}>
        {t("settingsCommunity.upload")}
      </button>
    </form>
  );
}
