import type { CoreDeps } from "../deps";
import type { HomeAudience, NewPost } from "../posts/ports";
import { draftPost, type PublishPostInput, preparePost } from "../posts/prepare-post";
import { fail, ok, type Result } from "../shared/result";
import { type Access, communityAccess, isPubliclyReadable } from "./access";
import type { Decision } from "./rate-limit";

/** A community post that passed every check, waiting for its sequence number and the group commit. */
export interface PendingCommunityPost {
  readonly post: Omit<NewPost, "seq">;
  readonly audience: HomeAudience;
  /** Checked uploads to attach once the post is stored. */
  readonly mediaIds: readonly string[];
}

/**
 * Checks and prepares a post into a community. Runs inside the community's Durable
 * Object, which then assigns sequence numbers in commit order and writes a group of
 * pending posts to D1 in one batch (`PostStore.insertMany`).
 */
export async function prepareCommunityPost(
  deps: Pick<CoreDeps, "accounts" | "posts" | "follows" | "communities" | "media" | "clock" | "ids" | "settings" | "policyStats">,
  authorId: string,
  communityId: string,
  input: PublishPostInput,
  rateLimit: (access: Access) => Decision,
): Promise<Result<PendingCommunityPost>> {
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
  const decision = rateLimit(access);
  if (!decision.allowed) {
    return fail("rate_limited", "You are posting too fast. Wait a moment.", { retryAfter: decision.retryAfterSeconds });
  }
  const prepared = await preparePost(deps, authorId, input, communityId);
  if (!prepared.ok) return prepared;
  const { visibility, parent } = prepared.value;
  if (parent && parent.communityId !== communityId)
    return fail("validation_failed", "A reply belongs to its parent's community.");
  if (visibility === "direct" || visibility === "followers") {
    return fail("validation_failed", "Community posts are public, local_public, unlisted or local_only.");
  }

  // Mentioned accounts get the post in their home only if they may read the community.
  const readers = await Promise.all(
    prepared.value.mentionIds.map(async (id) => ((await communityAccess(deps, id, access.community))?.canRead ? id : null)),
  );
  const mentionIds = readers.filter((id): id is string => id !== null);
  return ok({
    post: draftPost(
      prepared.value,
      { communityId, publicPlace: isPubliclyReadable(access.community, access.root), mentionIds },
      { id: deps.ids.next(), authorId, createdAt: now },
    ),
    audience: { followersOf: null, accountIds: mentionIds },
    mediaIds: prepared.value.mediaIds,
  });
}
