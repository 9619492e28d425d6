import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { PinStore } from "../core/posts/ports";
import type { Post } from "../core/posts/post";
import { notSuspended } from "./d1-moderation-store";
import { postColumns, toPost } from "./d1-post-store";
import { accounts, pins, posts } from "./schema";

export class D1PinStore implements PinStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async pin(accountId: string, postId: string, at: Date, max: number): Promise<"pinned" | "already" | "full"> {
    // One statement: the limit check and the insert cannot interleave with another pin.
    const r = await this.db.run(sql`
      INSERT OR IGNORE INTO pins (account_id, post_id, created_at)
      SELECT ${accountId}, ${postId}, ${at.getTime()}
      WHERE (SELECT COUNT(*) FROM pins WHERE account_id = ${accountId}) < ${max}`);
    if (r.meta.changes) return "pinned";
    const existing = await this.db
      .select({ one: sql`1` })
      .from(pins)
      .where(and(eq(pins.accountId, accountId), eq(pins.postId, postId)))
      .get();
    return existing ? "already" : "full";
  }

  async unpin(accountId: string, postId: string): Promise<boolean> {
    const r = await this.db
      .delete(pins)
      .where(and(eq(pins.accountId, accountId), eq(pins.postId, postId)))
      .run();
    return Boolean(r.meta.changes);
  }

  async pinnedAmong(list: readonly { authorId: string; postId: string }[]): Promise<Set<string>> {
    if (list.length === 0) return new Set();
    // Pins are looked up by author (the primary key's prefix); an account has at most a few.
    const authors = [...new Set(list.map((p) => p.authorId))].slice(0, 90);
    const rows = await this.db
      .select({ accountId: pins.accountId, postId: pins.postId })
      .from(pins)
      .where(inArray(pins.accountId, authors));
    const wanted = new Set(list.map((p) => `${p.authorId}|${p.postId}`));
    return new Set(rows.filter((r) => wanted.has(`${r.accountId}|${r.postId}`)).map((r) => r.postId));
  }

  async list(accountId: string, limit: number): Promise<Post[]> {
    const rows = await this.db
      .select(postColumns)
      .from(pins)
      .innerJoin(posts, eq(posts.id, pins.postId))
      .innerJoin(accounts, and(eq(accounts.id, posts.authorId), notSuspended(posts.authorId)))
      .where(eq(pins.accountId, accountId))
      .orderBy(desc(pins.createdAt))
      .limit(limit);
    return rows.map(toPost);
  }
}
