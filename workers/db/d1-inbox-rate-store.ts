import type { Bucket, BucketSpec, InboxRateStore } from "../core/moderation/inbox-rate-limit";

/**
 * Inbox token buckets in D1 (inbox_rate_buckets). Cost per accepted inbox activity: one
 * read query of two rows and one batch of two upserts; a refused one only the read.
 */
export class D1InboxRateStore implements InboxRateStore {
  constructor(private readonly d1: D1Database) {}

  async read(keys: readonly string[]): Promise<Map<string, Bucket>> {
    if (keys.length === 0) return new Map();
    const marks = keys.map((_, i) => `?${i + 1}`).join(", ");
    const rows = await this.d1
      .prepare(`SELECT key, tokens, updated_at FROM inbox_rate_buckets WHERE key IN (${marks})`)
      .bind(...keys)
      .all<{ key: string; tokens: number; updated_at: number }>();
    return new Map(rows.results.map((r) => [r.key, { tokens: r.tokens, updatedAt: r.updated_at }]));
  }

  async charge(specs: readonly BucketSpec[], nowMs: number): Promise<void> {
    if (specs.length === 0) return;
    // Refill by elapsed time (capped at the capacity), then take one; never below zero.
    const upsert = `INSERT INTO inbox_rate_buckets (key, tokens, updated_at) VALUES (?1, ?2 - 1, ?3)
      ON CONFLICT (key) DO UPDATE SET
        tokens = max(0, min(?2, tokens + ((?3 - updated_at) / 60000.0) * ?2) - 1),
        updated_at = ?3`;
    await this.d1.batch(specs.map((s) => this.d1.prepare(upsert).bind(s.key, s.perMinute, nowMs)));
  }

  async sweep(beforeMs: number): Promise<number> {
    const r = await this.d1.prepare("DELETE FROM inbox_rate_buckets WHERE updated_at < ?1").bind(beforeMs).run();
    return r.meta.changes ?? 0;
  }
}
