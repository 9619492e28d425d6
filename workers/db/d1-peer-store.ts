import { desc, eq } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { deliveryDeadLetters, peers } from "./schema";

export interface Peer {
  readonly host: string;
  readonly lastSuccessAt: Date | null;
  readonly lastFailureAt: Date | null;
  readonly consecutiveFailures: number;
  readonly unavailableUntil: Date | null;
  readonly lastError: string | null;
}

/** When the circuit opens and for how long (the breaker itself: federation/activitypub/consumer.ts). */
export const CIRCUIT = {
  /** Consecutive failed deliveries to one host that open its circuit. */
  failureThreshold: 5,
  /** First open period; it doubles with every further failure... */
  openMs: 60 * 60 * 1000,
  /** ...up to this. */
  maxOpenMs: 24 * 60 * 60 * 1000,
} as const;

export interface DeadLetter {
  readonly id: string;
  readonly host: string;
  readonly inbox: string;
  readonly activityId: string | null;
  readonly activityType: string | null;
  readonly reason: "retries_exhausted" | "gone" | "refused";
  readonly error: string;
  readonly attempts: number;
  /** The secret-free Fedify task. */
  readonly task: unknown;
  readonly createdAt: Date;
}

/** Per-peer delivery health (the circuit breaker's state) and the dead-letter record. */
export class D1PeerStore {
  constructor(
    private readonly db: DrizzleD1Database,
    private readonly raw: D1Database,
  ) {}

  async find(host: string): Promise<Peer | null> {
    return (await this.db.select().from(peers).where(eq(peers.host, host)).get()) ?? null;
  }

  /** The peer answered: failures reset, circuit closed. */
  async recordSuccess(host: string, at: Date): Promise<void> {
    await this.raw
      .prepare(
        `INSERT INTO peers (host, last_success_at, consecutive_failures) VALUES (?1, ?2, 0)
         ON CONFLICT (host) DO UPDATE SET last_success_at = ?2, consecutive_failures = 0, unavailable_until = NULL`,
      )
      .bind(host, at.getTime())
      .run();
  }

  /** A delivery failed (unreachable, 5xx, 429): counts towards opening the circuit. */
  async recordFailure(host: string, at: Date, error: string): Promise<Peer> {
    const { failureThreshold, openMs, maxOpenMs } = CIRCUIT;
    const row = await this.raw
      .prepare(
        `INSERT INTO peers (host, last_failure_at, consecutive_failures, unavailable_until, last_error)
         VALUES (?1, ?2, 1, CASE WHEN 1 >= ?4 THEN ?2 + ?5 END, ?3)
         ON CONFLICT (host) DO UPDATE SET
           last_failure_at = ?2,
           consecutive_failures = consecutive_failures + 1,
           last_error = ?3,
           unavailable_until = CASE WHEN consecutive_failures + 1 >= ?4
             THEN ?2 + MIN(?5 * (1 << MIN(consecutive_failures + 1 - ?4, 20)), ?6)
             ELSE unavailable_until END
         RETURNING *`,
      )
      .bind(host, at.getTime(), error.slice(0, 500), failureThreshold, openMs, maxOpenMs)
      .first<{
        host: string;
        last_success_at: number | null;
        last_failure_at: number | null;
        consecutive_failures: number;
        unavailable_until: number | null;
        last_error: string | null;
      }>();
    if (!row) throw new Error("peer upsert returned nothing");
    const date = (ms: number | null) => (ms === null ? null : new Date(ms));
    return {
      host: row.host,
      lastSuccessAt: date(row.last_success_at),
      lastFailureAt: date(row.last_failure_at),
      consecutiveFailures: row.consecutive_failures,
      unavailableUntil: date(row.unavailable_until),
      lastError: row.last_error,
    };
  }

  async addDeadLetter(letter: Omit<DeadLetter, "task"> & { task: unknown }): Promise<void> {
    await this.db
      .insert(deliveryDeadLetters)
      .values({ ...letter, error: letter.error.slice(0, 2000), task: JSON.stringify(letter.task) })
      .run();
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const rows = await this.db.select().from(deliveryDeadLetters).orderBy(desc(deliveryDeadLetters.id)).limit(limit).all();
    return rows.map((r) => ({ ...r, task: JSON.parse(r.task) as unknown }));
  }
}
