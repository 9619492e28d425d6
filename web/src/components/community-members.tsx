import { useEffect, useState } from "preact/hooks";
import { communitiesApi, type Member } from "../api/communities";
import { t } from "../i18n";
import { Avatar } from "./avatar";
import { ErrorMessage } from "./error-message";
import { LoadMore } from "./load-more";
import { PostSkeletons } from "./skeleton";

/** Members with their role, page by page. */
export function CommunityMembers({ communityId }: { communityId: string }) {
  const [items, setItems] = useState<Member[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function load(from: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await communitiesApi.members(communityId, from);
      setItems((current) => [...(from ? (current ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, [communityId]);

  return (
    <section aria-label={t("community.tab.members")} aria-busy={loading}>
      {items === null && !error && <PostSkeletons count={2} />}
      {items?.length === 0 && <p class="empty">{t("community.noMembers")}</p>}
      {items && items.length > 0 && (
        <ul class="member-list" data-testid="member-list">
          {items.map((m) => (
            <li key={m.account.id} class="member">
              <Avatar url={m.account.avatarUrl} name={m.account.displayName} seed={m.account.id} size={36} />
              <a href={`/@${m.account.username}`} class="member-name">
                <span class="display-name">{m.account.displayName}</span> <span class="username">@{m.account.username}</span>
              </a>
              {m.role !== "member" && (
                <span class="badge">{t(m.role === "owner" ? "community.role.owner" : "community.role.moderator")}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={error} onRetry={() => void load(cursor)} />
      {cursor && !error && <LoadMore loading={loading} onLoad={() => void load(cursor)} />}
    </section>
  );
}
