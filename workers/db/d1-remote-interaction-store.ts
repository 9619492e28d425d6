import { and, desc, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { AuthorSummary } from "../core/posts/post";
import type { Page, PageRequest } from "../core/shared/ports";
import { inChunks } from "./chunks";
import type { RemotePost } from "./d1-remote-post-store";
import { D1RemotePostStore } from "./d1-remote-post-store";
import { accounts, follows, remotePostBoosts, remotePostReactions } from "./schema";

/** One of our accounts' boosts of a cached remote post, as timelines list it. */
export interface RemoteBoost {
  readonly id: string;
  readonly createdAt: Date;
  readonly booster: AuthorSummary;
  readonly post: RemotePost;
}

/** What the viewer and our server did with a page of remote posts. */
export interface RemoteInteractions {
  readonly reactions: Map<string, { emoji: string; count: number; me: boolean }[]>;
  readonly boosts: Map<string, { count: number; me: boolean }>;
}

/**
 * Our accounts' reactions to and boosts of cached remote posts (remote_post_reactions,
 * remote_post_boosts). Rows go with the cached post (ON DELETE CASCADE), so they are
 * bounded by the cache. Counts are of our accounts only: the remote totals are the
 * origin server's to keep.
 */
export class D1RemoteInteractionStore {
  private readonly posts: D1RemotePostStore;

  constructor(private readonly db: DrizzleD1Database) {
    this.posts = new D1RemotePostStore(db);
  }

  /** Stores the reaction; false when the account already reacted with that emoji. */
  async addReaction(remotePostId: string, accountId: string, emoji: string, activityIri: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .insert(remotePostReactions)
      .values({ remotePostId, accountId, emoji, activityIri, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: remotePostReactions.activityIri });
    return rows.length > 0;
  }

  /** Removes the reaction; returns its Like's id (for the Undo), or null when there was none. */
  async removeReaction(remotePostId: string, accountId: string, emoji: string): Promise<string | null> {
    const rows = await this.db
      .delete(remotePostReactions)
      .where(
        and(
          eq(remotePostReactions.remotePostId, remotePostId),
          eq(remotePostReactions.accountId, accountId),
          eq(remotePostReactions.emoji, emoji),
        ),
      )
      .returning({ iri: remotePostReactions.activityIri });
    return rows[0]?.iri ?? null;
  }

  /** Stores the boost; false when the account had already boosted the post. */
  async addBoost(id: string, remotePostId: string, accountId: string, activityIri: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .insert(remotePostBoosts)
      .values({ id, remotePostId, accountId, activityIri, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: remotePostBoosts.id });
    return rows.length > 0;
  }

  /** Removes the boost; returns its Announce's id (for the Undo) and when it was made, or null. */
  async removeBoost(remotePostId: string, accountId: string): Promise<{ activityIri: string; createdAt: Date } | null> {
    const rows = await this.db
      .delete(remotePostBoosts)
      .where(and(eq(remotePostBoosts.remotePostId, remotePostId), eq(remotePostBoosts.accountId, accountId)))
      .returning({ activityIri: remotePostBoosts.activityIri, createdAt: remotePostBoosts.createdAt });
    return rows[0] ?? null;
  }

  /** Reaction and boost counts of our accounts for these remote posts, with the viewer's own marks (two grouped queries). */
  async among(viewer: string | null, ids: readonly string[]): Promise<RemoteInteractions> {
    const reactions = new Map<string, { emoji: string; count: number; me: boolean }[]>();
    const boosts = new Map<string, { count: number; me: boolean }>();
    if (ids.length === 0) return { reactions, boosts };
    const me = viewer ?? "";
    const [reactionRows, boostRows] = await Promise.all([
      inChunks(ids, (chunk) =>
        this.db
          .select({
            id: remotePostReactions.remotePostId,
            emoji: remotePostReactions.emoji,
            count: sql<number>`count(*)`,
            me: sql<number>`max(${remotePostReactions.accountId} = ${me})`,
          })
          .from(remotePostReactions)
          .where(inArray(remotePostReactions.remotePostId, chunk))
          .groupBy(remotePostReactions.remotePostId, remotePostReactions.emoji)
          .orderBy(sql`min(${remotePostReactions.createdAt})`),
      ),
      inChunks(ids, (chunk) =>
        this.db
          .select({
            id: remotePostBoosts.remotePostId,
            count: sql<number>`count(*)`,
            me: sql<number>`max(${remotePostBoosts.accountId} = ${me})`,
          })
          .from(remotePostBoosts)
          .where(inArray(remotePostBoosts.remotePostId, chunk))
          .groupBy(remotePostBoosts.remotePostId),
      ),
    ]);
    for (const r of reactionRows) {
      const list = reactions.get(r.id) ?? [];
      list.push({ emoji: r.emoji, count: Number(r.count), me: Number(r.me) === 1 });
      reactions.set(r.id, list);
    }
    for (const b of boostRows) boosts.set(b.id, { count: Number(b.count), me: Number(b.me) === 1 });
    return { reactions, boosts };
  }

  /**
   * Remote boosts for a timeline, newest first, keyset on our ids: by one account (its
   * profile) or by an account and everyone it follows (its home). A range scan of
   * remote_post_boosts_account_idx per account; the home form filters the followed set
   * with a subquery on follows, so it never binds one parameter per followee.
   */
  async boostsBy(scope: { account: string } | { homeOf: string }, page: PageRequest): Promise<Page<RemoteBoost>> {
    const conditions: SQL[] = [
      "account" in scope
        ? eq(remotePostBoosts.accountId, scope.account)
        : sql`(${remotePostBoosts.accountId} = ${scope.homeOf} OR ${remotePostBoosts.accountId} IN (SELECT ${follows.followeeId} FROM ${follows} WHERE ${follows.followerId} = ${scope.homeOf}))`,
    ];
    if (page.cursor) conditions.push(lt(remotePostBoosts.id, page.cursor));
    const rows = await this.db
      .select({
        id: remotePostBoosts.id,
        remotePostId: remotePostBoosts.remotePostId,
        createdAt: remotePostBoosts.createdAt,
        booster: {
          id: accounts.id,
          username: accounts.username,
          displayName: accounts.displayName,
          avatarKey: accounts.avatarKey,
        },
      })
      .from(remotePostBoosts)
      .innerJoin(accounts, eq(accounts.id, remotePostBoosts.accountId))
      .where(and(...conditions))
      .orderBy(desc(remotePostBoosts.id))
      .limit(page.limit + 1);
    const posts = new Map((await this.posts.findMany(rows.map((r) => r.remotePostId))).map((p) => [p.id, p]));
    const items = rows.flatMap((r) => {
      const post = posts.get(r.remotePostId);
      return post && !post.deleted ? [{ id: r.id, createdAt: r.createdAt, booster: r.booster as AuthorSummary, post }] : [];
    });
    const kept = items.slice(0, page.limit);
    return { items: kept, nextCursor: rows.length > page.limit ? (rows[page.limit - 1]?.id ?? null) : null };
  }
}
