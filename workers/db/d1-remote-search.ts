import { sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { D1RemotePostStore, type RemotePost } from "./d1-remote-post-store";
import { FTS_SCAN_MAX, ftsPhrase, LIKE_SCAN_MAX, likeEscape } from "./d1-search-store";

/**
 * Full-text search over the remote-post cache: only public, not deleted posts (unlisted
 * ones stay out of search, as on Mastodon), newest first. Queries of 3 or more
 * characters use the trigram index `remote_posts_fts` (migrations, remote_posts_fts);
 * shorter ones scan the newest LIKE_SCAN_MAX cached posts. Bounded like local search,
 * and by the cache itself (REMOTE_POST_LIMITS): what has expired is not found.
 */
export class D1RemoteSearch {
  constructor(private readonly db: DrizzleD1Database) {}

  posts(query: string, limit: number): Promise<RemotePost[]> {
    return searchRemotePosts(this.db, query, limit);
  }
}

async function searchRemotePosts(db: DrizzleD1Database, query: string, limit: number): Promise<RemotePost[]> {
  const long = [...query].length >= 3;
  const candidates = long
    ? sql`SELECT rowid FROM remote_posts_fts WHERE remote_posts_fts MATCH ${ftsPhrase(query)} ORDER BY rowid DESC LIMIT ${FTS_SCAN_MAX}`
    : sql`SELECT rowid FROM remote_posts ORDER BY rowid DESC LIMIT ${LIKE_SCAN_MAX}`;
  const pattern = `%${likeEscape(query)}%`;
  const like = long ? sql`1` : sql`(r.text LIKE ${pattern} ESCAPE '\\' OR r.cw LIKE ${pattern} ESCAPE '\\')`;
  const rows = await db.all<{ id: string }>(sql`
    SELECT r.id AS id FROM remote_posts r
    WHERE r.rowid IN (${candidates}) AND r.visibility = 'public' AND r.deleted = 0 AND ${like}
    ORDER BY r.id DESC LIMIT ${limit}`);
  if (rows.length === 0) return [];
  const found = new Map((await new D1RemotePostStore(db).findMany(rows.map((r) => r.id))).map((p) => [p.id, p]));
  return rows.flatMap((r) => found.get(r.id) ?? []);
}
