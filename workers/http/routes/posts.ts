import { Hono } from "hono";
import * as v from "valibot";
import { deletePost } from "../../core/posts/delete-post";
import { VISIBILITIES } from "../../core/posts/post";
import { publishPost } from "../../core/posts/publish-post";
import { getPost, getThread } from "../../core/posts/view-post";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { Id, parseJson } from "../parse";
import { presentPost } from "../present";
import { requireSignIn, signedIn } from "../session";

const NewPost = v.object({
  text: v.string(),
  visibility: v.optional(v.picklist(VISIBILITIES)),
  cw: v.optional(v.nullable(v.string())),
  replyToId: v.optional(v.nullable(Id)),
  communityId: v.optional(v.nullable(Id)),
});

function postId(c: AppContext): string | null {
  const r = v.safeParse(Id, c.req.param("id"));
  return r.success ? r.output : null;
}

export const postRoutes = new Hono<AppEnv>()
  .post("/", requireSignIn, async (c) => {
    const body = await parseJson(c, NewPost);
    if (!body.ok) return body.response;
    const viewer = signedIn(c);
    const { communityId, ...input } = body.value;
    // A reply to a community post belongs to that community.
    const parent = !communityId && input.replyToId ? await c.get("deps").posts.findById(input.replyToId) : null;
    const target = communityId ?? parent?.communityId ?? null;
    if (target) {
      // Community posts go through the community's Durable Object, which serialises,
      // rate-limits, writes to D1 and fans out to live clients.
      const origin = c.get("config").origin;
      const r = await c.env.COMMUNITY.getByName(target).publish({ communityId: target, authorId: viewer.id, origin, input });
      if (!r.ok) return domainErrorResponse(c, r.error);
      return c.json({ post: r.post }, 201);
    }
    const r = await publishPost(c.get("deps"), viewer.id, input);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ post: presentPost(c.get("config").origin, r.value, viewer.id) }, 201);
  })
  .get("/:id", async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const viewer = c.get("viewer")?.id ?? null;
    const r = await getPost(c.get("deps"), viewer, id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ post: presentPost(c.get("config").origin, r.value, viewer) });
  })
  .get("/:id/thread", async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const viewer = c.get("viewer")?.id ?? null;
    const r = await getThread(c.get("deps"), viewer, id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    const origin = c.get("config").origin;
    const present = (p: Parameters<typeof presentPost>[1]) => presentPost(origin, p, viewer);
    return c.json({
      ancestors: r.value.ancestors.map(present),
      post: present(r.value.post),
      descendants: r.value.descendants.map(present),
    });
  })
  .delete("/:id", requireSignIn, async (c) => {
    const id = postId(c);
    if (!id) return errorResponse(c, "not_found", "Post not found.");
    const r = await deletePost(c.get("deps"), signedIn(c).id, id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.body(null, 204);
  });
