import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import type { Post } from "./post";
import { draftPost, type PublishPostInput, preparePost } from "./prepare-post";

export type { PublishPostInput } from "./prepare-post";
export { textLength } from "./prepare-post";

/**
 * Attaches checked media to a stored post. The ids were checked before the insert;
 * if another request took one in between, the post is withdrawn and nothing stays.
 */
export async function attachMedia(
  deps: Pick<CoreDeps, "posts" | "media" | "clock">,
  post: Post,
  mediaIds: readonly string[],
): Promise<Result<null>> {
  if (mediaIds.length === 0) return ok(null);
  const attached = await deps.media.attach(post.author.id, mediaIds, post.id);
  if (attached === mediaIds.length) return ok(null);
  await deps.posts.softDelete(post, deps.clock.now());
  return fail("validation_failed", "Media must be your own uploads, not yet attached.");
}

/** Publishes a post outside any community (profile post), fanning it out to home timelines. */
export async function publishPost(
  deps: Pick<
    CoreDeps,
    "accounts" | "posts" | "follows" | "communities" | "media" | "clock" | "ids" | "events" | "settings" | "policyStats"
  >,
  authorId: string,
  input: PublishPostInput,
): Promise<Result<Post>> {
  const prepared = await preparePost(deps, authorId, input);
  if (!prepared.ok) return prepared;
  const { visibility, parent, mentionIds } = prepared.value;
  if (parent?.communityId) return fail("validation_failed", "Replies to a community post are posted in that community.");
  const post = await deps.posts.insert(
    {
      ...draftPost(
        prepared.value,
        { communityId: null, publicPlace: true, mentionIds },
        { id: deps.ids.next(), authorId, createdAt: deps.clock.now() },
      ),
      seq: null,
    },
    { followersOf: visibility === "direct" ? null : authorId, accountIds: [authorId, ...mentionIds] },
  );
  const attached = await attachMedia(deps, post, prepared.value.mediaIds);
  if (!attached.ok) return attached;
  await deps.events.emit({ type: "post.published", post });
  return ok(post);
}
