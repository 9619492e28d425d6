import type { CoreDeps } from "../deps";
import type { Viewer } from "../posts/post";
import { type Community, isModerator, type Membership } from "./community";

export interface Access {
  readonly community: Community;
  readonly root: Community;
  readonly membership: Membership | null;
  /** May read the timeline, posts, members. */
  readonly canRead: boolean;
  /** May post now (member, not archived). Mutes are checked at posting time. */
  readonly canPost: boolean;
  readonly isModerator: boolean;
}

/** Whether a community is readable without membership: it and its root must both be public. */
export function isPubliclyReadable(community: Community, root: Community): boolean {
  return community.visibility === "public" && root.visibility === "public";
}

/** The one place that decides who may read and post in a community. */
export async function communityAccess(
  deps: Pick<CoreDeps, "communities">,
  viewer: Viewer,
  communityOrId: Community | string,
): Promise<Access | null> {
  const community = typeof communityOrId === "string" ? await deps.communities.findById(communityOrId) : communityOrId;
  if (!community) return null;
  const root = community.rootId === community.id ? community : await deps.communities.findById(community.rootId);
  if (!root) return null;
  const membership = viewer ? await deps.communities.membership(root.id, viewer) : null;
  const canRead = isPubliclyReadable(community, root) || membership !== null;
  return {
    community,
    root,
    membership,
    canRead,
    canPost: membership !== null && community.archivedAt === null && root.archivedAt === null,
    isModerator: isModerator(membership),
  };
}
