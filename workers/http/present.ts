import type { Account } from "../core/accounts/account";
import type { Community } from "../core/communities/community";
import type { Relationship } from "../core/follows/ports";
import type { AuthorSummary, Post, Viewer } from "../core/posts/post";

/** Wire shapes of the JSON API (documented in openapi.ts). */
export function mediaUrl(origin: string, key: string | null): string | null {
  return key ? `${origin}/media/${key}` : null;
}

export function presentAccount(origin: string, a: Account, relationship?: Relationship) {
  return {
    id: a.id,
    username: a.username,
    acct: a.username,
    displayName: a.displayName || a.username,
    bio: a.bio,
    avatarUrl: mediaUrl(origin, a.avatarKey),
    role: a.role,
    createdAt: a.createdAt.toISOString(),
    followersCount: a.followersCount,
    followingCount: a.followingCount,
    postsCount: a.postsCount,
    locked: a.locked,
    url: `${origin}/@${a.username}`,
    uri: `${origin}/users/${a.username}`,
    ...(relationship ? { relationship } : {}),
  };
}

export function presentAuthor(origin: string, a: AuthorSummary) {
  return { id: a.id, username: a.username, displayName: a.displayName || a.username, avatarUrl: mediaUrl(origin, a.avatarKey) };
}

export function presentPost(origin: string, p: Post, viewer: Viewer) {
  return {
    id: p.id,
    uri: `${origin}/notes/${p.id}`,
    url: `${origin}/posts/${p.id}`,
    text: p.text,
    cw: p.cw,
    visibility: p.visibility,
    createdAt: p.createdAt.toISOString(),
    author: presentAuthor(origin, p.author),
    replyToId: p.replyToId,
    /** A reply to a post of another server: that post's id there. */
    inReplyToUri: p.replyToExternal,
    repliesCount: p.repliesCount,
    communityId: p.communityId,
    seq: p.seq,
    remote: false,
    mine: viewer === p.author.id,
    quoteId: p.quoteId,
    boostOfId: p.boostOfId,
    reactionAcceptance: p.reactionAcceptance,
    reactionsCount: p.reactionsCount,
    boostsCount: p.boostsCount,
    sensitive: p.sensitive,
    editedAt: p.editedAt?.toISOString() ?? null,
  };
}

export function presentCommunity(
  origin: string,
  c: Community,
  me?: { member: boolean; role: string | null; requested: boolean; unread?: number },
) {
  return {
    id: c.id,
    name: c.slug,
    title: c.title,
    description: c.description,
    rules: c.rules,
    iconUrl: mediaUrl(origin, c.iconKey),
    bannerUrl: mediaUrl(origin, c.bannerKey),
    parentId: c.parentId,
    rootId: c.rootId,
    depth: c.depth,
    joinPolicy: c.joinPolicy,
    visibility: c.visibility,
    slowModeSeconds: c.slowModeSeconds,
    membersCount: c.membersCount,
    postsCount: c.postsCount,
    lastSeq: c.lastSeq,
    lastPostAt: c.lastPostAt?.toISOString() ?? null,
    archived: c.archivedAt !== null,
    createdAt: c.createdAt.toISOString(),
    url: `${origin}/c/${c.slug}`,
    ...(me ? { me } : {}),
  };
}
