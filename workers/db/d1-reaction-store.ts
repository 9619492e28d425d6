import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { ReactionCount, ReactionStore, Reactors } from "../core/posts/ports";
import { inChunks } from "./chunks";
import { reactionCounts, reactions } from "./schema";

/** Reactions in D1; per-emoji counts and posts.reactions_count are kept by triggers (migrations/0006). */
export class D1ReactionStore implements ReactionStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async add(postId: string, accountId: string, emoji: string, at: Date): Promise<boolean> {
    const r = await this.db.insert(reactions).values({ postId, accountId, emoji, createdAt: at }).onConflictDoNothing().run();
    return Boolean(r.meta.changes);
  }

  async remove(postId: string, accountId: string, emoji: string): Promise<boolean> {
    const r = await this.db
      .delete(reactions)
      .where(and(eq(reactions.postId, postId), eq(reactions.emoji, emoji), eq(reactions.accountId, accountId)))
      .run();
    return Boolean(r.meta.changes);
  }

  async countsFor(postIds: readonly string[]): Promise<Map<string, ReactionCount[]>> {
    const rows = await inChunks(postIds, (chunk) =>
      this.db.select().from(reactionCounts).where(inArray(reactionCounts.postId, chunk)).orderBy(desc(reactionCounts.count)),
    );
    const out = new Map<string, ReactionCount[]>();
    for (const r of rows) out.set(r.postId, [...(out.get(r.postId) ?? []), { emoji: r.emoji, count: r.count }]);
    for (const list of out.values()) list.sort((a, b) => b.count - a.count);
    return out;
  }

  async mineAmong(accountId: string, postIds: readonly string[]): Promise<Map<string, Set<string>>> {
    // reactions_account_idx (account_id, post_id).
    const rows = await inChunks(postIds, (chunk) =>
      this.db
        .select({ postId: reactions.postId, emoji: reactions.emoji })
        .from(reactions)
        .where(and(eq(reactions.accountId, accountId), inArray(reactions.postId, chunk))),
    );
    const out = new Map<string, Set<string>>();
    for (const r of rows) out.set(r.postId, (out.get(r.postId) ?? new Set()).add(r.emoji));
    return out;
  }

  async reactors(postId: string, emojiLimit: number, accountsPerEmoji: number): Promise<Reactors[]> {
    const counts = await this.db
      .select({ emoji: reactionCounts.emoji, count: reactionCounts.count })
      .from(reactionCounts)
      .where(eq(reactionCounts.postId, postId))
      .orderBy(desc(reactionCounts.count))
      .limit(emojiLimit);
    if (counts.length === 0) return [];
    // The first few accounts per emoji, in one bounded query (a window over the post's rows).
    const rows = await this.db.all<{
      emoji: string;
      id: string;
      username: string;
      display_name: string;
      avatar_key: string | null;
    }>(sql`
      SELECT emoji, id, username, display_name, avatar_key FROM (
        SELECT r.emoji, a.id, a.username, a.display_name, a.avatar_key,
               ROW_NUMBER() OVER (PARTITION BY r.emoji ORDER BY r.created_at) AS n
        FROM reactions r JOIN accounts a ON a.id = r.account_id
        WHERE r.post_id = ${postId}
      ) WHERE n <= ${accountsPerEmoji}`);
    const byEmoji = new Map<string, Reactors["accounts"]>();
    for (const r of rows) {
      const list = byEmoji.get(r.emoji) ?? [];
      list.push({ id: r.id, username: r.username, displayName: r.display_name, avatarKey: r.avatar_key });
      byEmoji.set(r.emoji, list);
    }
    return counts.map((c) => ({ ...c, accounts: byEmoji.get(c.emoji) ?? [] }));
  }
}
