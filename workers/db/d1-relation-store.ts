import { and, asc, eq } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type {
  RelationEntry,
  RelationState,
  RelationStore,
  Target,
  ViewerFilter,
  WordFilter,
} from "../core/relations/mutes-blocks";
import { type NotificationFacts, type NotificationPolicy, OPEN_POLICY } from "../core/relations/notification-policy";
import { inChunks } from "./chunks";
import { accountBlocks, accountMutes, boostHides, notificationPolicies, wordFilters } from "./schema";

type EntryRow = {
  target_id: string;
  remote: number;
  username: string | null;
  display_name: string | null;
  handle: string | null;
  name: string | null;
  iri: string | null;
  expires_at: number | null;
  notifications: number;
  created_at: number;
};

const entry = (r: EntryRow): RelationEntry => ({
  targetId: r.target_id,
  remote: r.remote === 1,
  acct: r.remote ? (r.handle?.replace(/^@/, "") ?? r.iri ?? r.target_id) : (r.username ?? r.target_id),
  displayName: r.remote ? r.name : r.display_name,
  expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
  notifications: r.notifications === 1,
  createdAt: new Date(r.created_at),
});

const WHO = `LEFT JOIN accounts a ON a.id = x.target_id AND x.remote = 0
  LEFT JOIN remote_actors ra ON ra.id = x.target_id AND x.remote = 1`;
const WHO_COLUMNS = "a.username, a.display_name, ra.handle, ra.name, ra.iri";

/**
 * Mutes, blocks, boost hides and word filters (account_mutes, account_blocks,
 * boost_hides, word_filters). A viewer's whole filter is one D1 batch of five small
 * primary-key/index range reads.
 */
export class D1RelationStore implements RelationStore {
  constructor(
    private readonly db: DrizzleD1Database,
    private readonly d1: D1Database,
  ) {}

  async mute(accountId: string, target: Target, notifications: boolean, expiresAt: Date | null, at: Date): Promise<void> {
    await this.db
      .insert(accountMutes)
      .values({ accountId, targetId: target.id, remote: target.remote, notifications, expiresAt, createdAt: at })
      .onConflictDoUpdate({
        target: [accountMutes.accountId, accountMutes.targetId],
        set: { notifications, expiresAt, createdAt: at },
      });
  }

  async unmute(accountId: string, targetId: string): Promise<boolean> {
    const r = await this.db
      .delete(accountMutes)
      .where(and(eq(accountMutes.accountId, accountId), eq(accountMutes.targetId, targetId)));
    return (r.meta.changes ?? 0) > 0;
  }

  async block(accountId: string, target: Target, activityIri: string | null, at: Date): Promise<void> {
    const d1 = this.d1;
    await d1.batch([
      d1
        .prepare(
          `INSERT INTO account_blocks (account_id, target_id, remote, activity_iri, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
           ON CONFLICT (account_id, target_id) DO UPDATE SET activity_iri = coalesce(?4, activity_iri)`,
        )
        .bind(accountId, target.id, target.remote ? 1 : 0, activityIri, at.getTime()),
      target.remote
        ? d1.prepare("DELETE FROM remote_follows WHERE account_id = ?1 AND remote_actor_id = ?2").bind(accountId, target.id)
        : d1
            .prepare(
              "DELETE FROM follows WHERE (follower_id = ?1 AND followee_id = ?2) OR (follower_id = ?2 AND followee_id = ?1)",
            )
            .bind(accountId, target.id),
      d1.prepare("DELETE FROM remote_followings WHERE account_id = ?1 AND remote_actor_id = ?2").bind(accountId, target.id),
    ]);
  }

  async unblock(accountId: string, targetId: string): Promise<{ activityIri: string | null } | null> {
    const row = await this.db
      .delete(accountBlocks)
      .where(and(eq(accountBlocks.accountId, accountId), eq(accountBlocks.targetId, targetId)))
      .returning({ activityIri: accountBlocks.activityIri })
      .get();
    return row ?? null;
  }

