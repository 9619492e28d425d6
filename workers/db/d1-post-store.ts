import { and, asc, desc, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { HomeAudience, NewPost, PostStore } from "../core/posts/ports";
import type { LocalReach, Post, Viewer, Visibility } from "../core/posts/post";
import type { Page, PageRequest } from "../core/shared/ports";
import { accounts, follows, homeEntries, posts } from "./schema";

const REACH: Record<LocalReach, number> = { everyone: 2, signed_in: 1, none: 0 };

const columns = {
  post: posts,
  author: { id: accounts.id, username: accounts.username, displayName: accounts.displayName, avatarKey: accounts.avatarKey },
};

type Row = { post: typeof posts.$inferSelect; author: Post["author"] };

function parseIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function toPost({ post, author }: Row): Post {
  return {
    id: post.id,
    author,
    text: post.text,
    cw: post.cw,
    visibility: post.visibility,
    replyToId: post.replyToId,
    rootId: post.rootId,
    mentionIds: parseIds(post.mentionIds),
    createdAt: post.createdAt,
    deletedAt: post.deletedAt,
    repliesCount: post.repliesCount,
  };
}

function toPage(rows: Row[], limit: number): Page<Post> {
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
    return this.db.select(columns).from(posts).innerJoin(accounts, eq(accounts.id, posts.authorId));
  }

  async insert(p: NewPost, audience: HomeAudience): Promise<Post> {
    const direct = [...new Set(audience.accountIds)].map((accountId) => ({ accountId, postId: p.id, authorId: p.authorId }));
    const followers = audience.followersOf
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
      : [];
    // One atomic batch: the post, then its home-timeline entries (counters follow by trigger).
    await this.db.batch([
      this.db.insert(posts).values({
        id: p.id,
        authorId: p.authorId,
        text: p.text,
        cw: p.cw,
        visibility: p.visibility,
        replyToId: p.replyToId,
        rootId: p.rootId,
        mentionIds: JSON.stringify(p.mentionIds),
        localReach: REACH[p.localReach],
        createdAt: p.createdAt,
      }),
      ...(direct.length ? [this.db.insert(homeEntries).values(direct).onConflictDoNothing()] : []),
      ...followers,
    ]);
    const post = await this.findById(p.id);
    if (!post) throw new Error(`post ${p.id} vanished after insert`);
    return post;
  }

  async findById(id: string): Promise<Post | null> {
    const row = await this.select().where(eq(posts.id, id)).get();
    return row ? toPost(row) : null;
  }

  async softDelete(post: Post, at: Date): Promise<void> {
    // The trigger posts_after_soft_delete fixes counters and removes home entries.
    await this.db
      .update(posts)
      .set({ deletedAt: at, localReach: 0 })
      .where(and(eq(posts.id, post.id), isNull(posts.deletedAt)));
  }

  async localTimeline(viewer: Viewer, page: PageRequest): Promise<Page<Post>> {
    // Literal predicates (not bound parameters) so SQLite can use the partial indexes.
    const reach = viewer === null ? sql`${posts.localReach} = 2` : sql`${posts.localReach} >= 1`;
    return this.pageOf(reach, page);
  }

  async homeTimeline(accountId: string, page: PageRequest): Promise<Page<Post>> {
    const conditions: SQL[] = [eq(homeEntries.accountId, accountId)];
    if (page.cursor) conditions.push(lt(homeEntries.postId, page.cursor));
    const rows = await this.db
      .select(columns)
      .from(homeEntries)
      .innerJoin(posts, eq(posts.id, homeEntries.postId))
      .innerJoin(accounts, eq(accounts.id, posts.authorId))
      .where(and(...conditions))
      .orderBy(desc(homeEntries.postId))
      .limit(page.limit + 1);
    return toPage(rows, page.limit);
  }

  async accountPosts(authorId: string, visibilities: readonly Visibility[], page: PageRequest): Promise<Page<Post>> {
    return this.pageOf(
      and(eq(posts.authorId, authorId), inArray(posts.visibility, [...visibilities]), isNull(posts.deletedAt)) as SQL,
      page,
    );
  }

  private async pageOf(where: SQL, page: PageRequest): Promise<Page<Post>> {
    const conditions = [where];
    if (page.cursor) conditions.push(lt(posts.id, page.cursor));
    const rows = await this.select()
      .where(and(...conditions))
      .orderBy(desc(posts.id))
      .limit(page.limit + 1);
    return toPage(rows, page.limit);
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
}
