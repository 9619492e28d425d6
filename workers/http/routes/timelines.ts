import { Hono } from "hono";
import type { Post } from "../../core/posts/post";
import type { Page } from "../../core/shared/ports";
import { homeTimeline, localTimeline, pageRequest } from "../../core/timelines/timelines";
import type { RemotePost } from "../../db/d1-remote-post-store";
import type { AppContext, AppEnv } from "../context";
import { PageQuery, parseQuery } from "../parse";
import { presentPosts, presentRemotePost } from "../post-view";
import { requireSignIn, signedIn } from "../session";
import { filteredPage } from "../viewer-filter";

/** A page of posts for the viewer, presented in one batched pass (see presentPosts). */
export async function presentPage(c: AppContext, page: Page<Post>) {
  const items = await presentPosts(c.get("deps"), c.get("config").origin, c.get("viewer")?.id ?? null, page.items);
  return { items, nextCursor: page.nextCursor };
}

/**
 * Local and remote pages (both keyset by our UUIDv7 ids) merged newest first: the page is
 * the `limit` newest of the two, and the cursor its last id, which both sides page past.
 */
async function presentMerged(c: AppContext, local: Page<Post>, remote: Page<RemotePost>, limit: number) {
  type Entry = { id: string; local?: Post; remote?: RemotePost };
  const entries: Entry[] = [
    ...local.items.map((p) => ({ id: p.id, local: p })),
    ...remote.items.map((p) => ({ id: p.id, remote: p })),
  ].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = entries.slice(0, limit);
  const more = entries.length > limit || local.nextCursor !== null || remote.nextCursor !== null;
  const presented = await presentPage(c, { items: page.flatMap((e) => (e.local ? [e.local] : [])), nextCursor: null });
  const byId = new Map<string, unknown>(presented.items.map((j) => [j.id, j]));
  for (const e of page) if (e.remote) byId.set(e.id, presentRemotePost(e.remote));
  return { items: page.flatMap((e) => byId.get(e.id) ?? []), nextCursor: more ? (page.at(-1)?.id ?? null) : null };
}

export const timelineRoutes = new Hono<AppEnv>()
  .get("/local", async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const page = await localTimeline(c.get("deps"), c.get("viewer")?.id ?? null, pageRequest(q.value.limit, q.value.cursor));
    return c.json(await filteredPage(c, await presentPage(c, page)));
  })
  .get("/home", requireSignIn, async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const request = pageRequest(q.value.limit, q.value.cursor);
    const [page, remote] = await Promise.all([
      homeTimeline(c.get("deps"), signedIn(c).id, request),
      c.get("deps").remotePosts.homeTimeline(signedIn(c).id, request),
    ]);
    return c.json(await filteredPage(c, await presentMerged(c, page, remote, request.limit)));
  })
  .get("/federated", async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const page = await c.get("deps").remotePosts.publicTimeline(pageRequest(q.value.limit, q.value.cursor));
    return c.json(await filteredPage(c, { items: page.items.map(presentRemotePost), nextCursor: page.nextCursor }));
  });
