import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { HomeAudience, NewPost, PostEdit, PostStore, PostVersion } from "../core/posts/ports";
import type { LocalReach, Post, ProfileReach, Viewer } from "../core/posts/post";
import type { Page, PageRequest } from "../core/shared/ports";
import { chunks, inChunks } from "./chunks";
import { notSilencedOrSuspended, notSuspended } from "./d1-moderation-store";
import { accounts, communities, communityReadMarkers, follows, homeEntries, postEdits, postHashtags, posts } from "./schema";

const REACH: Record<LocalReach, number> = { everyone: 2, signed_in: 1, none: 0 };
const PROFILE_REACH: Record<ProfileReach, number> = { anyone: 3, signed_in: 2, followers: 1, author: 0, nobody: -1 };

export const postColumns = {
  post: posts,
  author: { id: accounts.id, username: accounts.username, displayName: accounts.displayName, avatarKey: accounts.avatarKey },
};

/** Posts join their author; a suspended author's posts are hidden from every read (moderation). */
const authorJoin = and(eq(accounts.id, posts.authorId), notSuspended(posts.authorId)) as SQL;

export type PostRow = { post: typeof posts.$inferSelect; author: Post["author"] };

function parseIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function toPost({ post, author }: PostRow): Post {
  return {
    id: post.id,
    author,
    text: post.text,
    cw: post.cw,
    visibility: post.visibility,
    replyToId: post.replyToId,
    replyToExternal: post.inReplyToUri,
    rootId: post.rootId,
    mentionIds: parseIds(post.mentionIds),
    communityId: post.communityId,
    seq: post.seq,
    quoteId: post.quoteId,
    boostOfId: post.boostOfId,
    reactionAcceptance: post.reactionAcceptance,
    sensitive: post.sensitive,
    boostsCount: post.boostsCount,
    reactionsCount: post.reactionsCount,
    editedAt: post.editedAt,
    createdAt: post.createdAt,
    deletedAt: post.deletedAt,
    repliesCount: post.repliesCount,
  };
}

