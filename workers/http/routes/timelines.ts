import { Hono } from "hono";
import type { Post } from "../../core/posts/post";
import type { Page } from "../../core/shared/ports";
import { homeTimeline, localTimeline, pageRequest } from "../../core/timelines/timelines";
import type { RemoteBoost } from "../../db/d1-remote-interaction-store";
import type { RemotePost } from "../../db/d1-remote-post-store";
import type { AppContext, AppEnv } from "../context";
import { PageQuery, parseQuery } from "../parse";
import { presentPosts, presentRemoteBoost, presentRemotePosts } from "../post-view";
import { requireSignIn, signedIn } from "../session";
import { filteredPage } from "../viewer-filter";

/** A page of posts for the viewer, presented in one batched pass (see presentPosts). */
export async function presentPage(c: AppContext, page: Page<Post>) {
  const items = await presentPosts(c.get("deps"), c.get("config").origin, c.get("viewer")?.id ?? null, page.items);
  return { items, nextCursor: page.nextCursor };
}

/**
 * Local posts, remote posts and our accounts' boosts of remote posts (all keyset by our
 * UUIDv7 ids) merged newest first: the page is the `limit` newest of them, and the cursor
 * its last id, which every source pages past.
 */
export async function presentMerged(
  c: AppContext,
  local: Page<Post>,
  remote: Page<RemotePost>,
  limit: number,
  boosts: Page<RemoteBoost> = { items: [], nextCursor: null },
) {
  type Entry = { id: string; local?: Post; remote?: RemotePost; boost?: RemoteBoost };
  const entries: Entry[] = [
    ...local.items.map((p) => ({ id: p.id, local: p })),
    ...remote.items.map((p) => ({ id: p.id, remote: p })),
    ...boosts.items.map((b) => ({ id: b.id, boost: b })),
  ].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = entries.slice(0, limit);
  const more = entries.length > limit || local.nextCursor !== null || remote.nextCursor !== null || boosts.nextCursor !== null;
  const viewer = c.get("viewer")?.id ?? null;
  const origin = c.get("config").origin;
  const remotes = page.flatMap((e) => (e.remote ? [e.remote] : e.boost ? [e.boost.post] : []));
  const [presented, presentedRemote] = await Promise.all([
    presentPage(c, { items: page.flatMap((e) => (e.local ? [e.local] : [])), nextCursor: null }),
    presentRemotePosts(c.get("deps"), origin, viewer, remotes, c.get("config").remoteMedia),
  ]);
  const remoteById = new Map(presentedRemote.map((j) => [j.id, j]));
  const byId = new Map<string, unknown>(presented.items.map((j) => [j.id, j]));
  for (const e of page) {
    if (e.remote) byId.set(e.id, remoteById.get(e.id));
    const original = e.boost && remoteById.get(e.boost.post.id);
    // Our boost of a remote post embeds it (never a remote actor's boost of another post).
    if (e.boost && original && original.boostOf === null) byId.set(e.id, presentRemoteBoost(origin, viewer, e.boost, original));
  }
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
    const me = signedIn(c).id;
    const [page, remote, boosts] = await Promise.all([
      homeTimeline(c.get("deps"), me, request),
      c.get("deps").remotePosts.homeTimeline(me, request),
      c.get("deps").remoteInteractions.boostsBy({ homeOf: me }, request),
    ]);
    return c.json(await filteredPage(c, await presentMerged(c, page, remote, request.limit, boosts)));
  })
  .get("/federated", async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const page = await c.get("deps").remotePosts.publicTimeline(pageRequest(q.value.limit, q.value.cursor));
    const { origin, remoteMedia } = c.get("config");
    const items = await presentRemotePosts(c.get("deps"), origin, c.get("viewer")?.id ?? null, page.items, remoteMedia);
    return c.json(await filteredPage(c, { items, nextCursor: page.nextCursor }));
  });
