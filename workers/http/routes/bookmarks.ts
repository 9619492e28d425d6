import { Hono } from "hono";
import { listBookmarks } from "../../core/posts/bookmarks";
import { pageRequest } from "../../core/timelines/timelines";
import type { AppEnv } from "../context";
import { PageQuery, parseQuery } from "../parse";
import { requireSignIn, signedIn } from "../session";
import { presentPage } from "./timelines";

/** GET /api/bookmarks: your own bookmarks (private), newest bookmark first. */
export const bookmarkRoutes = new Hono<AppEnv>().get("/", requireSignIn, async (c) => {
  const q = parseQuery(c, PageQuery);
  if (!q.ok) return q.response;
  const page = await listBookmarks(c.get("deps"), signedIn(c).id, pageRequest(q.value.limit, q.value.cursor));
  return c.json(await presentPage(c, page));
});
