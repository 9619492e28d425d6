import { useEffect, useState } from "preact/hooks";
import { type Dashboard, type DeadLetter, moderationApi, type Peer } from "../../api/moderation";
import { formatDateTime, type MessageKey, t } from "../../i18n";
import { session } from "../../state/session";
import { ErrorMessage } from "../error-message";
import { PostSkeletons } from "../skeleton";

const FIGURES: readonly [keyof Dashboard, MessageKey][] = [
  ["users", "moderation.dashboard.users"],
  ["activeUsers7d", "moderation.dashboard.active"],
  ["posts", "moderation.dashboard.posts"],
  ["openReports", "moderation.dashboard.openReports"],
  ["pendingSignups", "moderation.dashboard.pendingSignups"],
  ["deadLetters", "moderation.dashboard.deadLetters"],
  ["parkedTasks", "moderation.dashboard.parkedTasks"],
  ["peers", "moderation.dashboard.peers"],
  ["unavailablePeers", "moderation.dashboard.unavailablePeers"],
  ["remoteActors", "moderation.dashboard.remoteActors"],
  ["remotePosts", "moderation.dashboard.remotePosts"],
];

/** Admin → Dashboard: server figures, the delivery backlog (dead letters, with replay) and peer health. */
export function AdminDashboard() {
  const [figures, setFigures] = useState<Dashboard | null>(null);
  const [peers, setPeers] = useState<Peer[]>([]);
  const [dead, setDead] = useState<DeadLetter[]>([]);
  const [error, setError] = useState<unknown>(null);
  const isAdmin = session.value?.role === "admin";

  const load = () =>
    Promise.all([moderationApi.dashboard(), moderationApi.peers(), moderationApi.deadLetters()]).then(([f, p, d]) => {
      setFigures(f);
      setPeers(p);
      setDead(d);
    }, setError);
  useEffect(() => {
    void load();
  }, []);

  async function replay(id: string) {
    setError(null);
    try {
      await moderationApi.replay(id);
      await load();
    } catch (err) {
      setError(err);
    }
  }

  if (!figures) return error ? <ErrorMessage error={error} /> : <PostSkeletons count={1} />;
  const nf = new Intl.NumberFormat();
  return (
    <div class="admin-dashboard" data-testid="admin-dashboard">
      <dl class="card stat-grid">
        {FIGURES.map(([key, label]) => (
          <div key={key} class="stat" data-testid={`stat-${key}`}>
            <dt>{t(label)}</dt>
            <dd>{nf.format(figures[key] as number)}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">
        {t("moderation.dashboard.lastStaff", {
          time: figures.lastStaffActivity ? formatDateTime(figures.lastStaffActivity) : "—",
        })}
      </p>
      <ErrorMessage error={error} />
      <section class="card">
        <h2>{t("moderation.dashboard.deadLettersTitle")}</h2>
        {dead.length === 0 ? (
          <p class="muted">{t("moderation.dashboard.noDeadLetters")}</p>
        ) : (
          <table class="admin-table">
            <thead>
              <tr>
                <th>{t("moderation.dashboard.host")}</th>
                <th>{t("moderation.dashboard.activity")}</th>
                <th>{t("moderation.dashboard.reason")}</th>
                <th>{t("moderation.dashboard.when")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {dead.map((d) => (
                <tr key={d.id} data-testid="dead-letter">
                  <td>{d.host}</td>
                  <td>{d.activityType?.replace(/^.*#/, "") ?? "—"}</td>
                  <td title={d.error}>
                    {d.reason} ({d.attempts})
                  </td>
                  <td>{formatDateTime(d.createdAt)}</td>
                  <td>
                    {isAdmin && (
                      <button type="button" class="button button-secondary" onClick={() => void replay(d.id)}>
                        {t("moderation.dashboard.replay")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card">
        <h2>{t("moderation.dashboard.peersTitle")}</h2>
        {peers.length === 0 ? (
          <p class="muted">{t("moderation.dashboard.noPeers")}</p>
        ) : (
          <table class="admin-table">
            <thead>
              <tr>
                <th>{t("moderation.dashboard.host")}</th>
                <th>{t("moderation.dashboard.state")}</th>
                <th>{t("moderation.dashboard.failures")}</th>
                <th>{t("moderation.dashboard.lastSuccess")}</th>
              </tr>
            </thead>
            <tbody>
              {peers.map((p) => (
                <tr key={p.host} data-state={p.state}>
                  <td>{p.host}</td>
                  <td title={p.lastError ?? ""}>{t(`moderation.peer.${p.state}` as MessageKey)}</td>
                  <td>{p.consecutiveFailures}</td>
                  <td>{p.lastSuccessAt ? formatDateTime(p.lastSuccessAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
