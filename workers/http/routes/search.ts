import { Hono } from "hono";
import * as v from "valibot";
import type { Post } from "../../core/posts/post";
import { SEARCH_LIMIT_MAX, SEARCH_QUERY_MAX, SEARCH_TYPES, search } from "../../core/search/search";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { parseQuery } from "../parse";
import { presentPosts, presentRemotePosts } from "../post-view";
import { presentAccount, presentCommunity } from "../present";

const SearchQuery = v.object({
  q: v.pipe(v.string(), v.minLength(1, "q is required"), v.maxLength(SEARCH_QUERY_MAX)),
  type: v.optional(v.picklist(SEARCH_TYPES)),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, "limit must be a number"), v.transform(Number))),
});

/**
 * The page of local matches merged, newest first, with public posts of the remote-post
 * cache that match (same query normalisation and limit as the core's search).
 */
async function withRemote(c: AppContext, local: Post[], input: { q: string; type?: string; limit?: number }) {
  const deps = c.get("deps");
  const origin = c.get("config").origin;
  const viewer = c.get("viewer")?.id ?? null;
  const q = input.q.normalize("NFKC").trim();
  const limit = Math.min(Math.max(input.limit ?? 20, 1), SEARCH_LIMIT_MAX);
  const remote = input.type && input.type !== "posts" ? [] : await deps.remoteSearch.posts(q, limit);
  const [presentedLocal, presentedRemote] = await Promise.all([
    presentPosts(deps, origin, viewer, local),
    presentRemotePosts(deps, origin, viewer, remote, c.get("config").remoteMedia),
  ]);
  return [...presentedLocal, ...presentedRemote].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, limit);
}

/** GET /api/search: posts (full text, only what the viewer may read), accounts, hashtags, communities. */
export const searchRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const query = parseQuery(c, SearchQuery);
  if (!query.ok) return query.response;
  const deps = c.get("deps");
  const viewer = c.get("viewer")?.id ?? null;
  const r = await search(deps, viewer, query.value);
  if (!r.ok) return domainErrorResponse(c, r.error);
  const origin = c.get("config").origin;
  return c.json({
    posts: await withRemote(c, r.value.posts, query.value),
    accounts: r.value.accounts.map((a) => presentAccount(origin, a)),
    hashtags: r.value.hashtags.map((tag) => ({ tag })),
    communities: r.value.communities.map((cm) => presentCommunity(origin, cm)),
  });
});
