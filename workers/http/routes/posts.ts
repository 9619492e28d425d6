import { Hono } from "hono";
import * as v from "valibot";
import { MEDIA_PER_POST_MAX } from "../../core/media/ports";
import { bookmarkPost, unbookmarkPost } from "../../core/posts/bookmarks";
import { boostPost, unboostPost } from "../../core/posts/boost";
import { deletePost } from "../../core/posts/delete-post";
import { editPost, postHistory } from "../../core/posts/edit-post";
import { pinPost, unpinPost } from "../../core/posts/pins";
import type { Post } from "../../core/posts/post";
import { REACTION_ACCEPTANCES, VISIBILITIES } from "../../core/posts/post";
import { type PublishPostInput, publishPost } from "../../core/posts/publish-post";
import { addReaction, listReactions, removeReaction } from "../../core/posts/react";
import { getPost, getThread } from "../../core/posts/view-post";
import type { Result } from "../../core/shared/result";
import type { RemotePost } from "../../db/d1-remote-post-store";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { Id, parseJson } from "../parse";
import { postingWait } from "../post-rate-limit";
import { presentOne, presentPosts, presentRemotePosts } from "../post-view";
import { presentAuthor } from "../present";
import type { RemotePostActions } from "../remote-post-actions";
import { requireSignIn, signedIn } from "../session";

const NewPost = v.object({
  // May be empty when media is attached.
  text: v.optional(v.string(), ""),
  visibility: v.optional(v.picklist(VISIBILITIES)),
  cw: v.optional(v.nullable(v.string())),
  replyToId: v.optional(v.nullable(Id)),
  communityId: v.optional(v.nullable(Id)),
  quoteId: v.optional(v.nullable(Id)),
  mediaIds: v.optional(v.pipe(v.array(Id), v.maxLength(MEDIA_PER_POST_MAX))),
  reactionAcceptance: v.optional(v.picklist(REACTION_ACCEPTANCES)),
  sensitive: v.optional(v.boolean()),
});

const PostPatch = v.object({ text: v.optional(v.string()), cw: v.optional(v.nullable(v.string())) });
const ReactionBody = v.object({ emoji: v.pipe(v.string(), v.maxLength(100)) });

function postId(c: AppContext): string | null {
  const r = v.safeParse(Id, c.req.param("id"));
  return r.success ? r.output : null;
}

function viewerOf(c: AppContext): string | null {
  return c.get("viewer")?.id ?? null;
}

/** Answers `{post}` for a use case that returns a post, presented for the viewer. */
async function postResponse(c: AppContext, r: Result<Post>, status: 200 | 201 = 200): Promise<Response> {
  if (!r.ok) return domainErrorResponse(c, r.error);
  const post = await presentOne(c.get("deps"), c.get("config").origin, viewerOf(c), r.value);
  if (!post) return errorResponse(c, "not_found", "Post not found.");
  return c.json({ post }, status);
}

/**
 * When `:id` names no local post the viewer may see, tries it as a cached remote post
 * (the id the API presents for those) through the federation adapter, so reactions and
 * boosts use the same endpoints for both; answers `{post}` either way.
 */
async function orRemote(
  c: AppContext,
  local: Result<Post>,
  action: (remote: RemotePostActions, account: { id: string; username: string }) => Promise<Result<RemotePost>>,
): Promise<Response> {
  const remote = c.get("remoteActions");
  if (local.ok || local.error.code !== "not_found" || !remote) return postResponse(c, local);
  const viewer = signedIn(c);
  const r = await action(remote, { id: viewer.id, username: viewer.username });
  if (!r.ok) return domainErrorResponse(c, r.error);
  const { origin, remoteMedia } = c.get("config");
  const [post] = await presentRemotePosts(c.get("deps"), origin, viewer.id, [r.value], remoteMedia);
  return c.json({ post });
}

/** Runs a signed-in action on the post named by `:id`. */
function onPost(action: (c: AppContext, accountId: string, id: string) => Promise<Result<Post>>) {
  return async (c: AppContext) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    return postResponse(c, await action(c, signedIn(c).id, id));
  };
}

