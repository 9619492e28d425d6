import { and, eq, gt, lt } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Session, SessionStore } from "../core/accounts/ports";
import { sessions } from "./schema";

export class D1SessionStore implements SessionStore {
  constructor(
    private readonly db: DrizzleD1Database,
    private readonly now: () => Date,
  ) {}

  async create(tokenHash: string, s: Session): Promise<void> {
    await this.db.insert(sessions).values({ tokenHash, accountId: s.accountId, createdAt: this.now(), expiresAt: s.expiresAt });
  }

  async find(tokenHash: string, now: Date): Promise<Session | null> {
    const row = await this.db
      .select({ accountId: sessions.accountId, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
      .get();
    return row ?? null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  }

  /** Scheduled clean-up of expired sessions. */
  async deleteExpired(now: Date): Promise<number> {
    const r = await this.db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
    return r.meta.changes ?? 0;
  }
}
