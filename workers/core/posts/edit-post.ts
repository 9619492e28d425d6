import { communityAccess } from "../communities/access";
import type { CoreDeps } from "../deps";
import { applyPostPolicy } from "../moderation/post-policy";
import { fail, ok, type Result } from "../shared/result";
import { extractHashtags } from "./hashtags";
import type { PostVersion } from "./ports";
import type { Post, Viewer } from "./post";
import { checkText, indexesHashtags, resolveMentions } from "./prepare-post";
import { canView, isPublicPlace } from "./visibility";

export const HISTORY_MAX = 50;

/**
 * The author edits a post's text or content warning (same rules as publishing).
 * The previous version goes to the history; mentions and hashtags are re-derived.
 */
export async function editPost(
  deps: Pick<CoreDeps, "accounts" | "posts" | "communities" | "media" | "settings" | "policyStats" | "clock" | "ids" | "events">,
  actorId: string,
  postId: string,
  patch: { text?: string; cw?: string | null },
): Promise<Result<Post>> {
  const post = await deps.posts.findById(postId);
  if (!post || post.deletedAt) return fail("not_found", "Post not found.");
  if (post.author.id !== actorId) return fail("forbidden", "You can only edit your own posts.");
  if (post.boostOfId) return fail("validation_failed", "A boost has no text to edit.");
  const hasMedia = ((await deps.media.forPosts([post.id])).get(post.id)?.length ?? 0) > 0;
  const checked = checkText(patch.text ?? post.text, patch.cw === undefined ? post.cw : patch.cw, hasMedia);
  if (!checked.ok) return checked;
  const { text } = checked.value;
  const policy = await applyPostPolicy(deps, text, checked.value.cw);
  if (!policy.ok) return policy;
  const { cw } = policy.value;
  if (text === post.text && cw === post.cw) return ok(post);

  let mentionIds = await resolveMentions(deps, actorId, text);
  if (post.communityId) {
    // As when publishing: only accounts that may read the community are mentioned.
    const readable = await Promise.all(
      mentionIds.map(async (id) => ((await communityAccess(deps, id, post.communityId ?? ""))?.canRead ? id : null)),
    );
    mentionIds = readable.filter((id): id is string => id !== null);
  }
  const indexed = indexesHashtags(post.visibility, await isPublicPlace(deps, post));
  const updated = await deps.posts.edit(post, {
    text,
    cw,
    mentionIds,
    hashtags: indexed ? extractHashtags([text, cw]) : [],
    editId: deps.ids.next(),
    at: deps.clock.now(),
  });
  await deps.events.emit({ type: "post.edited", post: updated });
  return ok(updated);
}

/** Earlier versions of a post, newest first, for whoever may see the post. */
export async function postHistory(
  deps: Pick<CoreDeps, "posts" | "follows" | "communities">,
  viewer: Viewer,
  postId: string,
): Promise<Result<PostVersion[]>> {
  const post = await deps.posts.findById(postId);
  if (!post || !(await canView(deps, viewer, post))) return fail("not_found", "Post not found.");
  return ok(await deps.posts.history(post.id, HISTORY_MAX));
}
