import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";

/** Soft-deletes a post: it disappears from every timeline. Deleting twice is not an error. */
export async function deletePost(
  deps: Pick<CoreDeps, "accounts" | "posts" | "clock" | "events">,
  actorId: string,
  postId: string,
): Promise<Result<null>> {
  const post = await deps.posts.findById(postId);
  if (!post) return fail("not_found", "Post not found.");
  if (post.author.id !== actorId) {
    const actor = await deps.accounts.findById(actorId);
    const moderates = actor?.role === "admin" || actor?.role === "moderator";
    // Someone else's post that the actor cannot moderate: do not reveal more than "not yours".
    if (!moderates) return fail("forbidden", "You can only delete your own posts.");
  }
  if (post.deletedAt) return ok(null);
  await deps.posts.softDelete(post, deps.clock.now());
  await deps.events.emit({ type: "post.deleted", post });
  return ok(null);
}
