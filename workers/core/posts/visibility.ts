import { communityAccess } from "../communities/access";
import type { CoreDeps } from "../deps";
import type { Post, ProfileReach, Viewer } from "./post";

/**
 * Whether `viewer` may read `post`: the single place this rule lives. A post in a
 * community is readable only by those who may read the community (DESIGN.md:
 * members-only communities never expose posts to non-members, by any path).
 */
export async function canView(deps: Pick<CoreDeps, "follows" | "communities">, viewer: Viewer, post: Post): Promise<boolean> {
  if (post.deletedAt) return false;
  if (post.communityId) {
    const access = await communityAccess(deps, viewer, post.communityId);
    if (!access?.canRead) return false;
  }
  if (viewer === post.author.id) return true;
  switch (post.visibility) {
    case "public":
    case "local_public":
    case "unlisted":
      return true;
    case "local_only":
      return viewer !== null;
    case "followers":
      if (viewer === null) return false;
      return post.mentionIds.includes(viewer) || deps.follows.isFollowing(viewer, post.author.id);
    case "direct":
      return viewer !== null && post.mentionIds.includes(viewer);
  }
}

/** The least profile reach a viewer may see on an author's profile. */
export function profileReachFor(viewer: Viewer, authorId: string, viewerFollows: boolean): Exclude<ProfileReach, "nobody"> {
  if (viewer === authorId) return "author";
  if (viewerFollows) return "followers";
  return viewer === null ? "anyone" : "signed_in";
}
