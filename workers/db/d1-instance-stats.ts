/** Usage figures for NodeInfo, each one cheap query. */
export interface InstanceUsage {
  readonly users: number;
  readonly activeMonth: number;
  readonly activeHalfyear: number;
  readonly localPosts: number;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The smallest UUIDv7 minted at `ms`: posts ids are UUIDv7, so "posts since t" is a
 * range scan of the primary key, not a table scan.
 */
export function uuidv7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

export class D1InstanceStats {
  constructor(private readonly db: D1Database) {}

  /** Users are local accounts; "active" means they posted within 30 / 180 days. */
  async usage(now: Date): Promise<InstanceUsage> {
    const active = (days: number) =>
      this.db
        .prepare("SELECT COUNT(DISTINCT author_id) AS n FROM posts WHERE id >= ? AND deleted_at IS NULL")
        .bind(uuidv7Floor(now.getTime() - days * DAY));
    const [accounts, month, halfyear] = await this.db.batch<{ n: number; p: number }>([
      this.db.prepare("SELECT COUNT(*) AS n, COALESCE(SUM(posts_count), 0) AS p FROM accounts"),
      active(30),
      active(180),
    ]);
    return {
      users: accounts?.results[0]?.n ?? 0,
      activeMonth: month?.results[0]?.n ?? 0,
      activeHalfyear: halfyear?.results[0]?.n ?? 0,
      localPosts: accounts?.results[0]?.p ?? 0,
    };
  }
}
