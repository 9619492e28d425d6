import { useEffect, useRef, useState } from "preact/hooks";
import type { InnerPost } from "../api/client";
import { type HistoryEntry, postsApi } from "../api/posts";
import { formatDateTime, t } from "../i18n";
import { RichText } from "../text/rich-text";
import { ErrorMessage } from "./error-message";

/** The earlier versions of an edited post, newest first, in a modal dialog. */
export function HistoryDialog({ post, onClose }: { post: InnerPost; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [items, setItems] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open && typeof d.showModal === "function") d.showModal();
    let live = true;
    postsApi.history(post.id).then(
      (h) => live && setItems([...h].sort((a, b) => b.replacedAt.localeCompare(a.replacedAt))),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [post.id]);

  return (
    <dialog ref={dialog} class="dialog" data-testid="history-dialog" aria-labelledby={`history-${post.id}`} onClose={onClose}>
      <h2 id={`history-${post.id}`}>{t("post.historyTitle")}</h2>
      <section class="history-entry history-current">
        <p class="muted">{t("post.historyCurrent")}</p>
        {post.cw && <p class="cw-text">{post.cw}</p>}
        <div class="post-text">
          <RichText text={post.text} emojis={post.emojis} />
        </div>
      </section>
      {items === null && !error && <p>{t("app.loading")}</p>}
      <ErrorMessage error={error} />
      {items?.map((item) => (
        <section key={item.replacedAt} class="history-entry">
          <p class="muted">{t("post.historyUntil", { time: formatDateTime(item.replacedAt) })}</p>
          {item.cw && <p class="cw-text">{item.cw}</p>}
          <div class="post-text">
            <RichText text={item.text} emojis={post.emojis} />
          </div>
        </section>
      ))}
      {items?.length === 0 && <p class="muted">{t("post.historyEmpty")}</p>}
      <form method="dialog" class="dialog-actions">
        <button type="submit" class="button">
          {t("media.close")}
        </button>
      </form>
    </dialog>
  );
}
