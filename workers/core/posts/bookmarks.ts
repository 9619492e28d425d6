import type { CoreDeps } from "../deps";
import type { Page, PageRequest } from "../shared/ports";
import { fail, ok, type Result } from "../shared/result";
import type { Post } from "./post";
import { canView, filterVisible } from "./visibility";

type BookmarkDeps = Pick<CoreDeps, "posts" | "bookmarks" | "follows" | "communities" | "ids">;

async function visiblePost(deps: BookmarkDeps, accountId: string, postId: string): Promise<Result<Post>> {
  let post = await deps.posts.findById(postId);
  if (post?.boostOfId) post = await deps.posts.findById(post.boostOfId);
  if (!post || !(await canView(deps, accountId, post))) return fail("not_found", "Post not found.");
  return ok(post);
}

/** Bookmarks are private: only their owner ever sees them. Bookmarking twice is not an error. */
export async function bookmarkPost(deps: BookmarkDeps, accountId: string, postId: string): Promise<Result<Post>> {
  const found = await visiblePost(deps, accountId, postId);
  if (found.ok) await deps.bookmarks.add(deps.ids.next(), accountId, found.value.id);
  return found;
}

export async function unbookmarkPost(deps: BookmarkDeps, accountId: string, postId: string): Promise<Result<Post>> {
  let post = await deps.posts.findById(postId);
  if (post?.boostOfId) post = await deps.posts.findById(post.boostOfId);
  if (!post) return fail("not_found", "Post not found.");
  // Removing works even if the post has since become invisible, but does not reveal it.
  await deps.bookmarks.remove(accountId, post.id);
  return (await canView(deps, accountId, post)) ? ok(post) : fail("not_found", "Post not found.");
}

/** The account's bookmarks, newest bookmark first, without posts they may no longer see. */
export async function listBookmarks(deps: BookmarkDeps, accountId: string, page: PageRequest): Promise<Page<Post>> {
  const found = await deps.bookmarks.page(accountId, page);
  return { items: await filterVisible(deps, accountId, found.items), nextCursor: found.nextCursor };
}
