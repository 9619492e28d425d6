import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import type { Post, Visibility } from "./post";
import { canView, isPublicPlace } from "./visibility";

/** Visibilities at least as narrow as `followers`. */
const FOLLOWERS_OR_NARROWER: readonly Visibility[] = ["followers", "direct"];

/**
 * Resolves the post being quoted and checks that quoting it does not widen its
 * audience: followers-only and direct posts may be quoted only by their author,
 * into followers or direct; local_only posts only into local_only; posts of a
 * members-only community only inside that community.
 */
export async function resolveQuote(
  deps: Pick<CoreDeps, "posts" | "follows" | "communities">,
  authorId: string,
  quoteId: string,
  visibility: Visibility,
  communityId: string | null,
): Promise<Result<Post>> {
  let quoted = await deps.posts.findById(quoteId);
  // Quoting a boost quotes what was boosted.
  if (quoted?.boostOfId) quoted = await deps.posts.findById(quoted.boostOfId);
  if (!quoted || !(await canView(deps, authorId, quoted))) return fail("not_found", "The quoted post does not exist.");
  if (quoted.visibility === "followers" || quoted.visibility === "direct") {
    if (quoted.author.id !== authorId || !FOLLOWERS_OR_NARROWER.includes(visibility))
      return fail(
        "forbidden",
        "Followers-only and direct posts can only be quoted by their author, as followers-only or direct.",
      );
  }
  if (quoted.visibility === "local_only" && visibility !== "local_only")
    return fail("forbidden", "A local-only post can only be quoted in a local-only post.");
  if (quoted.communityId && quoted.communityId !== communityId && !(await isPublicPlace(deps, quoted)))
    return fail("forbidden", "Posts of a members-only community can only be quoted inside it.");
  return ok(quoted);
}
