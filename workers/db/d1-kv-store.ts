import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";

/**
 * Fedify's key–value store over D1 (`fedify_kv`): caches of remote documents and
 * keys, inbox idempotence, the double-knock memory. Key parts are URI-encoded and
 * joined by "/", so a prefix is one range scan of the primary key ("/" sorts just
 * before "0"). Values are JSON. Expired rows read as absent; `sweepExpired` deletes them.
 */
export class D1KvStore implements KvStore {
  constructor(
    private readonly db: D1Database,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const row = await this.db
      .prepare("SELECT value FROM fedify_kv WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)")
      .bind(encodeKey(key), this.now())
      .first<{ value: string }>();
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    await this.db
      .prepare(
        "INSERT INTO fedify_kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at",
      )
      .bind(encodeKey(key), JSON.stringify(value), this.expiry(options))
      .run();
  }

  async delete(key: KvKey): Promise<void> {
    await this.db.prepare("DELETE FROM fedify_kv WHERE key = ?").bind(encodeKey(key)).run();
  }

  /**
   * Compare-and-swap in one statement (D1 runs each statement atomically): `expected`
   * undefined means "absent or expired". Values compare by their JSON text, which is
   * how Fedify hands back what it read.
   */
  async cas(key: KvKey, expected: unknown, value: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const now = this.now();
    const k = encodeKey(key);
    const json = JSON.stringify(value);
    const expiresAt = this.expiry(options);
    const result =
      expected === undefined
        ? await this.db
            .prepare(
              `INSERT INTO fedify_kv (key, value, expires_at) VALUES (?1, ?2, ?3)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
               WHERE fedify_kv.expires_at IS NOT NULL AND fedify_kv.expires_at <= ?4`,
            )
            .bind(k, json, expiresAt, now)
            .run()
        : await this.db
            .prepare(
              "UPDATE fedify_kv SET value = ?2, expires_at = ?3 WHERE key = ?1 AND value = ?4 AND (expires_at IS NULL OR expires_at > ?5)",
            )
            .bind(k, json, expiresAt, JSON.stringify(expected), now)
            .run();
    return result.meta.changes > 0;
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const p = prefix ? encodeKey(prefix) : null;
    let after = "";
    for (;;) {
      const page = await this.db
        .prepare(
          p === null
            ? "SELECT key, value FROM fedify_kv WHERE key > ?1 AND (expires_at IS NULL OR expires_at > ?2) ORDER BY key LIMIT 100"
            : `SELECT key, value FROM fedify_kv WHERE key > ?1 AND (expires_at IS NULL OR expires_at > ?2)
               AND (key = ?3 OR (key >= ?3 || '/' AND key < ?3 || '0')) ORDER BY key LIMIT 100`,
        )
        .bind(...(p === null ? [after, this.now()] : [after, this.now(), p]))
        .all<{ key: string; value: string }>();
      for (const row of page.results) yield { key: decodeKey(row.key), value: JSON.parse(row.value) };
      const last = page.results.at(-1);
      if (!last || page.results.length < 100) return;
      after = last.key;
    }
  }

  /** Deletes expired rows (run by the scheduled sweep); returns how many. */
  async sweepExpired(limit = 1000): Promise<number> {
    const r = await this.db
      .prepare("DELETE FROM fedify_kv WHERE key IN (SELECT key FROM fedify_kv WHERE expires_at <= ? LIMIT ?)")
      .bind(this.now(), limit)
      .run();
    return r.meta.changes;
  }

  private expiry(options?: KvStoreSetOptions): number | null {
    if (!options?.ttl) return null;
    return this.now() + Math.round(options.ttl.total({ unit: "millisecond" }));
  }
}

function encodeKey(key: KvKey): string {
  return key.map(encodeURIComponent).join("/");
}

function decodeKey(key: string): KvKey {
  const [first = "", ...rest] = key.split("/").map(decodeURIComponent);
  return [first, ...rest];
}