  async isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    const row = await this.d1
      .prepare(
        "SELECT 1 AS one FROM account_blocks WHERE (account_id = ?1 AND target_id = ?2) OR (account_id = ?2 AND target_id = ?1) LIMIT 1",
      )
      .bind(a, b)
      .first();
    return row !== null;
  }

  async setBoostsHidden(accountId: string, targetId: string, hidden: boolean, at: Date): Promise<void> {
    if (hidden) await this.db.insert(boostHides).values({ accountId, targetId, createdAt: at }).onConflictDoNothing();
    else await this.db.delete(boostHides).where(and(eq(boostHides.accountId, accountId), eq(boostHides.targetId, targetId)));
  }

  async mutes(accountId: string, now: Date): Promise<RelationEntry[]> {
    const rows = await this.d1
      .prepare(
        `SELECT x.target_id, x.remote, x.expires_at, x.notifications, x.created_at, ${WHO_COLUMNS}
         FROM account_mutes x ${WHO}
         WHERE x.account_id = ?1 AND (x.expires_at IS NULL OR x.expires_at > ?2) ORDER BY x.created_at DESC LIMIT 1000`,
      )
      .bind(accountId, now.getTime())
      .all<EntryRow>();
    return rows.results.map(entry);
  }

  async blocks(accountId: string): Promise<RelationEntry[]> {
    const rows = await this.d1
      .prepare(
        `SELECT x.target_id, x.remote, NULL AS expires_at, 1 AS notifications, x.created_at, ${WHO_COLUMNS}
         FROM account_blocks x ${WHO} WHERE x.account_id = ?1 ORDER BY x.created_at DESC LIMIT 1000`,
      )
      .bind(accountId)
      .all<EntryRow>();
    return rows.results.map(entry);
  }

  async stateOf(accountId: string, targetId: string, now: Date): Promise<RelationState> {
    const d1 = this.d1;
    const [mute, blocking, blockedBy, boosts] = await d1.batch<Record<string, unknown>>([
      d1
        .prepare(
          "SELECT notifications, expires_at FROM account_mutes WHERE account_id = ?1 AND target_id = ?2 AND (expires_at IS NULL OR expires_at > ?3)",
        )
        .bind(accountId, targetId, now.getTime()),
      d1.prepare("SELECT 1 FROM account_blocks WHERE account_id = ?1 AND target_id = ?2").bind(accountId, targetId),
      d1.prepare("SELECT 1 FROM account_blocks WHERE account_id = ?2 AND target_id = ?1").bind(accountId, targetId),
      d1.prepare("SELECT 1 FROM boost_hides WHERE account_id = ?1 AND target_id = ?2").bind(accountId, targetId),
    ]);
    const m = mute?.results[0] as { notifications: number; expires_at: number | null } | undefined;
    return {
      muting: m !== undefined,
      mutingNotifications: m?.notifications === 1,
      muteExpiresAt: m?.expires_at ? new Date(m.expires_at) : null,
      blocking: (blocking?.results.length ?? 0) > 0,
      blockedBy: (blockedBy?.results.length ?? 0) > 0,
      hidingBoosts: (boosts?.results.length ?? 0) > 0,
    };
  }

  async filterFor(accountId: string, now: Date): Promise<ViewerFilter> {
    const d1 = this.d1;
    const [mutes, blocking, blockedBy, boosts, words] = await d1.batch<Record<string, unknown>>([
      d1
        .prepare(
          "SELECT target_id, notifications FROM account_mutes WHERE account_id = ?1 AND (expires_at IS NULL OR expires_at > ?2)",
        )
        .bind(accountId, now.getTime()),
      d1.prepare("SELECT target_id FROM account_blocks WHERE account_id = ?1").bind(accountId),
      d1.prepare("SELECT account_id AS target_id FROM account_blocks WHERE target_id = ?1").bind(accountId),
      d1.prepare("SELECT target_id FROM boost_hides WHERE account_id = ?1").bind(accountId),
      d1.prepare("SELECT id, phrase, action, created_at FROM word_filters WHERE account_id = ?1").bind(accountId),
    ]);
    const ids = (r: D1Result<Record<string, unknown>> | undefined) => (r?.results ?? []).map((x) => String(x.target_id));
    const muteRows = (mutes?.results ?? []) as { target_id: string; notifications: number }[];
    const blocked = [...ids(blocking), ...ids(blockedBy)];
    return {
      hiddenAuthors: new Set([...muteRows.map((m) => m.target_id), ...blocked]),
      hiddenNotifiers: new Set([...muteRows.filter((m) => m.notifications === 1).map((m) => m.target_id), ...blocked]),
      hiddenBoosters: new Set(ids(boosts)),
      words: ((words?.results ?? []) as { id: string; phrase: string; action: "hide" | "warn"; created_at: number }[]).map(
        (w) => ({ id: w.id, phrase: w.phrase, action: w.action, createdAt: new Date(w.created_at) }),
      ),
    };
  }

  async wordFilters(accountId: string): Promise<WordFilter[]> {
    const rows = await this.db
      .select()
      .from(wordFilters)
      .where(eq(wordFilters.accountId, accountId))
      .orderBy(asc(wordFilters.createdAt));
    return rows.map(({ id, phrase, action, createdAt }) => ({ id, phrase, action, createdAt }));
  }

  async addWordFilter(accountId: string, filter: WordFilter): Promise<void> {
    await this.db.insert(wordFilters).values({ ...filter, accountId });
  }

  async removeWordFilter(accountId: string, id: string): Promise<boolean> {
    const r = await this.db.delete(wordFilters).where(and(eq(wordFilters.accountId, accountId), eq(wordFilters.id, id)));
    return (r.meta.changes ?? 0) > 0;
  }

  async notificationPolicy(accountId: string): Promise<NotificationPolicy> {
    const row = await this.db.select().from(notificationPolicies).where(eq(notificationPolicies.accountId, accountId)).get();
    if (!row) return OPEN_POLICY;
    const { notFollowing, notFollowers, newAccounts, privateMentions } = row;
    return { notFollowing, notFollowers, newAccounts, privateMentions };
  }

  async setNotificationPolicy(accountId: string, policy: NotificationPolicy, at: Date): Promise<void> {
    await this.db
      .insert(notificationPolicies)
      .values({ accountId, ...policy, updatedAt: at })
      .onConflictDoUpdate({ target: notificationPolicies.accountId, set: { ...policy, updatedAt: at } });
  }

  /** Follows both ways, creation dates and direct posts for one page (a few indexed lookups in chunks). */
  async notificationFacts(
    accountId: string,
    senderIds: readonly string[],
    postIds: readonly string[],
  ): Promise<NotificationFacts> {
    const senders = [...new Set(senderIds)];
    const posts = [...new Set(postIds)];
    const marks = (n: number, from: number) => Array.from({ length: n }, (_, i) => `?${i + from}`).join(", ");
    const rows = <T>(q: string, binds: unknown[]) =>
      this.d1
        .prepare(q)
        .bind(...binds)
        .all<T>()
        .then((r) => r.results);
    const [following, followers, created, direct] = await Promise.all([
      inChunks(senders, (c) =>
        rows<{ id: string }>(
          `SELECT followee_id AS id FROM follows WHERE follower_id = ?1 AND followee_id IN (${marks(c.length, 2)})`,
          [accountId, ...c],
        ),
      ),
      inChunks(senders, (c) =>
        rows<{ id: string }>(
          `SELECT follower_id AS id FROM follows WHERE followee_id = ?1 AND follower_id IN (${marks(c.length, 2)})`,
          [accountId, ...c],
        ),
      ),
      inChunks(senders, (c) =>
        rows<{ id: string; created_at: number }>(`SELECT id, created_at FROM accounts WHERE id IN (${marks(c.length, 1)})`, c),
      ),
      inChunks(posts, (c) =>
        rows<{ id: string }>(`SELECT id FROM posts WHERE visibility = 'direct' AND id IN (${marks(c.length, 1)})`, c),
      ),
    ]);
    return {
      following: new Set(following.map((r) => r.id)),
      followers: new Set(followers.map((r) => r.id)),
      createdAt: new Map(created.map((r) => [r.id, new Date(r.created_at)])),
      directPosts: new Set(direct.map((r) => r.id)),
    };
  }
}
