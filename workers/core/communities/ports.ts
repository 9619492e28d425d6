import type { Page } from "../shared/ports";
import type { Community, CommunityVisibility, JoinPolicy, MemberRole, Membership } from "./community";

export interface NewCommunity {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly rules: string;
  readonly ownerId: string;
  readonly parentId: string | null;
  readonly rootId: string;
  readonly depth: number;
  readonly joinPolicy: JoinPolicy;
  readonly visibility: CommunityVisibility;
  readonly createdAt: Date;
}

export interface CommunityPatch {
  title?: string;
  description?: string;
  rules?: string;
  joinPolicy?: JoinPolicy;
  visibility?: CommunityVisibility;
  slowModeSeconds?: number;
  parentId?: string;
  depth?: number;
  archivedAt?: Date | null;
  iconKey?: string | null;
  bannerKey?: string | null;
}

export interface Member {
  readonly accountId: string;
  readonly username: string;
  readonly displayName: string;
  readonly avatarKey: string | null;
  readonly role: MemberRole;
  readonly joinedAt: Date;
}

export interface JoinRequest {
  readonly accountId: string;
  readonly username: string;
  readonly displayName: string;
  readonly message: string;
  readonly createdAt: Date;
}

export interface Invite {
  readonly code: string;
  readonly communityId: string;
  readonly createdBy: string;
  readonly maxUses: number | null;
  readonly uses: number;
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
}

export interface CommunityStore {
  /** Inserts the community (and, for a root, its owner's membership) atomically; null if the slug is taken. */
  create(c: NewCommunity): Promise<Community | null>;
  findById(id: string): Promise<Community | null>;
  findBySlug(slug: string): Promise<Community | null>;
  update(id: string, patch: CommunityPatch): Promise<Community | null>;
  /** Every community in the tree under a root, the root included. */
  tree(rootId: string): Promise<Community[]>;
  /** Public, unarchived root communities, most active first, optionally filtered by name. */
  directory(query: string | null, limit: number): Promise<Community[]>;
  /** Roots the account is a member of, with all their rooms. */
  joined(accountId: string): Promise<Community[]>;
  membership(rootId: string, accountId: string): Promise<Membership | null>;
  /** Roots among `rootIds` that the account belongs to (for bulk visibility checks). */
  memberRoots(accountId: string, rootIds: readonly string[]): Promise<Set<string>>;
  members(rootId: string, limit: number, afterAccountId?: string): Promise<Page<Member>>;
  addMember(rootId: string, accountId: string, role: MemberRole, at: Date): Promise<boolean>;
  removeMember(rootId: string, accountId: string): Promise<boolean>;
  setMemberRole(rootId: string, accountId: string, role: MemberRole): Promise<boolean>;
  muteMember(rootId: string, accountId: string, until: Date | null): Promise<void>;
  addJoinRequest(rootId: string, accountId: string, message: string, at: Date): Promise<boolean>;
  removeJoinRequest(rootId: string, accountId: string): Promise<boolean>;
  joinRequests(rootId: string, limit: number): Promise<JoinRequest[]>;
  hasJoinRequest(rootId: string, accountId: string): Promise<boolean>;
  createInvite(invite: Invite): Promise<void>;
  /** Atomically consumes one use of a valid, unexpired invite; returns its community id or null. */
  redeemInvite(code: string, at: Date): Promise<string | null>;
  readMarkers(accountId: string): Promise<Map<string, number>>;
  /**
   * Unread posts by others per community after each given seq, counting at most `cap`
   * per community (so the cost stays bounded; the client shows "99+").
   */
  unreadCounts(accountId: string, after: ReadonlyMap<string, number>, cap: number): Promise<Map<string, number>>;
  /** A valid (unexpired, not used up) invite, without using it. */
  findInvite(code: string, at: Date): Promise<Invite | null>;
  setReadMarker(accountId: string, communityId: string, seq: number): Promise<void>;
}
