import { useState } from "preact/hooks";
import type { Media } from "../api/client";
import { t } from "../i18n";
import { blurhashDataUrl } from "./blurhash";
import { Lightbox } from "./lightbox";

/** The box an attachment reserves before it loads (no layout shift). */
export function aspectOf(m: Pick<Media, "width" | "height">): string {
  return m.width && m.height ? `${m.width} / ${m.height}` : "16 / 9";
}

function placeholderStyle(hash: string | null | undefined) {
  const url = hash ? blurhashDataUrl(hash) : null;
  return url ? { backgroundImage: `url("${url}")`, backgroundSize: "cover" } : undefined;
}

/** Up to four attachments in a grid; sensitive ones stay blurred until clicked; images open a lightbox. */
export function MediaGrid({ media, sensitive }: { media: readonly Media[]; sensitive: boolean }) {
  const [revealed, setRevealed] = useState(!sensitive);
  const [open, setOpen] = useState<number | null>(null);
  const shown = media.slice(0, 4);
  if (shown.length === 0) return null;
  const single = shown.length === 1;
  return (
    <div class={`media-grid media-count-${shown.length}${revealed ? "" : " media-hidden"}`}>
      {shown.map((m, i) => (
        <div
          key={m.id}
          class="media-cell"
          data-testid="media"
          data-media-type={m.type}
          style={single ? { aspectRatio: aspectOf(m), maxWidth: m.width ? `${m.width}px` : undefined } : undefined}
        >
          {!revealed && m.remoteUrl ? (
            // A sensitive remote file is not even requested until shown: its blurhash (if sent) stands in.
            <div class="media-placeholder" data-testid="media-placeholder" style={placeholderStyle(m.blurhash)} />
          ) : m.type === "audio" ? (
            // biome-ignore lint/a11y/useMediaCaption: remote audio arrives without captions; its alt text labels it
            <audio
              src={m.url}
              controls
              preload="none"
              title={m.alt ?? undefined}
              aria-label={m.alt || t("remoteMedia.audio")}
              tabIndex={revealed ? 0 : -1}
            />
          ) : m.type === "unknown" ? (
            <a
              class="media-file"
              href={m.remoteUrl ?? m.url}
              target="_blank"
              rel="nofollow noopener noreferrer"
              tabIndex={revealed ? 0 : -1}
            >
              {m.alt || t("remoteMedia.file")}
            </a>
          ) : m.type === "video" ? (
            <video
              src={m.url}
              controls
              muted
              preload="metadata"
              playsInline
              width={m.width ?? undefined}
              height={m.height ?? undefined}
              title={m.alt ?? undefined}
              aria-label={m.alt || t("media.video")}
              tabIndex={revealed ? 0 : -1}
            />
          ) : (
            <button
              type="button"
              class="media-open"
              onClick={() => setOpen(i)}
              tabIndex={revealed ? 0 : -1}
              aria-label={m.alt ? t("media.openNamed", { alt: m.alt }) : t("media.open")}
            >
              <img
                src={m.url}
                alt={m.alt ?? ""}
                title={m.alt ?? undefined}
                width={m.width ?? undefined}
                height={m.height ?? undefined}
                loading="lazy"
                decoding="async"
              />
            </button>
          )}
        </div>
      ))}
      {!revealed && (
        <button type="button" class="sensitive-cover" data-testid="sensitive-cover" onClick={() => setRevealed(true)}>
          <strong>{t("media.sensitive")}</strong>
          <span>{t("media.reveal")}</span>
        </button>
      )}
      {revealed && sensitive && (
        <button type="button" class="media-hide button button-small button-secondary" onClick={() => setRevealed(false)}>
          {t("media.hide")}
        </button>
      )}
      {open !== null && <Lightbox media={shown} start={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
