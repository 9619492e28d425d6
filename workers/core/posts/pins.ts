import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import type { Post, Viewer } from "./post";
import { filterVisible, isPublicPlace } from "./visibility";

export const PINS_MAX = 5;

type PinDeps = Pick<CoreDeps, "accounts" | "posts" | "pins" | "follows" | "communities" | "clock">;

async function ownPost(deps: PinDeps, accountId: string, postId: string): Promise<Result<Post>> {
  const post = await deps.posts.findById(postId);
  if (!post || post.deletedAt) return fail("not_found", "Post not found.");
  if (post.author.id !== accountId) return fail("forbidden", "You can only pin your own posts.");
  return ok(post);
}

/** Pins one of your own public, local-public or unlisted posts to your profile (at most PINS_MAX). */
export async function pinPost(deps: PinDeps, accountId: string, postId: string): Promise<Result<Post>> {
  const found = await ownPost(deps, accountId, postId);
  if (!found.ok) return found;
  const post = found.value;
  if (post.boostOfId) return fail("validation_failed", "Boosts cannot be pinned.");
  if (!["public", "local_public", "unlisted"].includes(post.visibility) || !(await isPublicPlace(deps, post)))
    return fail("validation_failed", "Only public, local-public and unlisted posts can be pinned.");
  const r = await deps.pins.pin(accountId, post.id, deps.clock.now(), PINS_MAX);
  if (r === "full") return fail("validation_failed", `You can pin at most ${PINS_MAX} posts. Unpin one first.`);
  return ok(post);
}

export async function unpinPost(deps: PinDeps, accountId: string, postId: string): Promise<Result<Post>> {
  const found = await ownPost(deps, accountId, postId);
  if (!found.ok) return found;
  await deps.pins.unpin(accountId, found.value.id);
  return found;
}

/** An account's pinned posts that the viewer may see. */
export async function pinnedPosts(deps: PinDeps, viewer: Viewer, username: string): Promise<Result<Post[]>> {
  const account = await deps.accounts.findByUsername(username);
  if (!account) return fail("not_found", "Account not found.");
  const pinned = await deps.pins.list(account.id, PINS_MAX);
  return ok(await filterVisible(deps, viewer, pinned));
}
