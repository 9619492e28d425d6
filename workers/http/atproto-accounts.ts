/**
 * Bluesky accounts as the API sees them (issue 7): the AT Protocol adapter resolves
 * handles, DIDs and at:// URIs to cached profiles, follows them and reads their cached
 * posts. The composition root puts one on the context (`c.get("atproto")`); without
 * one, `protocol: "atproto"` targets are simply not found.
 */
import type { Result } from "../core/shared/result";
import type { RemotePost } from "../db/d1-remote-post-store";
import type { RemoteRelationship } from "./remote-accounts";

export type BlueskyStatus = "ok" | "unreachable" | "not_found" | "deactivated" | "takendown" | "rate_limited";

export interface BlueskyProfile {
  /** Our id of the cached profile (remote_actors). */
  readonly id: string;
  readonly did: string;
  /** The verified handle, or null when it no longer resolves to the DID. */
  readonly handle: string | null;
  readonly name: string | null;
  /** Escaped HTML built from the profile's description. */
  readonly summary: string | null;
  readonly avatarUrl: string | null;
  /** Where we read it from (not the PDS URL itself). */
  readonly host: string;
  /** "ok", or why its repository cannot be read now. */
  readonly status: BlueskyStatus;
  /** The account asked not to be shown to signed-out viewers. */
  readonly noUnauthenticated: boolean;
  readonly labels: readonly string[];
  readonly lastPolledAt: Date | null;
}

export interface BlueskyAccounts {
  /** The profile a handle, DID or at:// URI names; polled now when stale (an opened profile). */
  resolve(target: string): Promise<Result<BlueskyProfile>>;
  follow(accountId: string, target: string): Promise<Result<{ profile: BlueskyProfile; relationship: RemoteRelationship }>>;
  unfollow(accountId: string, target: string): Promise<Result<RemoteRelationship>>;
  relationship(accountId: string, profile: BlueskyProfile): Promise<RemoteRelationship>;
  /** The account's cached posts, newest first. */
  posts(
    profile: BlueskyProfile,
    limit: number,
    cursor: string | null,
  ): Promise<{ items: RemotePost[]; nextCursor: string | null }>;
  /** Makes every followed repository due and runs one bounded poll pass (admins; dev and tests). */
  pollNow(): Promise<{ polled: number; failed: number }>;
}

export function presentBlueskyAccount(p: BlueskyProfile, relationship?: RemoteRelationship) {
  const acct = p.handle ?? p.did;
  return {
    id: p.id,
    username: acct,
    acct,
    displayName: p.name || acct,
    bio: p.summary ?? "",
    avatarUrl: p.avatarUrl,
    url: `https://bsky.app/profile/${acct}`,
    uri: p.did,
    did: p.did,
    host: p.host,
    remote: true as const,
    protocol: "atproto" as const,
    status: p.status,
    labels: p.labels,
    lastPolledAt: p.lastPolledAt?.toISOString() ?? null,
    ...(relationship ? { relationship } : {}),
  };
}
