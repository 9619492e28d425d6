import { Hono } from "hono";
import type { Post } from "../../core/posts/post";
import type { Page } from "../../core/shared/ports";
import { homeTimeline, localTimeline, pageRequest } from "../../core/timelines/timelines";
import type { AppContext, AppEnv } from "../context";
import { PageQuery, parseQuery } from "../parse";
import { presentPosts } from "../post-view";
import { requireSignIn, signedIn } from "../session";

/** A page of posts for the viewer, presented in one batched pass (see presentPosts). */
export async function presentPage(c: AppContext, page: Page<Post>) {
  const items = await presentPosts(c.get("deps"), c.get("config").origin, c.get("viewer")?.id ?? null, page.items);
  return { items, nextCursor: page.nextCursor };
}

export const timelineRoutes = new Hono<AppEnv>()
  .get("/local", async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const page = await localTimeline(c.get("deps"), c.get("viewer")?.id ?? null, pageRequest(q.value.limit, q.value.cursor));
    return c.json(await presentPage(c, page));
  })
  .get("/home", requireSignIn, async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const page = await homeTimeline(c.get("deps"), signedIn(c).id, pageRequest(q.value.limit, q.value.cursor));
    return c.json(await presentPage(c, page));
  });
