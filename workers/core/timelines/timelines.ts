import type { CoreDeps } from "../deps";
import type { Post, Viewer } from "../posts/post";
import { profileVisibilities } from "../posts/visibility";
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

/** Home timeline: the viewer's own posts, posts of accounts they follow, and posts that mention them. */
export function homeTimeline(deps: Pick<CoreDeps, "posts">, viewer: string, page: PageRequest): Promise<Page<Post>> {
  return deps.posts.homeTimeline(viewer, page);
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
  return ok(await deps.posts.accountPosts(account.id, profileVisibilities(viewer, account.id, follows), page));
}
