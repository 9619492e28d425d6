import { and, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { BookmarkStore } from "../core/posts/ports";
import type { Post } from "../core/posts/post";
import type { Page, PageRequest } from "../core/shared/ports";
import { inChunks } from "./chunks";
import { notSuspended } from "./d1-moderation-store";
import { postColumns, toPost } from "./d1-post-store";
import { accounts, bookmarks, posts } from "./schema";

export class D1BookmarkStore implements BookmarkStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async add(id: string, accountId: string, postId: string): Promise<boolean> {
    const r = await this.db.insert(bookmarks).values({ id, accountId, postId }).onConflictDoNothing().run();
    return Boolean(r.meta.changes);
  }

  async remove(accountId: string, postId: string): Promise<boolean> {
    const r = await this.db
      .delete(bookmarks)
      .where(and(eq(bookmarks.accountId, accountId), eq(bookmarks.postId, postId)))
      .run();
    return Boolean(r.meta.changes);
  }

  async among(accountId: string, postIds: readonly string[]): Promise<Set<string>> {
    const rows = await inChunks(postIds, (chunk) =>
      this.db
        .select({ postId: bookmarks.postId })
        .from(bookmarks)
        .where(and(eq(bookmarks.accountId, accountId), inArray(bookmarks.postId, chunk))),
    );
    return new Set(rows.map((r) => r.postId));
  }

  async page(accountId: string, page: PageRequest): Promise<Page<Post>> {
    // bookmarks_account_idx (account_id, id): newest bookmark first, keyset on the bookmark id.
    const conditions: SQL[] = [eq(bookmarks.accountId, accountId)];
    if (page.cursor) conditions.push(lt(bookmarks.id, page.cursor));
    const rows = await this.db
      .select({ ...postColumns, bookmarkId: bookmarks.id })
      .from(bookmarks)
      .innerJoin(posts, eq(posts.id, bookmarks.postId))
      .innerJoin(accounts, and(eq(accounts.id, posts.authorId), notSuspended(posts.authorId)))
      .where(and(...conditions))
      .orderBy(desc(bookmarks.id))
      .limit(page.limit + 1);
    const items = rows.slice(0, page.limit);
    return {
      items: items.map(toPost),
      nextCursor: rows.length > page.limit ? (items.at(-1)?.bookmarkId ?? null) : null,
    };
  }
}
