import { and, desc, eq, inArray, isNotNull, like, lt, or, type SQL, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Account } from "../core/accounts/account";
import type { AccountQuery, AuditEntry, ModeratedAccount, ModerationStore, Standing } from "../core/moderation/ports";
import type { Page, PageRequest } from "../core/shared/ports";
import { toAccount } from "./d1-account-store";
import { accountModeration, accounts, moderationLog, moderationMarks, sessions, signupRequests } from "./schema";

const STAFF_MARK = "staff_active";
/** "Staff acted" is written at most this often (reading the queue should not cost a write per request). */
const STAFF_MARK_THROTTLE_MS = 10 * 60 * 1000;

/**
 * SQL predicates the read paths use to hide moderated authors. Each is a lookup in a
 * small partial index of account_moderation (SQLite evaluates the subquery once).
 */
export const notSuspended = (column: SQL | { name: string }) =>
  sql`${column} NOT IN (SELECT account_id FROM account_moderation WHERE suspended_at IS NOT NULL)`;
export const notSilencedOrSuspended = (column: SQL | { name: string }) =>
  sql`${column} NOT IN (SELECT account_id FROM account_moderation WHERE suspended_at IS NOT NULL OR silenced_at IS NOT NULL)`;

export class D1ModerationStore implements ModerationStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async standing(accountId: string): Promise<Standing> {
    const row = await this.db.select().from(accountModeration).where(eq(accountModeration.accountId, accountId)).get();
    return { silencedAt: row?.silencedAt ?? null, suspendedAt: row?.suspendedAt ?? null };
  }

  async setStanding(accountId: string, remote: boolean, standing: Standing, at: Date): Promise<void> {
    if (!standing.silencedAt && !standing.suspendedAt) {
      await this.db.delete(accountModeration).where(eq(accountModeration.accountId, accountId));
      return;
    }
    const values = { silencedAt: standing.silencedAt, suspendedAt: standing.suspendedAt, updatedAt: at };
    await this.db
      .insert(accountModeration)
      .values({ accountId, remote, ...values })
      .onConflictDoUpdate({ target: accountModeration.accountId, set: values });
  }

  async log(entry: AuditEntry): Promise<void> {
    await this.db.insert(moderationLog).values({ ...entry, reason: entry.reason.slice(0, 2000) });
  }

  async auditLog(page: PageRequest): Promise<Page<AuditEntry>> {
    const rows = await this.db
      .select()
      .from(moderationLog)
      .where(page.cursor ? lt(moderationLog.id, page.cursor) : undefined)
      .orderBy(desc(moderationLog.id))
      .limit(page.limit + 1);
    const items = rows.slice(0, page.limit).map((r) => r as AuditEntry);
    return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
  }

  async markStaffActive(at: Date): Promise<void> {
    await this.db
      .insert(moderationMarks)
      .values({ key: STAFF_MARK, at })
      .onConflictDoUpdate({
        target: moderationMarks.key,
        set: { at },
        setWhere: sql`${moderationMarks.at} < ${at.getTime() - STAFF_MARK_THROTTLE_MS}`,
      });
  }

  async lastStaffActivity(): Promise<Date | null> {
    const row = await this.db.select().from(moderationMarks).where(eq(moderationMarks.key, STAFF_MARK)).get();
    return row?.at ?? null;
  }

  async staff(): Promise<Account[]> {
    const rows = await this.db
      .select()
      .from(accounts)
      .where(inArray(accounts.role, ["admin", "moderator"]))
      .limit(100);
    return rows.map(toAccount);
  }

  async hasAccounts(): Promise<boolean> {
    return (await this.db.select({ id: accounts.id }).from(accounts).limit(1).get()) !== undefined;
  }

  async revokeSessions(accountId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.accountId, accountId));
  }

  async searchAccounts(query: AccountQuery, page: PageRequest): Promise<Page<ModeratedAccount>> {
    const conditions: SQL[] = [];
    if (query.query) {
      const q = `%${query.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(sql`${accounts.usernameLower} LIKE ${q} ESCAPE '\\'`, like(sql`lower(${accounts.displayName})`, q)) as SQL,
      );
    }
    if (query.role) conditions.push(eq(accounts.role, query.role));
    if (query.status === "pending") conditions.push(isNotNull(signupRequests.accountId));
    if (query.status === "silenced") conditions.push(isNotNull(accountModeration.silencedAt));
    if (query.status === "suspended") conditions.push(isNotNull(accountModeration.suspendedAt));
    if (page.cursor) conditions.push(lt(accounts.id, page.cursor));
    const rows = await this.db
      .select({ account: accounts, moderation: accountModeration, pending: signupRequests.accountId })
      .from(accounts)
      .leftJoin(accountModeration, eq(accountModeration.accountId, accounts.id))
      .leftJoin(signupRequests, eq(signupRequests.accountId, accounts.id))
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(accounts.id))
      .limit(page.limit + 1);
    const items = rows.slice(0, page.limit).map((r) => ({
      account: toAccount(r.account),
      standing: { silencedAt: r.moderation?.silencedAt ?? null, suspendedAt: r.moderation?.suspendedAt ?? null },
      pending: r.pending !== null,
    }));
    return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.account.id ?? null) : null };
  }
}
