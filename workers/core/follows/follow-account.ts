import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import type { Relationship } from "./ports";

/** How many of a newly followed account's recent posts are copied into the follower's home timeline. */
export const HOME_BACKFILL = 40;

type FollowDeps = Pick<CoreDeps, "accounts" | "follows" | "followRequests" | "posts" | "relations" | "clock" | "ids" | "events">;

/** The viewer's relationship to another account, with a pending request to it. */
export async function relationshipWith(
  deps: Pick<CoreDeps, "follows" | "followRequests">,
  viewerId: string,
  otherId: string,
): Promise<Relationship> {
  const [r, requested] = await Promise.all([
    deps.follows.relationship(viewerId, otherId),
    deps.followRequests.isPending(viewerId, otherId),
  ]);
  return { ...r, requested: requested && !r.following };
}

/** Follows an account at once, or, when it is locked, asks its owner (a follow request). */
export async function followAccount(deps: FollowDeps, followerId: string, target: string): Promise<Result<Relationship>> {
  const followee = await deps.accounts.findByUsername(target);
  if (!followee) return fail("not_found", "Account not found.");
  if (followee.id === followerId) return fail("validation_failed", "You cannot follow yourself.");
  if (await deps.relations.isBlockedEitherWay(followerId, followee.id))
    return fail("forbidden", "You can't follow this account.");
  if (followee.locked && !(await deps.follows.isFollowing(followerId, followee.id))) {
    const added = await deps.followRequests.add({
      id: deps.ids.next(),
      accountId: followee.id,
      requester: { kind: "local", accountId: followerId },
      createdAt: deps.clock.now(),
    });
    if (added) await deps.events.emit({ type: "follow.requested", followerId, followeeId: followee.id });
    return ok(await relationshipWith(deps, followerId, followee.id));
  }
  if (await deps.follows.follow(followerId, followee.id, deps.clock.now())) {
    await deps.posts.backfillHome(followerId, followee.id, HOME_BACKFILL);
    await deps.events.emit({ type: "follow.created", followerId, followeeId: followee.id });
  }
  return ok(await relationshipWith(deps, followerId, followee.id));
}

/** Unfollows, or withdraws a pending follow request. */
export async function unfollowAccount(
  deps: Pick<CoreDeps, "accounts" | "follows" | "followRequests" | "posts" | "events">,
  followerId: string,
  target: string,
): Promise<Result<Relationship>> {
  const followee = await deps.accounts.findByUsername(target);
  if (!followee) return fail("not_found", "Account not found.");
  await deps.followRequests.withdraw(followerId, followee.id);
  if (await deps.follows.unfollow(followerId, followee.id)) {
    await deps.posts.removeFromHome(followerId, followee.id);
    await deps.events.emit({ type: "follow.removed", followerId, followeeId: followee.id });
  }
  return ok(await relationshipWith(deps, followerId, followee.id));
}
