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

/**
 * The posts of `posts` that `viewer` may read, for a whole page at once: the
 * community and follow lookups `canView` makes are shared, so a page costs one
 * lookup per distinct community and followed author, never one per post.
 */
export async function filterVisible<P extends Post>(
  deps: Pick<CoreDeps, "follows" | "communities">,
  viewer: Viewer,
  posts: readonly P[],
): Promise<P[]> {
  const memo = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => {
    const seen = new Map<string, Promise<R>>();
    return (...args: A) => {
      const key = args.join("|");
      let hit = seen.get(key);
      if (!hit) {
        hit = fn(...args);
        seen.set(key, hit);
      }
      return hit;
    };
  };
  const communities = Object.assign(Object.create(deps.communities) as CoreDeps["communities"], {
    findById: memo((id: string) => deps.communities.findById(id)),
    membership: memo((rootId: string, accountId: string) => deps.communities.membership(rootId, accountId)),
  });
  const follows = Object.assign(Object.create(deps.follows) as CoreDeps["follows"], {
    isFollowing: memo((a: string, b: string) => deps.follows.isFollowing(a, b)),
  });
  const shared = { communities, follows };
  const verdicts = await Promise.all(posts.map((p) => canView(shared, viewer, p)));
  return posts.filter((_, i) => verdicts[i]);
}

/** Whether a post's community (if any) is readable by anyone (members-only ones are not). */
export async function isPublicPlace(deps: Pick<CoreDeps, "communities">, post: Pick<Post, "communityId">): Promise<boolean> {
  if (!post.communityId) return true;
  return (await communityAccess(deps, null, post.communityId))?.canRead ?? false;
}
