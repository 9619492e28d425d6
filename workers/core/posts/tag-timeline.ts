import type { CoreDeps } from "../deps";
import type { Page, PageRequest } from "../shared/ports";
import { fail, ok, type Result } from "../shared/result";
import { normalizeTag, TAG } from "./hashtags";
import type { Post, Viewer } from "./post";
import { filterVisible } from "./visibility";

/**
 * The public hashtag timeline: only public and local-public posts outside members-only
 * communities are ever indexed (see indexesHashtags); each page is re-checked for the viewer.
 */
export async function tagTimeline(
  deps: Pick<CoreDeps, "posts" | "follows" | "communities">,
  viewer: Viewer,
  rawTag: string,
  page: PageRequest,
): Promise<Result<Page<Post>>> {
  const tag = normalizeTag(rawTag.replace(/^#/, ""));
  if (!TAG.test(tag)) return fail("validation_failed", "Not a hashtag.");
  const found = await deps.posts.tagTimeline(tag, page);
  return ok({ items: await filterVisible(deps, viewer, found.items), nextCursor: found.nextCursor });
}
