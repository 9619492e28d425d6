import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Notification, NotificationStore } from "../core/notifications/ports";
import type { Page, PageRequest } from "../core/shared/ports";
import { accounts, communityMembers, notifications } from "./schema";

type Row = typeof notifications.$inferSelect;

const toNotification = (r: Row): Notification => ({ ...r });

/**
 * How far back a duplicate is looked for. The check is a range scan of the recipient's
 * own notifications by (account_id, id), so it is bounded by this window rather than by
 * their whole history. Ids are UUIDv7: the smallest id of a millisecond is its 48-bit
 * timestamp followed by zeros.
 */
export const DEDUPE_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

export function smallestIdAt(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

export class D1NotificationStore implements NotificationStore {
  constructor(private readonly db: DrizzleD1Database & { readonly $client: D1Database }) {}

  async insertMany(items: readonly Notification[]): Promise<Notification[]> {
    if (items.length === 0) return [];
    const d1 = this.db.$client;
    const statements = items.map((n) =>
      d1
        .prepare(
          `INSERT INTO notifications (id, account_id, type, actor_id, post_id, community_id, emoji, created_at, text, filtered)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?11
           WHERE NOT EXISTS (
             SELECT 1 FROM notifications
             WHERE account_id = ?2 AND id > ?9 AND type = ?3 AND actor_id = ?4
               AND post_id IS ?5 AND community_id IS ?6 AND emoji IS ?7 AND text IS ?10)`,
        )
        .bind(
          n.id,
          n.accountId,
          n.type,
          n.actorId,
          n.postId,
          n.communityId,
          n.emoji,
          n.createdAt.getTime(),
          smallestIdAt(n.createdAt.getTime() - DEDUPE_WINDOW_MS),
          n.text ?? null,
          n.filtered ? 1 : 0,
        ),
    );
    // One batch: atomic, and one round trip however many recipients.
    const results = await d1.batch(statements);
    return items.filter((_, i) => (results[i]?.meta.changes ?? 0) > 0);
  }

  async page(accountId: string, page: PageRequest): Promise<Page<Notification>> {
    const rows = await this.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.accountId, accountId), page.cursor ? lt(notifications.id, page.cursor) : undefined))
      .orderBy(desc(notifications.id))
      .limit(page.limit + 1);
    const items = rows.slice(0, page.limit).map(toNotification);
    return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
  }

  async unreadCount(accountId: string, cap: number): Promise<number> {
    const row = await this.db.get<{ n: number }>(sql`
      SELECT COUNT(*) AS n FROM (
        SELECT 1 FROM notifications
        WHERE account_id = ${accountId} AND filtered = 0
          AND id > coalesce((SELECT notifications_read_id FROM accounts WHERE id = ${accountId}), '')
        LIMIT ${cap})`);
    return row?.n ?? 0;
  }

  async readMarker(accountId: string): Promise<string | null> {
    const row = await this.db.select({ id: accounts.notificationsReadId }).from(accounts).where(eq(accounts.id, accountId)).get();
    return row?.id ?? null;
  }

  async markRead(accountId: string, upTo: string | null): Promise<void> {
    const newest = sql`(SELECT max(id) FROM notifications WHERE account_id = ${accountId})`;
    const target = upTo === null ? newest : sql`${upTo}`;
    await this.db
      .update(accounts)
      .set({ notificationsReadId: sql`${target}` })
      .where(
        and(
          eq(accounts.id, accountId),
          sql`${target} IS NOT NULL`,
          sql`(${accounts.notificationsReadId} IS NULL OR ${accounts.notificationsReadId} < ${target})`,
        ),
      );
  }

  async communityModerators(rootId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: communityMembers.accountId })
      .from(communityMembers)
      .where(and(eq(communityMembers.communityId, rootId), inArray(communityMembers.role, ["owner", "moderator"])))
      .limit(50);
    return rows.map((r) => r.id);
  }
}
