import type { Community } from "../api/communities";
import { COMMUNITY_POST_VISIBILITIES } from "../api/communities";
import { t } from "../i18n";
import type { CommunityFeed } from "../state/community-feed";
import { session } from "../state/session";
import { Composer } from "./composer";
import { ErrorMessage } from "./error-message";
import { HighlightsBanner } from "./highlights-banner";
import { LiveStatus } from "./live-status";
import { LoadMore } from "./load-more";
import { MoreMarker } from "./more-marker";
import { PostCard } from "./post-card";
import { PostSkeletons } from "./skeleton";

/** The live community timeline: status, composer (members), highlights banner, posts or highlights. */
export function CommunityTimeline({ feed, community }: { feed: CommunityFeed; community: Community }) {
  const signedIn = Boolean(session.value);
  const member = community.me?.member ?? false;
  const highlights = feed.mode.value === "highlights";
  const firstLoad = !feed.started.value;
  const count = highlights ? feed.highlights.value.length : feed.posts.value.length;
  const canReply = signedIn && member;
  return (
    <section class="community-timeline" aria-label={t("community.tab.timeline")}>
      <LiveStatus state={feed.liveState.value} rate={feed.rate.value} />
      {member && !community.archived && (
        <Composer
          communityId={community.id}
          visibilities={COMMUNITY_POST_VISIBILITIES}
          placeholder={t("community.composer", { title: community.title || community.name })}
        />
      )}
      {!member && signedIn && <p class="hint composer-hint">{t("community.joinToPost")}</p>}
      {community.archived && <p class="hint composer-hint">{t("community.archivedHint")}</p>}
      {highlights && (
        <HighlightsBanner pending={feed.pending.value} onShowAll={() => feed.showAll()} onRefresh={() => void feed.reload()} />
      )}
      <div data-testid="timeline" class="timeline" role="feed" aria-busy={feed.loading.value}>
        {highlights
          ? feed.highlights.value.map((item) =>
              item.type === "post" ? (
                <PostCard key={item.id} post={item} canReply={canReply} showCommunity={false} />
              ) : (
                <MoreMarker key={`more-${item.from}`} marker={item} />
              ),
            )
          : feed.posts.value.map((post) => <PostCard key={post.id} post={post} canReply={canReply} showCommunity={false} />)}
      </div>
      {firstLoad && <PostSkeletons />}
      {!firstLoad && count === 0 && !feed.error.value && (
        <p class="empty" data-testid="empty">
          {t("community.emptyTimeline")}
        </p>
      )}
      <ErrorMessage error={feed.error.value} onRetry={() => void feed.loadMore()} />
      {!firstLoad && feed.hasMore.value && !feed.error.value && (
        <LoadMore loading={feed.loading.value} onLoad={() => void feed.loadMore()} />
      )}
      {!firstLoad && !feed.hasMore.value && count > 0 && <p class="feed-end">{t("timeline.end")}</p>}
    </section>
  );
}
