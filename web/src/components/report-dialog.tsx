import { useEffect, useId, useRef, useState } from "preact/hooks";
import { moderationApi, REPORT_CATEGORIES, type ReportCategory } from "../api/moderation";
import { t } from "../i18n";
import { ErrorMessage } from "./error-message";

/**
 * Reporting a post or an account to this server's moderators: a category and a comment,
 * and for remote content the choice to send a copy to their server too.
 */
export function ReportDialog({
  target,
  remote,
  onClose,
}: {
  target: { postId?: string; accountId?: string; label: string };
  remote: boolean;
  onClose: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [category, setCategory] = useState<ReportCategory>("spam");
  const [comment, setComment] = useState("");
  const [forward, setForward] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open && typeof d.showModal === "function") d.showModal();
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await moderationApi.report({
        ...(target.postId ? { postId: target.postId } : { accountId: target.accountId }),
        category,
        comment: comment.trim(),
        ...(remote ? { forward } : {}),
      });
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      class="dialog report-dialog"
      data-testid="report-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
    >
      <h2 id={`${id}-title`}>{t("report.title", { target: target.label })}</h2>
      {done ? (
        <>
          <p role="status" data-testid="report-done">
            {t("report.done")}
          </p>
          <form method="dialog" class="dialog-actions">
            <button type="submit" class="button">
              {t("media.close")}
            </button>
          </form>
        </>
      ) : (
        <form onSubmit={submit} aria-busy={busy}>
          <fieldset class="field">
            <legend class="field-label">{t("report.category")}</legend>
            {REPORT_CATEGORIES.map((c) => (
              <label key={c} class="toggle">
                <input
                  type="radio"
                  name={`${id}-category`}
                  value={c}
                  data-testid={`report-category-${c}`}
                  checked={category === c}
                  onChange={() => setCategory(c)}
                />
                {t(`report.category.${c}`)}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for={`${id}-comment`} class="field-label">
              {t("report.comment")}
            </label>
            <textarea
              id={`${id}-comment`}
              data-testid="report-comment"
              rows={3}
              maxLength={1000}
              value={comment}
              onInput={(e) => setComment(e.currentTarget.value)}
            />
          </div>
          {remote && (
            <label class="toggle">
              <input type="checkbox" checked={forward} onChange={(e) => setForward(e.currentTarget.checked)} />
              {t("report.forward")}
            </label>
          )}
          <ErrorMessage error={error} />
          <div class="dialog-actions">
            <button type="button" class="button button-secondary" onClick={() => dialog.current?.close()}>
              {t("report.cancel")}
            </button>
            <button type="submit" class="button" data-testid="report-submit" disabled={busy}>
              {t("report.submit")}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
