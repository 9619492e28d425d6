import { Hono } from "hono";
import type { Post } from "../../core/posts/post";
import type { Page } from "../../core/shared/ports";
import { homeTimeline, localTimeline, pageRequest } from "../../core/timelines/timelines";
import type { AppContext, AppEnv } from "../context";
import { PageQuery, parseQuery } from "../parse";
import { presentPost } from "../present";
import { requireSignIn, signedIn } from "../session";

export function presentPage(c: AppContext, page: Page<Post>) {
  const origin = c.get("config").origin;
  const viewer = c.get("viewer")?.id ?? null;
  return { items: page.items.map((p) => presentPost(origin, p, viewer)), nextCursor: page.nextCursor };
}

export const timelineRoutes = new Hono<AppEnv>()
  .get("/local", async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const page = await localTimeline(c.get("deps"), c.get("viewer")?.id ?? null, pageRequest(q.value.limit, q.value.cursor));
    return c.json(presentPage(c, page));
  })
  .get("/home", requireSignIn, async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const page = await homeTimeline(c.get("deps"), signedIn(c).id, pageRequest(q.value.limit, q.value.cursor));
    return c.json(presentPage(c, page));
  });
