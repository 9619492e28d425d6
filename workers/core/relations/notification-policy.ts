/**
 * The notification filter Mastodon 4.3 introduced: a person chooses which kinds of
 * senders go to a Filtered tab instead of the main list — people I don't follow, people
 * who don't follow me, accounts younger than 30 days, and unsolicited private mentions
 * (a direct post from someone I don't follow). Classified when notifications are read,
 * so changing the policy re-sorts past notifications too.
 */
import type { Notification } from "../notifications/ports";

export interface NotificationPolicy {
  readonly notFollowing: boolean;
  readonly notFollowers: boolean;
  readonly newAccounts: boolean;
  readonly privateMentions: boolean;
}

export const OPEN_POLICY: NotificationPolicy = {
  notFollowing: false,
  notFollowers: false,
  newAccounts: false,
  privateMentions: false,
};

/** What classifying a page needs, loaded in one batch. */
export interface NotificationFacts {
  /** Senders I follow. */
  readonly following: ReadonlySet<string>;
  /** Senders who follow me. */
  readonly followers: ReadonlySet<string>;
  readonly createdAt: ReadonlyMap<string, Date>;
  /** Of the notifications' posts, those that are direct. */
  readonly directPosts: ReadonlySet<string>;
}

export const NEW_ACCOUNT_DAYS = 30;

/** Notification types never filtered (they concern a place I moderate, not a sender). */
const EXEMPT = new Set(["community_join_request"]);

export function isFiltered(
  policy: NotificationPolicy,
  facts: NotificationFacts,
  n: Pick<Notification, "type" | "actorId" | "postId">,
  now: Date,
): boolean {
  if (EXEMPT.has(n.type)) return false;
  const sender = n.actorId;
  if (policy.notFollowing && !facts.following.has(sender)) return true;
  if (policy.notFollowers && !facts.followers.has(sender)) return true;
  const created = facts.createdAt.get(sender);
  if (policy.newAccounts && created && now.getTime() - created.getTime() < NEW_ACCOUNT_DAYS * 86_400_000) return true;
  if (policy.privateMentions && n.postId && facts.directPosts.has(n.postId) && !facts.following.has(sender)) return true;
  return false;
}

export function isOpen(policy: NotificationPolicy): boolean {
  return !policy.notFollowing && !policy.notFollowers && !policy.newAccounts && !policy.privateMentions;
}
