import { errorMessage } from "../api/error-message";
import { t } from "../i18n";
import type { Attachment } from "./use-attachments";

export interface ComposerMediaProps {
  id: string;
  items: readonly Attachment[];
  onAlt: (key: string, alt: string) => void;
  onRemove: (key: string) => void;
}

/** The attachments being added to a post: preview, per-file upload progress, alt text, remove. */
export function ComposerMedia({ id, items, onAlt, onRemove }: ComposerMediaProps) {
  if (items.length === 0) return null;
  return (
    <ul class="composer-media" aria-label={t("composer.attachments")}>
      {items.map((a, i) => (
        <li key={a.key} class={`composer-media-item composer-media-${a.status}`} data-testid="media-item" data-status={a.status}>
          <div class="composer-media-preview">
            {a.previewUrl && a.file.type.startsWith("image/") && (
              <img class="composer-media-thumb" src={a.previewUrl} alt="" width={96} height={96} />
            )}
            {a.previewUrl && a.file.type.startsWith("video/") && (
              <video class="composer-media-thumb" src={a.previewUrl} muted preload="metadata" width={96} height={96} />
            )}
            {!a.previewUrl && (
              <span class="composer-media-placeholder" aria-hidden="true">
                !
              </span>
            )}
          </div>
          <div class="composer-media-info">
            <span class="composer-media-name" title={a.file.name}>
              {a.file.name}
            </span>
            {a.status !== "error" && (
              <progress
                class="upload-progress"
                data-testid="upload-progress"
                data-progress={a.progress}
                max={100}
                value={a.progress}
                aria-label={t("composer.uploading", { name: a.file.name })}
              />
            )}
            {a.status === "error" ? (
              <p class="error-text" role="alert" data-testid="media-error">
                {errorMessage(a.error)}
              </p>
            ) : (
              <>
                <label for={`${id}-alt-${i}`} class="visually-hidden">
                  {t("composer.altLabel", { name: a.file.name })}
                </label>
                <input
                  id={`${id}-alt-${i}`}
                  type="text"
                  class="composer-media-alt"
                  data-testid="media-alt"
                  maxLength={1500}
                  placeholder={t("composer.altPlaceholder")}
                  value={a.alt}
                  onInput={(e) => onAlt(a.key, e.currentTarget.value)}
                />
              </>
            )}
          </div>
          <button
            type="button"
            class="icon-button composer-media-remove"
            data-testid="media-remove"
            onClick={() => onRemove(a.key)}
          >
            <span aria-hidden="true">×</span>
            <span class="visually-hidden">{t("composer.removeMedia", { name: a.file.name })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
