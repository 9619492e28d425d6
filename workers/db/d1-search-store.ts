import { sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Viewer } from "../core/posts/post";
import type { SearchStore } from "../core/search/ports";

/** Full-text matches looked at per query (newest first), however common the word. */
export const FTS_SCAN_MAX = 2000;
/** Posts scanned by the LIKE fallback for 1–2 character queries (too short for trigrams). */
export const LIKE_SCAN_MAX = 5000;

/** A LIKE pattern for a literal substring (used with ESCAPE '\'). */
export function likeEscape(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An FTS5 phrase: the query as one quoted string, so operators and syntax in it are literal. */
export function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/**
 * Search in D1. Posts: the FTS5 table `posts_fts` (trigram tokenizer, migrations/0006)
 * for queries of 3 or more characters, which covers Japanese and other languages written
 * without spaces; shorter queries (a two-character Japanese word such as 東京) fall back
 * to a LIKE scan over the newest LIKE_SCAN_MAX posts. Both are bounded.
 */
export class D1SearchStore implements SearchStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async postIds(query: string, viewer: Viewer, limit: number): Promise<string[]> {
    // Which kinds of posts may be found at all (community access is checked afterwards).
    const reach = viewer
      ? sql`(p.visibility IN ('public', 'local_public', 'local_only') OR p.author_id = ${viewer})`
      : sql`p.visibility IN ('public', 'local_public')`;
    const candidates =
      [...query].length >= 3
        ? sql`SELECT rowid FROM posts_fts WHERE posts_fts MATCH ${ftsPhrase(query)} ORDER BY rowid DESC LIMIT ${FTS_SCAN_MAX}`
        : sql`SELECT rowid FROM posts ORDER BY rowid DESC LIMIT ${LIKE_SCAN_MAX}`;
    const pattern = `%${likeEscape(query)}%`;
    const like = [...query].length >= 3 ? sql`1` : sql`(p.text LIKE ${pattern} ESCAPE '\\' OR p.cw LIKE ${pattern} ESCAPE '\\')`;
    const rows = await this.db.all<{ id: string }>(sql`
      SELECT p.id AS id FROM posts p
      WHERE p.rowid IN (${candidates}) AND p.deleted_at IS NULL AND p.boost_of_id IS NULL AND ${reach} AND ${like}
      ORDER BY p.id DESC LIMIT ${limit}`);
    return rows.map((r) => r.id);
  }

  async accountIds(query: string, limit: number): Promise<string[]> {
    const q = likeEscape(query.toLowerCase());
    const rows = await this.db.all<{ id: string }>(sql`
      SELECT id FROM accounts
      WHERE (username_lower LIKE ${`${q}%`} ESCAPE '\\' OR display_name LIKE ${`%${likeEscape(query)}%`} ESCAPE '\\')
        -- moderation: suspended accounts and signups waiting for approval are not found
        AND id NOT IN (SELECT account_id FROM account_moderation WHERE suspended_at IS NOT NULL)
        AND id NOT IN (SELECT account_id FROM signup_requests)
      ORDER BY (username_lower LIKE ${`${q}%`} ESCAPE '\\') DESC, followers_count DESC, id
      LIMIT ${limit}`);
    return rows.map((r) => r.id);
  }

  async hashtags(prefix: string, limit: number): Promise<string[]> {
    // A range on the (tag, post_id) primary key; counted over a bounded sample.
    const rows = await this.db.all<{ tag: string }>(sql`
      SELECT tag FROM (SELECT tag FROM post_hashtags WHERE tag >= ${prefix} AND tag < ${`${prefix}\u{10FFFF}`} LIMIT 5000)
      GROUP BY tag ORDER BY COUNT(*) DESC, tag LIMIT ${limit}`);
    return rows.map((r) => r.tag);
  }
}
