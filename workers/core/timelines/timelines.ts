import type { CoreDeps } from "../deps";
import type { Post, Viewer } from "../posts/post";
import { profileReachFor } from "../posts/visibility";
import type { Page, PageRequest } from "../shared/ports";
import { fail, ok, type Result } from "../shared/result";

export const PAGE_DEFAULT = 20;
export const PAGE_MAX = 40;

/** Clamp a requested page size into [1, PAGE_MAX]. */
export function pageRequest(limit: number | undefined, cursor: string | undefined): PageRequest {
  const n = limit === undefined || !Number.isFinite(limit) ? PAGE_DEFAULT : Math.trunc(limit);
  return { limit: Math.min(Math.max(n, 1), PAGE_MAX), cursor };
}

/** Local timeline: public and local_public posts of local users, plus local_only ones for signed-in viewers. */
export function localTimeline(deps: Pick<CoreDeps, "posts">, viewer: Viewer, page: PageRequest): Promise<Page<Post>> {
  return deps.posts.localTimeline(viewer, page);
}

/** How many joined communities (most recently active first) feed the home timeline. */
export const HOME_COMMUNITIES_MAX = 30;

/**
 * Home timeline: the viewer's own posts, posts of accounts they follow, posts that
 * mention them, and the posts of the communities they belong to (unarchived ones
 * they may read, the most recently active HOME_COMMUNITIES_MAX).
 */
export async function homeTimeline(
  deps: Pick<CoreDeps, "posts" | "communities">,
  viewer: string,
  page: PageRequest,
): Promise<Page<Post>> {
  const joined = await deps.communities.joined(viewer);
  const ids = joined
    .filter((c) => c.archivedAt === null && c.lastPostAt !== null)
    .sort((a, b) => (b.lastPostAt?.getTime() ?? 0) - (a.lastPostAt?.getTime() ?? 0))
    .slice(0, HOME_COMMUNITIES_MAX)
    .map((c) => c.id);
  return deps.posts.homeTimeline(viewer, ids, page);
}

export async function accountPosts(
  deps: Pick<CoreDeps, "accounts" | "posts" | "follows">,
  viewer: Viewer,
  username: string,
  page: PageRequest,
): Promise<Result<Page<Post>>> {
  const account = await deps.accounts.findByUsername(username);
  if (!account) return fail("not_found", "Account not found.");
  const follows = viewer !== null && viewer !== account.id && (await deps.follows.isFollowing(viewer, account.id));
  return ok(await deps.posts.accountPosts(account.id, profileReachFor(viewer, account.id, follows), viewer, page));
}
