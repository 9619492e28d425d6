import type { CoreDeps } from "../deps";
import { localReachOf, type Post, profileReachOf } from "../posts/post";
import { type PublishPostInput, preparePost } from "../posts/prepare-post";
import { fail, ok, type Result } from "../shared/result";
import { type Access, communityAccess, isPubliclyReadable } from "./access";
import type { Decision } from "./rate-limit";

export interface CommunityPostContext {
  /** The next sequence number of the community (the Durable Object owns the counter). */
  readonly nextSeq: number;
  /** The community Durable Object's rate limiter, consulted once access is established. */
  readonly rateLimit: (access: Access) => Decision;
}

/**
 * Publishes into a community. Runs inside the community's Durable Object, which
 * serialises calls, so sequence numbers are assigned in order without gaps.
 */
export async function publishCommunityPost(
  deps: Pick<CoreDeps, "accounts" | "posts" | "follows" | "communities" | "clock" | "ids" | "events">,
  authorId: string,
  communityId: string,
  input: PublishPostInput,
  ctx: CommunityPostContext,
): Promise<Result<Post>> {
  const access = await communityAccess(deps, authorId, communityId);
  if (!access?.canRead) return fail("not_found", "Community not found.");
  if (!access.canPost) {
    return access.membership
      ? fail("forbidden", "This community is archived.")
      : fail("forbidden", "Join this community to post in it.");
  }
  const now = deps.clock.now();
  if (access.membership?.mutedUntil && access.membership.mutedUntil > now) {
    return fail("forbidden", "You are muted in this community.");
  }
  const decision = ctx.rateLimit(access);
  if (!decision.allowed) {
    return fail("rate_limited", "You are posting too fast. Wait a moment.", { retryAfter: decision.retryAfterSeconds });
  }
  const prepared = await preparePost(deps, authorId, input);
  if (!prepared.ok) return prepared;
  const { text, cw, visibility, parent } = prepared.value;
  if (parent && parent.communityId !== communityId)
    return fail("validation_failed", "A reply belongs to its parent's community.");
  if (visibility === "direct") return fail("validation_failed", "Direct messages cannot be posted in a community.");

  // Mentioned accounts get the post in their home only if they may read the community.
  const readers = await Promise.all(
    prepared.value.mentionIds.map(async (id) => ((await communityAccess(deps, id, access.community))?.canRead ? id : null)),
  );
  const mentionIds = readers.filter((id): id is string => id !== null);
  const id = deps.ids.next();
  const post = await deps.posts.insert(
    {
      id,
      authorId,
      text,
      cw,
      visibility,
      replyToId: parent?.id ?? null,
      rootId: parent?.rootId ?? id,
      mentionIds,
      // Community posts live in their community, not on the server-wide local timeline.
      localReach: localReachOf("unlisted"),
      // Posts of members-only communities never show on profiles; others follow their visibility.
      profileReach: isPubliclyReadable(access.community, access.root) ? profileReachOf(visibility) : "nobody",
      communityId,
      seq: ctx.nextSeq,
      createdAt: now,
    },
    { followersOf: null, accountIds: mentionIds },
  );
  await deps.events.emit({ type: "post.published", post });
  return ok(post);
}
