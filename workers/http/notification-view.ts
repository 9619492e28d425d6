import type { Account } from "../core/accounts/account";
import type { Community } from "../core/communities/community";
import type { Notification } from "../core/notifications/ports";
import type { Post } from "../core/posts/post";
import { filterVisible } from "../core/posts/visibility";
import type { AppDeps } from "../deps";
import { type PostJson, presentPosts, presentRemotePost, type RemotePostJson } from "./post-view";
import { presentAccount, presentCommunity } from "./present";
import { presentRemoteActor } from "./remote-accounts";

export interface NotificationJson {
  readonly id: string;
  readonly type: Notification["type"];
  readonly createdAt: string;
  readonly read: boolean;
  readonly account?: ReturnType<typeof presentAccount> | ReturnType<typeof presentRemoteActor>;
  readonly post?: PostJson | RemotePostJson;
  readonly emoji?: string;
  readonly community?: ReturnType<typeof presentCommunity>;
  /** Moderation warnings and notices: the text (the reason). */
  readonly text?: string;
}

/**
 * Presents notifications for their recipient, loading actors, posts and communities
 * once per page. A notification about a post the recipient can no longer read (deleted,
 * or they left its members-only community) is dropped, as is one whose actor is gone.
 * Remote activity (a mention, boost or follow request from another server) names a
 * cached remote actor and possibly a cached remote post; those are looked up when the
 * ids are not local, and dropped once the cache has let them go.
 */
export async function presentNotifications(
  deps: AppDeps,
  origin: string,
  viewer: string,
  readUpTo: string | null,
  items: readonly Notification[],
): Promise<NotificationJson[]> {
  const unique = <T>(xs: (T | null)[]) => [...new Set(xs.filter((x): x is T => x !== null))];
  const postIds = unique(items.map((n) => n.postId));
  const [actors, posts, communities] = await Promise.all([
    Promise.all(unique(items.map((n) => n.actorId)).map((id) => deps.accounts.findById(id))),
    postIds.length ? deps.posts.findMany(postIds) : Promise.resolve([] as Post[]),
    Promise.all(unique(items.map((n) => n.communityId)).map((id) => deps.communities.findById(id))),
  ]);
  const visible = await filterVisible(deps, viewer, posts);
  const postJson = await presentPosts(deps, origin, viewer, visible);
  const postById = new Map<string, PostJson | RemotePostJson>(postJson.map((p) => [p.id, p]));
  const actorById = new Map<string, NonNullable<NotificationJson["account"]>>(
    actors.filter((a): a is Account => a !== null).map((a) => [a.id, presentAccount(origin, a)]),
  );
  const missingActors = unique(items.map((n) => (actorById.has(n.actorId) ? null : n.actorId)));
  const foundPosts = new Set(posts.map((p) => p.id));
  const missingPosts = postIds.filter((id) => !foundPosts.has(id));
  const [remoteActors, remotePosts] = await Promise.all([
    deps.remoteActors.findManyByIds(missingActors),
    missingPosts.length ? deps.remotePosts.findMany(missingPosts) : Promise.resolve([]),
  ]);
  for (const a of remoteActors) actorById.set(a.id, presentRemoteActor(origin, a));
  for (const p of await deps.remotePosts.visibleTo(viewer, remotePosts)) postById.set(p.id, presentRemotePost(origin, p));
  const communityById = new Map(communities.filter((c): c is Community => c !== null).map((c) => [c.id, c]));
  const out: NotificationJson[] = [];
  for (const n of items) {
    const actor = actorById.get(n.actorId);
    const post = n.postId ? postById.get(n.postId) : undefined;
    const community = n.communityId ? communityById.get(n.communityId) : undefined;
    if (!actor || (n.postId && !post) || (n.communityId && !community)) continue;
    out.push({
      id: n.id,
      type: n.type,
      createdAt: n.createdAt.toISOString(),
      read: readUpTo !== null && n.id <= readUpTo,
      account: actor,
      ...(post ? { post } : {}),
      ...(n.emoji ? { emoji: n.emoji } : {}),
      ...(community ? { community: presentCommunity(origin, community) } : {}),
      ...(n.text ? { text: n.text } : {}),
    });
  }
  return out;
}