export const postRoutes = new Hono<AppEnv>()
  .post("/", requireSignIn, async (c) => {
    const body = await parseJson(c, NewPost);
    if (!body.ok) return body.response;
    const viewer = signedIn(c);
    const { communityId, ...fields } = body.value;
    let input: PublishPostInput = fields;
    // A reply to a community post belongs to that community.
    const parent = !communityId && input.replyToId ? await c.get("deps").posts.findById(input.replyToId) : null;
    if (!communityId && input.replyToId && !parent) {
      // Not ours: a cached remote post (its id as the API presents it) the viewer may read.
      const deps = c.get("deps");
      const [remote] = await deps.remotePosts.visibleTo(viewer.id, await deps.remotePosts.findMany([input.replyToId]));
      // Bluesky is read-only here: a reply could never reach it.
      if (remote?.protocol === "atproto")
        return errorResponse(c, "forbidden", "Bluesky posts can be read here, but not replied to.");
      if (remote) input = { ...input, replyToId: null, replyToExternal: remote.iri };
    }
    const target = communityId ?? parent?.communityId ?? null;
    if (target) {
      // Community posts go through the community's Durable Object, which serialises,
      // rate-limits, writes to D1 and fans out to live clients.
      const origin = c.get("config").origin;
      const r = await c.env.COMMUNITY.getByName(target).publish({ communityId: target, authorId: viewer.id, origin, input });
      if (!r.ok) return domainErrorResponse(c, r.error);
      return c.json({ post: r.post }, 201);
    }
    const wait = await postingWait(c.env, c.get("deps"), viewer.id);
    if (wait > 0) return errorResponse(c, "rate_limited", "You are posting too fast; wait a moment.", wait);
    return postResponse(c, await publishPost(c.get("deps"), viewer.id, input), 201);
  })
  .get("/:id", async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    return postResponse(c, await getPost(c.get("deps"), viewerOf(c), id));
  })
  .patch("/:id", requireSignIn, async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const body = await parseJson(c, PostPatch);
    if (!body.ok) return body.response;
    return postResponse(c, await editPost(c.get("deps"), signedIn(c).id, id, body.value));
  })
  .get("/:id/history", async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const r = await postHistory(c.get("deps"), viewerOf(c), id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ items: r.value.map((e) => ({ text: e.text, cw: e.cw, replacedAt: e.replacedAt.toISOString() })) });
  })
  .get("/:id/thread", async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const viewer = viewerOf(c);
    const r = await getThread(c.get("deps"), viewer, id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    const { ancestors, post, descendants } = r.value;
    // One presentation pass for the whole thread, then split back into its parts.
    const all = await presentPosts(c.get("deps"), c.get("config").origin, viewer, [...ancestors, post, ...descendants]);
    const byId = new Map(all.map((p) => [p.id, p]));
    const pick = (list: Post[]) => list.flatMap((p) => byId.get(p.id) ?? []);
    return c.json({ ancestors: pick(ancestors), post: byId.get(post.id) ?? null, descendants: pick(descendants) });
  })
  .delete("/:id", requireSignIn, async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const r = await deletePost(c.get("deps"), signedIn(c).id, id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.body(null, 204);
  })
  .get("/:id/reactions", async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const r = await listReactions(c.get("deps"), viewerOf(c), id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    const origin = c.get("config").origin;
    return c.json({
      items: r.value.map((x) => ({ emoji: x.emoji, count: x.count, accounts: x.accounts.map((a) => presentAuthor(origin, a)) })),
    });
  })
  .post("/:id/reactions", requireSignIn, async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const body = await parseJson(c, ReactionBody);
    if (!body.ok) return body.response;
    const { emoji } = body.value;
    const local = await addReaction(c.get("deps"), signedIn(c).id, id, emoji);
    return orRemote(c, local, (remote, account) => remote.react(account, id, emoji));
  })
  .delete("/:id/reactions/:emoji", requireSignIn, async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const emoji = c.req.param("emoji") ?? "";
    const local = await removeReaction(c.get("deps"), signedIn(c).id, id, emoji);
    return orRemote(c, local, (remote, account) => remote.unreact(account, id, emoji));
  })
  .post("/:id/boost", requireSignIn, async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const local = await boostPost(c.get("deps"), signedIn(c).id, id);
    return orRemote(c, local, (remote, account) => remote.boost(account, id));
  })
  .delete("/:id/boost", requireSignIn, async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const local = await unboostPost(c.get("deps"), signedIn(c).id, id);
    return orRemote(c, local, (remote, account) => remote.unboost(account, id));
  })
  .post(
    "/:id/bookmark",
    requireSignIn,
    onPost((c, accountId, id) => bookmarkPost(c.get("deps"), accountId, id)),
  )
  .delete(
    "/:id/bookmark",
    requireSignIn,
    onPost((c, accountId, id) => unbookmarkPost(c.get("deps"), accountId, id)),
  )
  .post(
    "/:id/pin",
    requireSignIn,
    onPost((c, accountId, id) => pinPost(c.get("deps"), accountId, id)),
  )
  .delete(
    "/:id/pin",
    requireSignIn,
    onPost((c, accountId, id) => unpinPost(c.get("deps"), accountId, id)),
  );
