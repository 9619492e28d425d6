/**
 * Remote accounts as the API sees them: a protocol adapter (ActivityPub today) resolves
 * `@user@host` handles and actor URLs to cached remote profiles and follows them. The
 * composition root puts one on the context (`c.get("remote")`); without one, remote
 * targets are simply not found.
 */
import { proxiedUrl } from "../media/remote-proxy";

export interface RemoteProfile {
  readonly id: string;
  /** The actor's URI on its server. */
  readonly uri: string;
  /** `@user@host`, when the actor has a username. */
  readonly handle: string | null;
  readonly host: string;
  readonly name: string | null;
  /** HTML sanitised to Mastodon's allow-list. */
  readonly summary: string | null;
  /** A link to the avatar on their server (never copied). */
  readonly avatarUrl: string | null;
  readonly url: string | null;
  /** Custom emoji of the display name (remote links). */
  readonly emojis?: readonly { shortcode: string; url: string }[];
}

export interface RemoteRelationship {
  readonly following: boolean;
  /** Our Follow was sent and not accepted yet. */
  readonly requested: boolean;
  readonly followedBy: boolean;
}

export interface RemoteAccounts {
  /** The profile `target` (`@user@host` or an actor URL) names, fetched when not cached; null when none. */
  resolve(target: string): Promise<RemoteProfile | null>;
  /** Sends a Follow from the account; null when the target is not found. */
  follow(account: { id: string; username: string }, target: string): Promise<RemoteRelationship | null>;
  /** Sends Undo(Follow) when there was a follow; null when the target is not found. */
  unfollow(account: { id: string; username: string }, target: string): Promise<RemoteRelationship | null>;
  relationship(accountId: string, profile: RemoteProfile): Promise<RemoteRelationship>;
}

/** Whether a follow target or account handle names a remote account (`@user@host` or an http(s) URL) rather than ours. */
export function remoteTarget(target: string, ourHost: string): string | null {
  const t = target.trim();
  if (/^https?:\/\//i.test(t)) return !URL.canParse(t) || new URL(t).host === ourHost ? null : t;
  const m = /^@?([^@\s/]+)@([^@\s/]+)$/.exec(t);
  if (!m || m[2]?.toLowerCase() === ourHost.toLowerCase()) return null;
  return `@${m[1]}@${m[2]?.toLowerCase()}`;
}

/**
 * A remote profile in the API. `bio` is their summary as stored: HTML sanitised to
 * Mastodon's allow-list (clients render it with `remote: true` as such); the avatar is
 * a URL of our media proxy.
 */
export function presentRemoteAccount(
  origin: string,
  p: RemoteProfile,
  relationship?: RemoteRelationship,
  remoteMedia: "proxy" | "off" = "proxy",
) {
  const shown = remoteMedia !== "off";
  const username = p.handle?.split("@")[1] ?? null;
  return {
    id: p.id,
    username,
    acct: p.handle ? p.handle.slice(1) : p.uri,
    displayName: p.name || username || p.uri,
    bio: p.summary ?? "",
    avatarUrl: shown && p.avatarUrl ? proxiedUrl(origin, p.avatarUrl) : null,
    emojis: shown ? (p.emojis ?? []).map((e) => ({ shortcode: e.shortcode, url: proxiedUrl(origin, e.url) })) : [],
    url: p.url ?? p.uri,
    uri: p.uri,
    host: p.host,
    remote: true as const,
    ...(relationship ? { relationship } : {}),
  };
}

/**
 * A cached remote actor (as stored by the protocol adapter) in the account shape, as it
 * appears beside local accounts (notifications, follow requests): `username` is
 * user@host, as for remote post authors, never a bare name a client could take for a
 * local account.
 */
export function presentRemoteActor(
  origin: string,
  a: {
    id: string;
    iri: string;
    handle: string | null;
    host: string;
    name: string | null;
    summary?: string | null;
    avatarUrl?: string | null;
    url?: string | null;
    emojis?: readonly { shortcode: string; url: string }[];
  },
) {
  const json = presentRemoteAccount(origin, {
    id: a.id,
    uri: a.iri,
    handle: a.handle,
    host: a.host,
    name: a.name,
    summary: a.summary ?? null,
    avatarUrl: a.avatarUrl ?? null,
    url: a.url ?? null,
    emojis: a.emojis,
  });
  return { ...json, username: json.acct };
}
