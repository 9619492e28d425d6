import { desc, eq, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { DeadLetter, Peer } from "./d1-peer-store";
import { deliveryDeadLetters, peers } from "./schema";

export interface DashboardFigures {
  readonly users: number;
  readonly posts: number;
  /** Accounts that posted or started a session in the last 7 days. */
  readonly activeUsers7d: number;
  readonly pendingSignups: number;
  readonly openReports: number;
  readonly deadLetters: number;
  /** Outbox tasks too large for one queue message, parked in KV until their message runs. */
  readonly parkedTasks: number;
  readonly peers: number;
  readonly unavailablePeers: number;
  readonly remoteActors: number;
  readonly remotePosts: number;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The admin dashboard's figures and the delivery records behind it. Every count is one
 * aggregate over an indexed table; the dashboard is opened by a handful of staff, so the
 * scans (users, posts) are acceptable at this server's scale.
 */
export class D1DashboardStore {
  constructor(
    private readonly db: DrizzleD1Database,
    private readonly raw: D1Database,
  ) {}

  async figures(now: Date): Promise<DashboardFigures> {
    const since = now.getTime() - WEEK_MS;
    const row = await this.raw
      .prepare(
        `SELECT
          (SELECT count(*) FROM accounts) AS users,
          (SELECT count(*) FROM posts WHERE deleted_at IS NULL) AS posts,
          (SELECT count(*) FROM (
            SELECT author_id FROM posts WHERE created_at >= ?1
            UNION SELECT account_id FROM sessions WHERE created_at >= ?1)) AS active,
          (SELECT count(*) FROM signup_requests) AS pending,
          (SELECT count(*) FROM reports WHERE status = 'open') AS reports,
          (SELECT count(*) FROM delivery_dead_letters) AS dead,
          (SELECT count(*) FROM fedify_kv WHERE key >= 'commons/spill/' AND key < 'commons/spill0') AS parked,
          (SELECT count(*) FROM peers) AS peers,
          (SELECT count(*) FROM peers WHERE unavailable_until > ?2) AS down,
          (SELECT count(*) FROM remote_actors) AS actors,
          (SELECT count(*) FROM remote_posts) AS remote_posts`,
      )
      .bind(since, now.getTime())
      .first<Record<string, number>>();
    const n = (k: string) => Number(row?.[k] ?? 0);
    return {
      users: n("users"),
      posts: n("posts"),
      activeUsers7d: n("active"),
      pendingSignups: n("pending"),
      openReports: n("reports"),
      deadLetters: n("dead"),
      parkedTasks: n("parked"),
      peers: n("peers"),
      unavailablePeers: n("down"),
      remoteActors: n("actors"),
      remotePosts: n("remote_posts"),
    };
  }

  async peers(limit: number): Promise<Peer[]> {
    return this.db
      .select()
      .from(peers)
      .orderBy(desc(peers.consecutiveFailures), desc(sql`coalesce(${peers.lastSuccessAt}, ${peers.lastFailureAt})`))
      .limit(limit);
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const rows = await this.db.select().from(deliveryDeadLetters).orderBy(desc(deliveryDeadLetters.id)).limit(limit);
    return rows.map((r) => ({ ...r, task: JSON.parse(r.task) as unknown }));
  }

  /** Removes and returns one dead letter (the caller re-enqueues its task). */
  async takeDeadLetter(id: string): Promise<DeadLetter | null> {
    const row = await this.db.delete(deliveryDeadLetters).where(eq(deliveryDeadLetters.id, id)).returning().get();
    return row ? { ...row, task: JSON.parse(row.task) as unknown } : null;
  }

  async putBack(letter: DeadLetter): Promise<void> {
    await this.db
      .insert(deliveryDeadLetters)
      .values({ ...letter, task: JSON.stringify(letter.task) })
      .onConflictDoNothing();
  }
}
