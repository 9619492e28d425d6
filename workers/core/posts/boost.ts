import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { type Post, profileReachOf } from "./post";
import { canView, isPublicPlace } from "./visibility";

type BoostDeps = Pick<CoreDeps, "posts" | "follows" | "communities" | "clock" | "ids" | "events">;

/** The post a boost points at (a boost of a boost boosts the original), if the viewer may see it. */
async function boostable(deps: BoostDeps, accountId: string, postId: string): Promise<Result<Post>> {
  let post = await deps.posts.findById(postId);
  if (post?.boostOfId) post = await deps.posts.findById(post.boostOfId);
  if (!post || !(await canView(deps, accountId, post))) return fail("not_found", "Post not found.");
  return ok(post);
}

/**
 * Boosts (renotes) a post: a text-less post row pointing at it, with the original's
 * visibility, fanned out to the booster's followers and shown on their profile.
 * Followers-only and direct posts, and posts of members-only communities, cannot be
 * boosted: that would widen their audience. Boosting twice is not an error.
 */
export async function boostPost(deps: BoostDeps, accountId: string, postId: string): Promise<Result<Post>> {
  const found = await boostable(deps, accountId, postId);
  if (!found.ok) return found;
  const original = found.value;
  if (original.visibility === "followers" || original.visibility === "direct")
    return fail("forbidden", "Followers-only and direct posts cannot be boosted.");
  if (!(await isPublicPlace(deps, original))) return fail("forbidden", "Posts of members-only communities cannot be boosted.");
  const existing = await deps.posts.findBoost(accountId, original.id);
  if (existing && !existing.deletedAt) return ok((await deps.posts.findById(original.id)) ?? original);
  if (existing) await deps.posts.removeBoost(existing, deps.clock.now());
  const id = deps.ids.next();
  const boost = await deps.posts
    .insert(
      {
        id,
        authorId: accountId,
        text: "",
        cw: null,
        visibility: original.visibility,
        replyToId: null,
        rootId: id,
        mentionIds: [],
        // Boosts are not on the local timeline (the original is), but on profiles and home timelines.
        localReach: "none",
        profileReach: profileReachOf(original.visibility),
        communityId: null,
        seq: null,
        boostOfId: original.id,
        createdAt: deps.clock.now(),
      },
      { followersOf: accountId, accountIds: [accountId] },
    )
    .catch(async (err: unknown) => {
      // Two boosts of the same post at the same moment: the unique index lets one in;
      // the other finds it and answers as if it had been first (boosting is idempotent).
      const winner = await deps.posts.findBoost(accountId, original.id);
      if (winner && !winner.deletedAt) return null;
      throw err;
    });
  if (boost) await deps.events.emit({ type: "post.published", post: boost });
  return ok((await deps.posts.findById(original.id)) ?? original);
}

/** Withdraws the account's boost of a post (no boost is not an error). */
export async function unboostPost(deps: BoostDeps, accountId: string, postId: string): Promise<Result<Post>> {
  const found = await boostable(deps, accountId, postId);
  if (!found.ok) return found;
  const boost = await deps.posts.findBoost(accountId, found.value.id);
  if (boost) {
    await deps.posts.removeBoost(boost, deps.clock.now());
    if (!boost.deletedAt) await deps.events.emit({ type: "post.deleted", post: boost });
  }
  return ok((await deps.posts.findById(found.value.id)) ?? found.value);
}
