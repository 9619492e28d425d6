import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { SignupInvite, SignupRequest, SignupStore } from "../core/moderation/ports";
import { toAccount } from "./d1-account-store";
import { accounts, signupInvites, signupRateCounters, signupRequests } from "./schema";

export class D1SignupStore implements SignupStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async addRequest(accountId: string, reason: string, at: Date): Promise<void> {
    await this.db.insert(signupRequests).values({ accountId, reason, createdAt: at }).onConflictDoNothing();
  }

  async isPending(accountId: string): Promise<boolean> {
    const row = await this.db
      .select({ id: signupRequests.accountId })
      .from(signupRequests)
      .where(eq(signupRequests.accountId, accountId))
      .get();
    return row !== undefined;
  }

  async requests(limit: number): Promise<SignupRequest[]> {
    const rows = await this.db
      .select({ account: accounts, reason: signupRequests.reason, createdAt: signupRequests.createdAt })
      .from(signupRequests)
      .innerJoin(accounts, eq(accounts.id, signupRequests.accountId))
      .orderBy(signupRequests.createdAt)
      .limit(limit);
    return rows.map((r) => ({ account: toAccount(r.account), reason: r.reason, createdAt: r.createdAt }));
  }

  async approve(accountId: string): Promise<boolean> {
    const r = await this.db.delete(signupRequests).where(eq(signupRequests.accountId, accountId)).run();
    return (r.meta.changes ?? 0) > 0;
  }

  async reject(accountId: string): Promise<boolean> {
    // A pending account never logged in and has no content: deleting it frees the username.
    // The request row goes with it (ON DELETE CASCADE), as do sessions and memberships.
    const r = await this.db
      .delete(accounts)
      .where(and(eq(accounts.id, accountId), sql`EXISTS (SELECT 1 FROM signup_requests WHERE account_id = ${accountId})`))
      .run();
    return (r.meta.changes ?? 0) > 0;
  }

  async createInvite(invite: SignupInvite): Promise<void> {
    await this.db.insert(signupInvites).values(invite);
  }

  async invites(limit: number): Promise<SignupInvite[]> {
    return this.db.select().from(signupInvites).orderBy(desc(signupInvites.createdAt)).limit(limit);
  }

  async redeemInvite(code: string, at: Date): Promise<boolean> {
    // One conditional UPDATE: two signups can't both take the last use.
    const r = await this.db
      .update(signupInvites)
      .set({ uses: sql`${signupInvites.uses} + 1` })
      .where(
        and(
          eq(signupInvites.code, code),
          isNull(signupInvites.revokedAt),
          or(isNull(signupInvites.maxUses), lt(signupInvites.uses, signupInvites.maxUses)),
          or(isNull(signupInvites.expiresAt), gt(signupInvites.expiresAt, at)),
        ),
      )
      .run();
    return (r.meta.changes ?? 0) > 0;
  }

  async releaseInvite(code: string): Promise<void> {
    await this.db
      .update(signupInvites)
      .set({ uses: sql`max(${signupInvites.uses} - 1, 0)` })
      .where(eq(signupInvites.code, code));
  }

  async revokeInvite(code: string, at: Date): Promise<boolean> {
    const r = await this.db
      .update(signupInvites)
      .set({ revokedAt: at })
      .where(and(eq(signupInvites.code, code), isNull(signupInvites.revokedAt)))
      .run();
    return (r.meta.changes ?? 0) > 0;
  }

  async countAttempt(ip: string, windowStart: Date, windowMs: number): Promise<number> {
    const row = await this.db
      .insert(signupRateCounters)
      .values({ key: `${ip}|${windowStart.getTime()}`, count: 1, expiresAt: new Date(windowStart.getTime() + windowMs) })
      .onConflictDoUpdate({ target: signupRateCounters.key, set: { count: sql`${signupRateCounters.count} + 1` } })
      .returning({ count: signupRateCounters.count })
      .get();
    return row?.count ?? 1;
  }

  async sweepCounters(now: Date): Promise<number> {
    const r = await this.db.delete(signupRateCounters).where(lt(signupRateCounters.expiresAt, now)).run();
    return r.meta.changes ?? 0;
  }
}
