import { useEffect, useMemo, useState } from "preact/hooks";
import { type Notification, notificationsApi } from "../api/notifications";
import { ErrorMessage } from "../components/error-message";
import { FollowRequests } from "../components/follow-requests";
import { LoadMore } from "../components/load-more";
import { groupNotifications, NotificationItem } from "../components/notification-item";
import { PostSkeletons } from "../components/skeleton";
import { t } from "../i18n";
import { markAllRead, onNotification } from "../state/notifications";
import { session } from "../state/session";

/** `/notifications`: newest first, infinite scroll, new ones arrive live; viewing marks them read. */
export function NotificationsRoute() {
  const me = session.value;
  if (me === undefined) return <PostSkeletons count={2} />;
  if (me === null) {
    return (
      <p class="card">
        <a href="/login">{t("notifications.signIn")}</a>
      </p>
    );
  }
  return <NotificationTabs key={me.id} />;
}

/** All notifications, or those my notification filter held back. */
function NotificationTabs() {
  const [tab, setTab] = useState<"all" | "filtered">("all");
  return (
    <>
      <h1 class="page-title">{t("notifications.title")}</h1>
      <nav class="tabs" aria-label={t("notifications.title")}>
        {(["all", "filtered"] as const).map((id) => (
          <button
            key={id}
            type="button"
            class="tab"
            data-testid={`notifications-tab-${id}`}
            aria-current={tab === id ? "page" : undefined}
            onClick={() => setTab(id)}
          >
            {t(id === "all" ? "notifications.tab.all" : "notifications.tab.filtered")}
          </button>
        ))}
      </nav>
      <Notifications key={tab} filtered={tab === "filtered"} />
    </>
  );
}

function Notifications({ filtered = false }: { filtered?: boolean }) {
  const [items, setItems] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [started, setStarted] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function loadMore() {
    if (loading || !hasMore) return;
    setLoading(true);
    setError(null);
    try {
      const page = await (filtered ? notificationsApi.filtered(cursor) : notificationsApi.list(cursor));
      setItems((list) => {
        const seen = new Set(list.map((n) => n.id));
        return [...list, ...page.items.filter((n) => !seen.has(n.id))];
      });
      setCursor(page.nextCursor);
      setHasMore(page.nextCursor !== null);
      if (filtered) {
        // The Filtered tab neither marks read nor takes live notifications.
      } else if (!started && page.items[0]) void markAllRead(page.items[0].id);
      else if (!started) void markAllRead();
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
      setStarted(true);
    }
  }

  useEffect(() => {
    void loadMore();
    if (filtered) return;
    return onNotification((n) => {
      setItems((list) => (list.some((x) => x.id === n.id) ? list : [{ ...n, read: true }, ...list]));
      if (document.visibilityState === "visible") void markAllRead(n.id);
    });
  }, []);

  const groups = useMemo(() => groupNotifications(items), [items]);
  return (
    <div class="notifications">
      {!filtered && <FollowRequests />}
      <div class="card notification-list" data-testid="notifications" aria-busy={loading}>
        {groups.map((g) => (
          <NotificationItem key={g.key} group={g} />
        ))}
        {started && items.length === 0 && !error && (
          <p class="empty" data-testid="empty">
            {t("notifications.empty")}
          </p>
        )}
      </div>
      {!started && <PostSkeletons count={2} />}
      <ErrorMessage error={error} onRetry={() => void loadMore()} />
      {started && hasMore && !error && <LoadMore loading={loading} onLoad={() => void loadMore()} />}
    </div>
  );
}
