import type { Account } from "../accounts/account";
import type { Community } from "../communities/community";
import type { CoreDeps } from "../deps";
import type { Post, Viewer } from "../posts/post";
import { filterVisible } from "../posts/visibility";
import { fail, ok, type Result } from "../shared/result";

export const SEARCH_TYPES = ["posts", "accounts", "hashtags", "communities"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const SEARCH_LIMIT_MAX = 40;
export const SEARCH_QUERY_MAX = 200;

export interface SearchResults {
  readonly posts: Post[];
  readonly accounts: Account[];
  readonly hashtags: string[];
  readonly communities: Community[];
}

/**
 * Searches what the viewer may see. Posts are matched by the store (full text) and then
 * checked with the visibility rule (`canView`), since members-only communities are only
 * known per viewer; the store over-fetches so that a page survives that filter.
 */
export async function search(
  deps: Pick<CoreDeps, "search" | "posts" | "accounts" | "follows" | "communities">,
  viewer: Viewer,
  input: { q: string; type?: SearchType; limit?: number },
): Promise<Result<SearchResults>> {
  const q = input.q.normalize("NFKC").trim();
  if (q.length === 0) return fail("validation_failed", "q must not be empty.");
  if (q.length > SEARCH_QUERY_MAX) return fail("validation_failed", `q must be at most ${SEARCH_QUERY_MAX} characters.`);
  const limit = Math.min(Math.max(input.limit ?? 20, 1), SEARCH_LIMIT_MAX);
  const wants = (t: SearchType) => !input.type || input.type === t;
  const tag = q.replace(/^#/, "").toLowerCase();
  const [posts, accounts, hashtags, communities] = await Promise.all([
    wants("posts") ? searchPosts(deps, viewer, q, limit) : [],
    wants("accounts") ? searchAccounts(deps, q.replace(/^@/, ""), limit) : [],
    wants("hashtags") && tag ? deps.search.hashtags(tag, limit) : [],
    wants("communities") ? deps.communities.directory(q, limit) : [],
  ]);
  return ok({ posts, accounts, hashtags, communities });
}

async function searchPosts(
  deps: Pick<CoreDeps, "search" | "posts" | "follows" | "communities">,
  viewer: Viewer,
  q: string,
  limit: number,
): Promise<Post[]> {
  const ids = await deps.search.postIds(q, viewer, limit * 2 + 10);
  if (ids.length === 0) return [];
  const found = await deps.posts.findMany(ids);
  const byId = new Map(found.map((p) => [p.id, p]));
  const ordered = ids.map((id) => byId.get(id)).filter((p): p is Post => p !== undefined);
  return (await filterVisible(deps, viewer, ordered)).slice(0, limit);
}

async function searchAccounts(deps: Pick<CoreDeps, "search" | "accounts">, q: string, limit: number): Promise<Account[]> {
  if (!q) return [];
  const ids = await deps.search.accountIds(q, limit);
  const accounts = await Promise.all(ids.map((id) => deps.accounts.findById(id)));
  return accounts.filter((a): a is Account => a !== null);
}
