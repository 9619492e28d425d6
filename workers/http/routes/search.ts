import { Hono } from "hono";
import * as v from "valibot";
import { SEARCH_QUERY_MAX, SEARCH_TYPES, search } from "../../core/search/search";
import type { AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { parseQuery } from "../parse";
import { presentPosts } from "../post-view";
import { presentAccount, presentCommunity } from "../present";

const SearchQuery = v.object({
  q: v.pipe(v.string(), v.minLength(1, "q is required"), v.maxLength(SEARCH_QUERY_MAX)),
  type: v.optional(v.picklist(SEARCH_TYPES)),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, "limit must be a number"), v.transform(Number))),
});

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
    posts: await presentPosts(deps, origin, viewer, r.value.posts),
    accounts: r.value.accounts.map((a) => presentAccount(origin, a)),
    hashtags: r.value.hashtags.map((tag) => ({ tag })),
    communities: r.value.communities.map((cm) => presentCommunity(origin, cm)),
  });
});
