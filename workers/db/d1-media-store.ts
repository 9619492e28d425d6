import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { MEDIA_PER_POST_MAX, type Media, type MediaStore } from "../core/media/ports";
import { media } from "./schema";

type Row = typeof media.$inferSelect;

function toMedia(row: Row): Media {
  return {
    id: row.id,
    accountId: row.accountId,
    key: row.key,
    contentType: row.contentType,
    kind: row.kind,
    width: row.width,
    height: row.height,
    size: row.size,
    alt: row.alt,
    postId: row.postId,
    position: row.position,
    createdAt: row.createdAt,
  };
}

/** D1 allows 100 bound parameters per query; lists are read in chunks below that. */
const CHUNK = 90;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Local media rows in D1 (the bytes are in R2 under the same key). */
export class D1MediaStore implements MediaStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async create(m: Omit<Media, "postId" | "position">): Promise<void> {
    await this.db.insert(media).values({ ...m, postId: null, position: 0 });
  }

  async findMany(ids: readonly string[]): Promise<Media[]> {
    const out: Media[] = [];
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.db.select().from(media).where(inArray(media.id, part));
      out.push(...rows.map(toMedia));
    }
    return out;
  }

  /**
   * One UPDATE, so it is all or nothing: every id must be distinct, the account's own
   * and unattached, or nothing is attached (returns 0). Positions follow the given order.
   */
  async attach(accountId: string, mediaIds: readonly string[], postId: string): Promise<number> {
    if (mediaIds.length === 0) return 0;
    if (mediaIds.length > MEDIA_PER_POST_MAX || new Set(mediaIds).size !== mediaIds.length) return 0;
    const ids = sql.join(
      mediaIds.map((id) => sql`${id}`),
      sql`, `,
    );
    const position = sql.join(
      mediaIds.map((id, i) => sql`WHEN ${id} THEN ${i}`),
      sql` `,
    );
    const result = await this.db.run(sql`
      UPDATE media SET post_id = ${postId}, position = CASE id ${position} END
      WHERE id IN (${ids}) AND account_id = ${accountId} AND post_id IS NULL
        AND (SELECT COUNT(*) FROM media WHERE id IN (${ids}) AND account_id = ${accountId} AND post_id IS NULL) = ${mediaIds.length}`);
    return result.meta.changes ?? 0;
  }

  async forPosts(postIds: readonly string[]): Promise<Map<string, Media[]>> {
    const out = new Map<string, Media[]>();
    for (const part of chunks([...new Set(postIds)])) {
      const rows = await this.db
        .select()
        .from(media)
        .where(inArray(media.postId, part))
        .orderBy(asc(media.postId), asc(media.position));
      for (const row of rows) {
        if (!row.postId) continue;
        const list = out.get(row.postId) ?? [];
        list.push(toMedia(row));
        out.set(row.postId, list);
      }
    }
    return out;
  }

  async orphans(before: Date, limit: number): Promise<Media[]> {
    const rows = await this.db
      .select()
      .from(media)
      .where(and(isNull(media.postId), lt(media.createdAt, before)))
      .limit(limit);
    return rows.map(toMedia);
  }

  async delete(ids: readonly string[]): Promise<void> {
    for (const part of chunks([...new Set(ids)])) await this.db.delete(media).where(inArray(media.id, part));
  }

  async updateAlt(accountId: string, id: string, alt: string): Promise<Media | null> {
    const row = await this.db
      .update(media)
      .set({ alt })
      .where(and(eq(media.id, id), eq(media.accountId, accountId)))
      .returning()
      .get();
    return row ? toMedia(row) : null;
  }
}