function toPage(rows: PostRow[], limit: number): Page<Post> {
  const items = rows.slice(0, limit).map(toPost);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

/**
 * Posts in D1. Every timeline page is a bounded index range scan (limit + 1 rows
 * plus one author lookup each), whatever the size of the table; see BENCHMARKS.md.
 */
export class D1PostStore implements PostStore {
  constructor(private readonly db: DrizzleD1Database) {}

  private select() {
    return this.db.select(postColumns).from(posts).innerJoin(accounts, authorJoin);
  }

  async insert(p: NewPost, audience: HomeAudience): Promise<Post> {
    const [post] = await this.insertMany([{ post: p, audience }]);
    if (!post) throw new Error(`post ${p.id} vanished after insert`);
    return post;
  }

  /** Statements that store one post and its home-timeline entries (counters follow by trigger). */
  private insertStatements(p: NewPost, audience: HomeAudience) {
    const direct = [...new Set(audience.accountIds)].map((accountId) => ({ accountId, postId: p.id, authorId: p.authorId }));
    return [
      this.db.insert(posts).values({
        id: p.id,
        authorId: p.authorId,
        text: p.text,
        cw: p.cw,
        visibility: p.visibility,
        replyToId: p.replyToId,
        inReplyToUri: p.replyToExternal ?? null,
        rootId: p.rootId,
        mentionIds: JSON.stringify(p.mentionIds),
        localReach: REACH[p.localReach],
        profileReach: PROFILE_REACH[p.profileReach],
        communityId: p.communityId,
        seq: p.seq,
        quoteId: p.quoteId ?? null,
        boostOfId: p.boostOfId ?? null,
        reactionAcceptance: p.reactionAcceptance ?? "all",
        sensitive: p.sensitive ?? false,
        createdAt: p.createdAt,
      }),
      ...(direct.length ? [this.db.insert(homeEntries).values(direct).onConflictDoNothing()] : []),
      ...(p.hashtags?.length
        ? [
            this.db
              .insert(postHashtags)
              .values(p.hashtags.map((tag) => ({ tag, postId: p.id })))
              .onConflictDoNothing(),
          ]
        : []),
      ...(audience.followersOf
        ? [
            this.db
              .insert(homeEntries)
              .select(
                this.db
                  .select({
                    accountId: follows.followerId,
                    postId: sql<string>`${p.id}`.as("post_id"),
                    authorId: sql<string>`${p.authorId}`.as("author_id"),
                  })
                  .from(follows)
                  .where(eq(follows.followeeId, audience.followersOf)),
              )
              .onConflictDoNothing(),
          ]
        : []),
    ];
  }

  async insertMany(entries: readonly { post: NewPost; audience: HomeAudience }[]): Promise<Post[]> {
    if (entries.length === 0) return [];
    const statements: BatchItem<"sqlite">[] = entries.flatMap(({ post, audience }) => this.insertStatements(post, audience));
    // Per community: its counters once for the whole batch, and each author's read marker
    // (writing in a community means you have read it up to your own post).
    const byCommunity = new Map<string, NewPost[]>();
    for (const { post } of entries) {
      if (post.communityId) byCommunity.set(post.communityId, [...(byCommunity.get(post.communityId) ?? []), post]);
    }
    for (const [communityId, list] of byCommunity) {
      const last = list.reduce((a, b) => ((b.seq ?? 0) > (a.seq ?? 0) ? b : a));
      statements.push(
        this.db
          .update(communities)
          .set({
            lastSeq: sql`max(last_seq, ${last.seq ?? 0})`,
            postsCount: sql`posts_count + ${list.length}`,
            lastPostAt: last.createdAt,
          })
          .where(eq(communities.id, communityId)),
      );
      const markers = new Map<string, number>();
      for (const p of list) markers.set(p.authorId, Math.max(markers.get(p.authorId) ?? 0, p.seq ?? 0));
      // Three bound parameters a row: chunks keep each statement under D1's 100.
      for (const rows of chunks([...markers], 30)) {
        statements.push(
          this.db
            .insert(communityReadMarkers)
            .values(rows.map(([accountId, seq]) => ({ accountId, communityId, seq })))
            .onConflictDoUpdate({
              target: [communityReadMarkers.accountId, communityReadMarkers.communityId],
              set: { seq: sql`max(seq, excluded.seq)` },
            }),
        );
      }
    }
    // One atomic batch: every post of the group commits or none does.
    await this.db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
    const ids = entries.map((e) => e.post.id);
    const rows = await this.select().where(inArray(posts.id, ids));
    const byId = new Map(rows.map((r) => [r.post.id, toPost(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async findById(id: string): Promise<Post | null> {
    const row = await this.select().where(eq(posts.id, id)).get();
    return row ? toPost(row) : null;
  }

  async softDelete(post: Post, at: Date): Promise<void> {
    // The trigger posts_after_soft_delete fixes counters and removes home entries.
    await this.db
      .update(posts)
      .set({ deletedAt: at, localReach: 0, profileReach: -1 })
      .where(and(eq(posts.id, post.id), isNull(posts.deletedAt)));
  }

  async localTimeline(viewer: Viewer, page: PageRequest): Promise<Page<Post>> {
    // Literal predicates (not bound parameters) so SQLite can use the partial indexes.
    const reach = viewer === null ? sql`${posts.localReach} = 2` : sql`${posts.localReach} >= 1`;
    // Silenced authors stay visible to their followers (home) but leave the local timeline.
    return this.pageOf(and(reach, notSilencedOrSuspended(posts.authorId)) as SQL, page);
  }

  async homeTimeline(accountId: string, communityIds: readonly string[], page: PageRequest): Promise<Page<Post>> {
    const conditions: SQL[] = [eq(homeEntries.accountId, accountId)];
    if (page.cursor) conditions.push(lt(homeEntries.postId, page.cursor));
    const fromHome = this.db
      .select(postColumns)
      .from(homeEntries)
      .innerJoin(posts, eq(posts.id, homeEntries.postId))
      .innerJoin(accounts, authorJoin)
      .where(and(...conditions))
      .orderBy(desc(homeEntries.postId))
      .limit(page.limit + 1);
    // Each community is its own bounded range scan; the merge happens here, so a page
    // reads at most (1 + communities) x (limit + 1) rows whatever the table sizes.
    const fromCommunities = communityIds.map((id) =>
      this.pageQuery(and(eq(posts.communityId, id), isNull(posts.deletedAt)) as SQL, page),
    );
    // Not db.batch(): drizzle maps batched join results by column name, and posts.id and
    // accounts.id collide. Parallel queries keep each result mapped by position.
    const results: PostRow[][] = await Promise.all([fromHome, ...fromCommunities]);
    const merged = new Map<string, PostRow>();
    for (const rows of results) for (const row of rows) merged.set(row.post.id, row);
    const sorted = [...merged.values()].sort((a, b) => (a.post.id < b.post.id ? 1 : a.post.id > b.post.id ? -1 : 0));
    return toPage(sorted, page.limit);
  }

  async communityTimeline(communityId: string, page: PageRequest): Promise<Page<Post>> {
    return this.pageOf(and(eq(posts.communityId, communityId), isNull(posts.deletedAt)) as SQL, page);
  }

  async communityPostsSince(communityId: string, afterSeq: number, limit: number): Promise<Post[]> {
    const rows = await this.select()
      .where(and(eq(posts.communityId, communityId), gt(posts.seq, afterSeq)))
      .orderBy(asc(posts.seq))
      .limit(limit);
    return rows.map(toPost);
  }

  async communityPostsBetween(communityId: string, from: Date, to: Date, limit: number): Promise<Post[]> {
    const rows = await this.select()
      .where(
        and(eq(posts.communityId, communityId), isNull(posts.deletedAt), gte(posts.createdAt, from), lt(posts.createdAt, to)),
      )
      .orderBy(desc(posts.id))
      .limit(limit);
    return rows.map(toPost);
  }

  async accountPosts(
    authorId: string,
    reach: Exclude<ProfileReach, "nobody">,
    viewer: Viewer,
    page: PageRequest,
  ): Promise<Page<Post>> {
    // Literal reach predicates so SQLite uses the matching partial index (see schema.ts).
    const reachSql = {
      anyone: sql`${posts.profileReach} = 3`,
      signed_in: sql`${posts.profileReach} >= 2`,
      followers: sql`${posts.profileReach} >= 1`,
      author: sql`${posts.profileReach} >= 0`,
    }[reach];
    // Members-only community posts are stored with reach -1; this re-check (primary-key
    // lookups per row) covers communities whose visibility changed after posting.
    const readableCommunity = sql`(${posts.communityId} IS NULL OR EXISTS (
      SELECT 1 FROM communities c JOIN communities r ON r.id = c.root_id
      WHERE c.id = ${posts.communityId} AND ((c.visibility = 'public' AND r.visibility = 'public')
        OR EXISTS (SELECT 1 FROM community_members m WHERE m.community_id = c.root_id AND m.account_id = ${viewer ?? ""}))))`;
    return this.pageOf(and(eq(posts.authorId, authorId), reachSql, readableCommunity) as SQL, page);
  }

  private pageQuery(where: SQL, page: PageRequest) {
    const conditions = [where];
    if (page.cursor) conditions.push(lt(posts.id, page.cursor));
    return this.select()
      .where(and(...conditions))
      .orderBy(desc(posts.id))
      .limit(page.limit + 1);
  }

  private async pageOf(where: SQL, page: PageRequest): Promise<Page<Post>> {
    return toPage(await this.pageQuery(where, page), page.limit);
  }

  async threadPosts(rootId: string, limit: number): Promise<Post[]> {
    const rows = await this.select()
      .where(and(eq(posts.rootId, rootId), isNull(posts.deletedAt)))
      .orderBy(asc(posts.id))
      .limit(limit);
    return rows.map(toPost);
  }

  async backfillHome(followerId: string, authorId: string, limit: number): Promise<void> {
    await this.db.run(sql`
      INSERT OR IGNORE INTO home_entries (account_id, post_id, author_id)
      SELECT ${followerId}, id, author_id FROM posts
      WHERE author_id = ${authorId} AND deleted_at IS NULL
        AND visibility IN ('public', 'local_public', 'unlisted', 'followers', 'local_only')
      ORDER BY id DESC LIMIT ${limit}`);
  }

  async removeFromHome(followerId: string, authorId: string): Promise<void> {
    await this.db.run(sql`
      DELETE FROM home_entries
      WHERE account_id = ${followerId} AND author_id = ${authorId}
        AND post_id NOT IN (
          SELECT id FROM posts WHERE author_id = ${authorId}
            AND EXISTS (SELECT 1 FROM json_each(posts.mention_ids) WHERE value = ${followerId}))`);
  }

  async findMany(ids: readonly string[]): Promise<Post[]> {
    const rows = await inChunks(ids, (chunk) => this.select().where(inArray(posts.id, chunk)));
    return rows.map(toPost);
  }

  async authors(ids: readonly string[]): Promise<Post["author"][]> {
    return inChunks(ids, (chunk) => this.db.select(postColumns.author).from(accounts).where(inArray(accounts.id, chunk)));
  }

  async findBoost(accountId: string, postId: string): Promise<Post | null> {
    const row = await this.select()
      .where(and(eq(posts.authorId, accountId), eq(posts.boostOfId, postId)))
      .get();
    return row ? toPost(row) : null;
  }

  async boostedAmong(accountId: string, postIds: readonly string[]): Promise<Set<string>> {
    // posts_boost_unique (author_id, boost_of_id) answers this as an index lookup.
    const rows = await inChunks(postIds, (chunk) =>
      this.db
        .select({ id: posts.boostOfId })
        .from(posts)
        .where(and(eq(posts.authorId, accountId), inArray(posts.boostOfId, chunk), isNull(posts.deletedAt))),
    );
    return new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
  }

  async removeBoost(boost: Post, at: Date): Promise<void> {
    // Soft delete first so the triggers fix boosts_count, posts_count and home timelines;
    // then the row goes, freeing the (author, boost_of_id) unique index for a later boost.
    await this.db.batch([
      this.db
        .update(posts)
        .set({ deletedAt: at, localReach: 0, profileReach: -1 })
        .where(and(eq(posts.id, boost.id), isNull(posts.deletedAt))),
      this.db.delete(posts).where(eq(posts.id, boost.id)),
    ]);
  }

  async edit(post: Post, e: PostEdit): Promise<Post> {
    await this.db.batch([
      this.db.insert(postEdits).values({ id: e.editId, postId: post.id, text: post.text, cw: post.cw, replacedAt: e.at }),
      this.db
        .update(posts)
        .set({ text: e.text, cw: e.cw, mentionIds: JSON.stringify(e.mentionIds), editedAt: e.at })
        .where(eq(posts.id, post.id)),
      this.db.delete(postHashtags).where(eq(postHashtags.postId, post.id)),
      ...(e.hashtags.length
        ? [
            this.db
              .insert(postHashtags)
              .values(e.hashtags.map((tag) => ({ tag, postId: post.id })))
              .onConflictDoNothing(),
          ]
        : []),
    ]);
    const updated = await this.findById(post.id);
    if (!updated) throw new Error(`post ${post.id} vanished during edit`);
    return updated;
  }

  async history(postId: string, limit: number): Promise<PostVersion[]> {
    return this.db
      .select({ text: postEdits.text, cw: postEdits.cw, replacedAt: postEdits.replacedAt })
      .from(postEdits)
      .where(eq(postEdits.postId, postId))
      .orderBy(desc(postEdits.id))
      .limit(limit);
  }

  async tagTimeline(tag: string, page: PageRequest): Promise<Page<Post>> {
    // A range scan of the (tag, post_id) primary key, newest first.
    const conditions: SQL[] = [eq(postHashtags.tag, tag), isNull(posts.deletedAt)];
    if (page.cursor) conditions.push(lt(postHashtags.postId, page.cursor));
    const rows: PostRow[] = await this.db
      .select(postColumns)
      .from(postHashtags)
      .innerJoin(posts, eq(posts.id, postHashtags.postId))
      .innerJoin(accounts, authorJoin)
      .where(and(...conditions))
      .orderBy(desc(postHashtags.postId))
      .limit(page.limit + 1);
    return toPage(rows, page.limit);
  }
}
