import type { FollowStore } from "../follows/ports";
import type { Post, Viewer, Visibility } from "./post";

/** Whether `viewer` may read `post`. The single place this rule lives. */
export async function canView(deps: { follows: Pick<FollowStore, "isFollowing"> }, viewer: Viewer, post: Post): Promise<boolean> {
  if (post.deletedAt) return false;
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

/** Which of an account's posts a viewer may list on its profile (direct posts only for the author). */
export function profileVisibilities(viewer: Viewer, authorId: string, viewerFollows: boolean): Visibility[] {
  if (viewer === authorId) return ["public", "local_public", "unlisted", "followers", "direct", "local_only"];
  const v: Visibility[] = ["public", "local_public", "unlisted"];
  if (viewer !== null) v.push("local_only");
  if (viewerFollows) v.push("followers");
  return v;
}
