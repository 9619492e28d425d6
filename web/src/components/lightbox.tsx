import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Media } from "../api/client";
import { t } from "../i18n";
import { Icon } from "./icon";

/** A full-screen viewer for a post's images: Escape or the backdrop closes, arrow keys move. */
export function Lightbox({ media, start, onClose }: { media: readonly Media[]; start: number; onClose: () => void }) {
  const [index, setIndex] = useState(start);
  const close = useRef<HTMLButtonElement>(null);
  const images = media;
  const item = images[index];

  // A layout effect, so the keys work from the moment the viewer is on screen.
  useLayoutEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
      else if (e.key === "ArrowRight") setIndex((i) => Math.min(images.length - 1, i + 1));
      else if (e.key === "ArrowLeft") setIndex((i) => Math.max(0, i - 1));
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      before?.focus();
    };
  }, [images.length, onClose]);

  if (!item) return null;
  return (
    <div class="lightbox" role="dialog" aria-modal="true" aria-label={t("media.viewer")} data-testid="lightbox">
      <button type="button" class="lightbox-backdrop" aria-hidden="true" tabIndex={-1} onClick={onClose} />
      <figure class="lightbox-figure">
        {item.type === "video" ? (
          <video
            class="lightbox-media"
            src={item.url}
            controls
            autoPlay
            muted
            playsInline
            width={item.width ?? undefined}
            height={item.height ?? undefined}
          />
        ) : (
          <img
            class="lightbox-media"
            src={item.url}
            alt={item.alt ?? ""}
            width={item.width ?? undefined}
            height={item.height ?? undefined}
          />
        )}
        {item.alt && <figcaption>{item.alt}</figcaption>}
      </figure>
      <div class="lightbox-controls">
        {images.length > 1 && (
          <>
            <button type="button" class="icon-button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
              <span aria-hidden="true">‹</span>
              <span class="visually-hidden">{t("media.previous")}</span>
            </button>
            <span class="lightbox-count">
              {index + 1} / {images.length}
            </span>
            <button type="button" class="icon-button" disabled={index === images.length - 1} onClick={() => setIndex(index + 1)}>
              <span aria-hidden="true">›</span>
              <span class="visually-hidden">{t("media.next")}</span>
            </button>
          </>
        )}
        <button ref={close} type="button" class="icon-button" onClick={onClose}>
          <Icon name="close" />
          <span class="visually-hidden">{t("media.close")}</span>
        </button>
      </div>
    </div>
  );
}
