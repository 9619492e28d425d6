import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import type { Relationship } from "./ports";

/** How many of a newly followed account's recent posts are copied into the follower's home timeline. */
export const HOME_BACKFILL = 40;

export async function followAccount(
  deps: Pick<CoreDeps, "accounts" | "follows" | "posts" | "relations" | "clock" | "events">,
  followerId: string,
  target: string,
): Promise<Result<Relationship>> {
  const followee = await deps.accounts.findByUsername(target);
  if (!followee) return fail("not_found", "Account not found.");
  if (followee.id === followerId) return fail("validation_failed", "You cannot follow yourself.");
  if (await deps.relations.isBlockedEitherWay(followerId, followee.id))
    return fail("forbidden", "You can't follow this account.");
  if (await deps.follows.follow(followerId, followee.id, deps.clock.now())) {
    await deps.posts.backfillHome(followerId, followee.id, HOME_BACKFILL);
    await deps.events.emit({ type: "follow.created", followerId, followeeId: followee.id });
  }
  return ok(await deps.follows.relationship(followerId, followee.id));
}

export async function unfollowAccount(
  deps: Pick<CoreDeps, "accounts" | "follows" | "posts" | "events">,
  followerId: string,
  target: string,
): Promise<Result<Relationship>> {
  const followee = await deps.accounts.findByUsername(target);
  if (!followee) return fail("not_found", "Account not found.");
  if (await deps.follows.unfollow(followerId, followee.id)) {
    await deps.posts.removeFromHome(followerId, followee.id);
    await deps.events.emit({ type: "follow.removed", followerId, followeeId: followee.id });
  }
  return ok(await deps.follows.relationship(followerId, followee.id));
}
