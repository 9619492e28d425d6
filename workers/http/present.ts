import type { Account } from "../core/accounts/account";
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
    url: `${origin}/@${a.username}`,
    uri: `${origin}/users/${a.username}`,
    ...(relationship ? { relationship } : {}),
  };
}

function presentAuthor(origin: string, a: AuthorSummary) {
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
    repliesCount: p.repliesCount,
    remote: false,
    mine: viewer === p.author.id,
  };
}
