import { useEffect } from "preact/hooks";
import type { Post } from "../api/client";
import { t } from "../i18n";
import { onPostEvent } from "../live/post-events";
import type { PagedList } from "../state/paged-list";
import { session } from "../state/session";
import { ErrorMessage } from "./error-message";
import { LoadMore } from "./load-more";
import { PostCard } from "./post-card";
import { PostSkeletons } from "./skeleton";

export interface PostListProps {
  list: PagedList;
  /** Shown when the first page is empty. */
  emptyText: string;
  /** Accessible name of the feed. */
  label: string;
  /** Which newly created posts (from the composer or, later, live updates) belong at the top. */
  acceptsNew?: (post: Post) => boolean;
}

/** A feed of posts with infinite scroll, skeletons on first load, and an empty state. */
export function PostList({ list, emptyText, label, acceptsNew }: PostListProps) {
  useEffect(() => {
    void list.loadMore();
    return onPostEvent((event) => {
      if (event.kind === "deleted") list.remove(event.id);
      else if (event.kind === "created") {
        if (acceptsNew?.(event.post)) list.prepend(event.post);
      } else list.update(event);
    });
  }, [list, acceptsNew]);

  const items = list.items.value;
  const firstLoad = !list.started.value;
  const signedIn = Boolean(session.value);
  return (
    <section class="feed" aria-label={label} aria-busy={list.loading.value}>
      <div data-testid="timeline" class="timeline" role="feed" aria-busy={list.loading.value}>
        {items.map((post) => (
          <PostCard key={post.id} post={post} canReply={signedIn} />
        ))}
      </div>
      {firstLoad && <PostSkeletons />}
      {!firstLoad && items.length === 0 && !list.error.value && (
        <p class="empty" data-testid="empty">
          {emptyText}
        </p>
      )}
      <ErrorMessage error={list.error.value} onRetry={() => void list.loadMore()} />
      {!firstLoad && list.hasMore.value && !list.error.value && (
        <LoadMore loading={list.loading.value} onLoad={() => void list.loadMore()} />
      )}
      {!firstLoad && !list.hasMore.value && items.length > 0 && <p class="feed-end">{t("timeline.end")}</p>}
    </section>
  );
}
