import { useEffect, useState } from "preact/hooks";
import { moderationApi, type Report, type ReportAction } from "../../api/moderation";
import { formatDateTime, type MessageKey, t } from "../../i18n";
import { session } from "../../state/session";
import { ErrorMessage } from "../error-message";
import { PostSkeletons } from "../skeleton";

const STATUSES = ["open", "resolved", "dismissed"] as const;
const ACTIONS: readonly ReportAction[] = ["delete_post", "warn", "silence", "suspend"];

/** Admin → Reports: the queue, with resolve (optionally acting first) and dismiss. */
export function AdminReports() {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("open");
  const [items, setItems] = useState<Report[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = () => moderationApi.reports(status).then((p) => setItems(p.items), setError);
  useEffect(() => {
    setItems(null);
    void load();
  }, [status]);

  return (
    <div class="admin-reports" data-testid="admin-reports">
      <nav class="tabs" aria-label={t("moderation.reports.filter")}>
        {STATUSES.map((s) => (
          <button key={s} type="button" class="tab" aria-current={s === status ? "page" : undefined} onClick={() => setStatus(s)}>
            {t(`moderation.reports.status.${s}`)}
          </button>
        ))}
      </nav>
      <ErrorMessage error={error} />
      {items === null ? (
        <PostSkeletons count={1} />
      ) : items.length === 0 ? (
        <p class="card muted" data-testid="reports-empty">
          {t("moderation.reports.empty")}
        </p>
      ) : (
        items.map((r) => <ReportCard key={r.id} report={r} onDone={() => void load()} />)
      )}
    </div>
  );
}

function ReportCard({ report, onDone }: { report: Report; onDone: () => void }) {
  const [action, setAction] = useState<ReportAction | "">("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Community moderators (not server staff) may only delete the reported post.
  const staff = session.value?.role === "admin" || session.value?.role === "moderator";
  const actions = ACTIONS.filter((a) => a !== "delete_post" || report.postId)
    .filter((a) => a !== "warn" || !report.target?.remote)
    .filter((a) => staff || a === "delete_post");

  async function close(verb: "resolve" | "dismiss") {
    setBusy(true);
    setError(null);
    try {
      await moderationApi.closeReport(report.id, verb, { note, ...(verb === "resolve" && action ? { action } : {}) });
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  async function blockServer(host: string) {
    if (!confirm(t("moderation.reports.blockServerConfirm", { host }))) return;
    setBusy(true);
    setError(null);
    try {
      await moderationApi.blockDomain(host);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const target = report.target;
  return (
    <article class="card report-card" data-testid="report" data-status={report.status}>
      <header class="report-head">
        <span class="badge">{t(`report.category.${report.category}` as MessageKey)}</span>
        <span>
          {t("moderation.reports.about")}{" "}
          {target ? (
            <a href={`/@${target.username}`} data-testid="report-target">
              @{target.username}
            </a>
          ) : (
            "—"
          )}
          {target?.suspended && <span class="badge">{t("moderation.accounts.suspended")}</span>}
          {target?.silenced && <span class="badge">{t("moderation.accounts.silenced")}</span>}
        </span>
        <span class="muted">
          {report.reporter
            ? t("moderation.reports.by", { name: report.reporter.username })
            : t("moderation.reports.fromServer", { host: report.originHost ?? "?" })}
          {" · "}
          {formatDateTime(report.createdAt)}
        </span>
      </header>
      {report.postText !== null && (
        <blockquote class="notification-post" data-testid="report-post">
          {report.postId ? <a href={`/posts/${report.postId}`}>{report.postText || "…"}</a> : report.postText}
        </blockquote>
      )}
      {report.comment && <p data-testid="report-comment-text">{report.comment}</p>}
      {report.forwarded && <p class="hint">{t("moderation.reports.forwarded")}</p>}
      {report.status === "open" ? (
        <div class="report-actions">
          <select
            aria-label={t("moderation.reports.action")}
            data-testid="report-action"
            value={action}
            onChange={(e) => setAction(e.currentTarget.value as ReportAction | "")}
          >
            <option value="">{t("moderation.reports.noAction")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {t(`moderation.action.${a}` as MessageKey)}
              </option>
            ))}
          </select>
          <input
            type="text"
            data-testid="report-note"
            placeholder={t("moderation.reports.note")}
            aria-label={t("moderation.reports.note")}
            maxLength={1000}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <button type="button" class="button" data-testid="report-resolve" disabled={busy} onClick={() => void close("resolve")}>
            {t("moderation.reports.resolve")}
          </button>
          {staff && target?.remote && target.host && (
            <button
              type="button"
              class="button button-secondary"
              disabled={busy}
              onClick={() => void blockServer(target.host as string)}
            >
              {t("moderation.reports.blockServer", { host: target.host })}
            </button>
          )}
          <button
            type="button"
            class="button button-secondary"
            data-testid="report-dismiss"
            disabled={busy}
            onClick={() => void close("dismiss")}
          >
            {t("moderation.reports.dismiss")}
          </button>
        </div>
      ) : (
        <p class="muted">
          {t(`moderation.reports.status.${report.status}` as MessageKey)}
          {report.resolutionNote ? ` — ${report.resolutionNote}` : ""}
        </p>
      )}
      <ErrorMessage error={error} />
    </article>
  );
}
