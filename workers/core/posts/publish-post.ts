import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { localReachOf, type Post, profileReachOf } from "./post";
import { type PublishPostInput, preparePost } from "./prepare-post";

export type { PublishPostInput } from "./prepare-post";
export { textLength } from "./prepare-post";

/** Publishes a post outside any community (profile post), fanning it out to home timelines. */
export async function publishPost(
  deps: Pick<CoreDeps, "accounts" | "posts" | "follows" | "communities" | "clock" | "ids" | "events">,
  authorId: string,
  input: PublishPostInput,
): Promise<Result<Post>> {
  const prepared = await preparePost(deps, authorId, input);
  if (!prepared.ok) return prepared;
  const { text, cw, visibility, parent, mentionIds } = prepared.value;
  if (parent?.communityId) return fail("validation_failed", "Replies to a community post are posted in that community.");
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
      localReach: localReachOf(visibility),
      profileReach: profileReachOf(visibility),
      communityId: null,
      seq: null,
      createdAt: deps.clock.now(),
    },
    { followersOf: visibility === "direct" ? null : authorId, accountIds: [authorId, ...mentionIds] },
  );
  await deps.events.emit({ type: "post.published", post });
  return ok(post);
}
