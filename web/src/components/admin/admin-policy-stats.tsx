import { useEffect, useState } from "preact/hooks";
import { type PolicyHit, policiesApi } from "../../api/policies";
import { type MessageKey, t } from "../../i18n";
import { ErrorMessage } from "../error-message";
import { PostSkeletons } from "../skeleton";

/** Admin → Policy hits: how often each ingest rule refused or changed something. */
export function AdminPolicyStats() {
  const [hits, setHits] = useState<PolicyHit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    policiesApi.policyStats().then(setHits, setError);
  }, []);
  if (!hits) return error ? <ErrorMessage error={error} /> : <PostSkeletons count={1} />;
  return (
    <section class="card" data-testid="admin-policy-stats">
      <h2>{t("admin.policyStats.title")}</h2>
      <table class="stats-table">
        <thead>
          <tr>
            <th>{t("admin.policyStats.rule")}</th>
            <th>{t("admin.policyStats.count")}</th>
            <th>{t("admin.policyStats.last")}</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((h) => (
            <tr key={h.rule} data-testid={`policy-hit-${h.rule}`}>
              <td>{t(`admin.policyStats.rule.${h.rule}` as MessageKey)}</td>
              <td>{h.count}</td>
              <td>{h.lastHitAt ? new Date(h.lastHitAt).toLocaleString() : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
