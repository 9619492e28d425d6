/**
 * Communities: live, chat-like places that can nest. Membership, roles and the
 * join policy belong to the root community; its rooms (sub-communities) inherit
 * them. A room may be narrower than its root (members-only inside a public one),
 * never wider.
 */
export const JOIN_POLICIES = ["open", "approval", "invite"] as const;
export type JoinPolicy = (typeof JOIN_POLICIES)[number];
export const COMMUNITY_VISIBILITIES = ["public", "members"] as const;
export type CommunityVisibility = (typeof COMMUNITY_VISIBILITIES)[number];
export type MemberRole = "owner" | "moderator" | "member";

/** Deepest room level below a root (root = 0): four levels in all. */
export const MAX_DEPTH = 3;
export const SLUG_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
export const TITLE_MAX = 80;
export const DESCRIPTION_MAX = 2000;
export const RULES_MAX = 5000;
export const SLOW_MODE_MAX_SECONDS = 3600;

export interface Community {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly rules: string;
  readonly iconKey: string | null;
  readonly bannerKey: string | null;
  readonly ownerId: string;
  readonly parentId: string | null;
  readonly rootId: string;
  readonly depth: number;
  readonly joinPolicy: JoinPolicy;
  readonly visibility: CommunityVisibility;
  readonly slowModeSeconds: number;
  readonly membersCount: number;
  readonly postsCount: number;
  readonly lastSeq: number;
  readonly lastPostAt: Date | null;
  readonly archivedAt: Date | null;
  readonly createdAt: Date;
}

export interface Membership {
  readonly role: MemberRole;
  readonly mutedUntil: Date | null;
}

export const isModerator = (m: Membership | null): boolean => m?.role === "owner" || m?.role === "moderator";
