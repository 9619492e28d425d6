import { useEffect, useState } from "preact/hooks";
import { type FollowRequest, followRequestsApi } from "../api/follow-requests";
import { t } from "../i18n";
import { Avatar } from "./avatar";
import { ErrorMessage } from "./error-message";

/**
 * Pending follow requests of a locked account, each with Accept and Reject. Shown only
 * when there are some (or `always`, on the settings page, where it says there are none).
 */
export function FollowRequests({ always = false }: { always?: boolean }) {
  const [items, setItems] = useState<FollowRequest[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    followRequestsApi
      .list()
      .then((page) => setItems(page.items))
      .catch(setError);
  }, []);

  async function answer(id: string, accept: boolean) {
    setBusy(id);
    setError(null);
    try {
      await (accept ? followRequestsApi.accept(id) : followRequestsApi.reject(id));
      setItems((list) => (list ?? []).filter((r) => r.id !== id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  if (!always && (items === null || items.length === 0) && !error) return null;
  return (
    <section class="card follow-requests" data-testid="follow-requests">
      <h2>{t("followRequests.title")}</h2>
      {items?.length === 0 && <p class="empty">{t("followRequests.empty")}</p>}
      <ul class="follow-request-list">
        {items?.map((r) => {
          const profile = r.account.remote ? null : `/@${r.account.username}`;
          return (
            <li key={r.id} class="follow-request" data-testid="follow-request">
              <Avatar url={r.account.avatarUrl} name={r.account.displayName} seed={r.account.id} size={36} />
              <span class="follow-request-name">
                {profile ? <a href={profile}>{r.account.displayName}</a> : r.account.displayName}{" "}
                <span class="username">@{r.account.acct}</span>
              </span>
              <span class="follow-request-actions">
                <button
                  type="button"
                  class="button"
                  disabled={busy === r.id}
                  data-testid="follow-request-accept"
                  onClick={() => void answer(r.id, true)}
                >
                  {t("followRequests.accept")}
                </button>
                <button
                  type="button"
                  class="button button-secondary"
                  disabled={busy === r.id}
                  data-testid="follow-request-reject"
                  onClick={() => void answer(r.id, false)}
                >
                  {t("followRequests.reject")}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <ErrorMessage error={error} />
    </section>
  );
}
