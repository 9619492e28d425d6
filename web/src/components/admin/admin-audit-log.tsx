import { useEffect, useState } from "preact/hooks";
import { type AuditEntry, moderationApi } from "../../api/moderation";
import { formatDateTime, t } from "../../i18n";
import { ErrorMessage } from "../error-message";

/** Admin → Audit log: every moderation action, who took it and why, newest first. */
export function AdminAuditLog() {
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const more = (from: string | null) =>
    moderationApi.auditLog(from).then((p) => {
      setItems((prev) => (from ? [...prev, ...p.items] : p.items));
      setCursor(p.nextCursor);
    }, setError);
  useEffect(() => {
    void more(null);
  }, []);

  return (
    <div class="card admin-audit" data-testid="admin-audit-log">
      <ErrorMessage error={error} />
      {items.length === 0 ? (
        <p class="muted">{t("moderation.audit.empty")}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>{t("moderation.dashboard.when")}</th>
              <th>{t("moderation.audit.who")}</th>
              <th>{t("moderation.audit.action")}</th>
              <th>{t("moderation.audit.target")}</th>
              <th>{t("moderation.dashboard.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} data-testid="audit-entry" data-action={e.action}>
                <td>{formatDateTime(e.createdAt)}</td>
                <td>{e.actor ? `@${e.actor}` : t("moderation.audit.server")}</td>
                <td>{e.action}</td>
                <td>{e.targetLabel}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" class="button button-secondary" onClick={() => void more(cursor)}>
          {t("moderation.audit.more")}
        </button>
      )}
    </div>
  );
}
