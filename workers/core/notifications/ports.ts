import type { Page, PageRequest } from "../shared/ports";

/**
 * `follow_request`: someone (local or remote) asked to follow a locked account. The
 * actor of a notification is a local account or, for remote activity, a cached remote
 * actor (`actorId` is then its id in the federation cache; `postId` may name a cached remote post).
 */
export const NOTIFICATION_TYPES = [
  "mention",
  "reply",
  "reaction",
  "boost",
  "quote",
  "follow",
  "follow_request",
  "community_join_request",
  // --- moderation ---
  /** A moderator's warning; `text` carries the reason. */
  "moderation_warning",
  /** A notice from the server to its admins (e.g. signups switched to approval); `text` says what. */
  "moderation_notice",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Notification {
  readonly id: string;
  /** The recipient. */
  readonly accountId: string;
  readonly type: NotificationType;
  /** Who did it. */
  readonly actorId: string;
  readonly postId: string | null;
  readonly communityId: string | null;
  readonly emoji: string | null;
  /** Free text of moderation warnings and notices. */
  readonly text?: string | null;
  /** Quarantined by the server's policy (Filtered tab only, not unread, not pushed). */
  readonly filtered?: boolean;
  readonly createdAt: Date;
}

/** Unread counts stop here (a badge shows "99+" style caps, and counting is bounded). */
export const UNREAD_CAP = 100;

export interface NotificationStore {
  /**
   * Inserts each notification unless the recipient already has one with the same type,
   * actor, post, community and emoji; returns the ones inserted.
   */
  insertMany(items: readonly Notification[]): Promise<Notification[]>;
  /** The account's notifications, newest first. */
  page(accountId: string, page: PageRequest): Promise<Page<Notification>>;
  /** Notifications newer than the read marker, at most `cap`. */
  unreadCount(accountId: string, cap: number): Promise<number>;
  /** The newest notification id the account has read, or null. */
  readMarker(accountId: string): Promise<string | null>;
  /** Moves the read marker forward to `upTo` (or to the newest notification); never backwards. */
  markRead(accountId: string, upTo: string | null): Promise<void>;
  /** Owners and moderators of a root community (who decide join requests). */
  communityModerators(rootId: string): Promise<string[]>;
}
