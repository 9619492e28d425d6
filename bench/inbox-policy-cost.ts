/**
 * What the inbox moderation checks cost per activity, in D1 statements, rows_read and
 * rows_written: the inbox gate (domain suspension, rate-limit read, the charge after
 * acceptance) and the ingest screening of a Note (domain policy, settings, "does anyone
 * here follow the author"), with a realistic amount of state: 1,000 domain blocks,
 * 100,000 rate buckets, 10,000 remote actors of which 1,000 are followed.
 *
 * A local D1 (workerd's SQLite via wrangler's getPlatformProxy) in a temporary directory
 * with the real migrations; the real store classes run, a recording wrapper on the
 * binding captures each statement, and each is run again to read `meta.rows_read` /
 * `meta.rows_written`. Timings are local SQLite, not D1 network latency: they only show
 * that the checks are index lookups.
 *
 *   npx tsx bench/inbox-policy-cost.ts
 */
/// <reference types="node" />
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { drizzle } from "drizzle-orm/d1";
import { getPlatformProxy } from "wrangler";
import { domainAndParents } from "../workers/core/moderation/domain-blocks";
import { getSettings } from "../workers/core/settings/settings";
import { D1InboxRateStore } from "../workers/db/d1-inbox-rate-store";
import { D1DomainBlockStore, D1PolicyStats } from "../workers/db/d1-policy-store";
import { D1RemotePostStore } from "../workers/db/d1-remote-post-store";
import { D1SettingsStore } from "../workers/db/d1-settings-store";

const root = resolve(import.meta.dirname, "..");
const log = (msg: string) => process.stderr.write(`${msg}\n`);

function migrationStatements(): string[] {
  const dir = join(root, "migrations");
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), "utf8")
        .split("--> statement-breakpoint")
        .map((s) => s.trim())
        .filter((s) => s.replace(/^--.*$/gm, "").trim().length > 0),
    );
}

type Captured = { sql: string; params: unknown[] };

/** A D1 binding that records every statement run through it (batched ones are not: `batch` sends them at once). */
function recording(d1: D1Database, sink: Captured[]): D1Database {
  const wrapStatement = (stmt: D1PreparedStatement, sql: string, params: unknown[] = []): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        if (prop === "bind") return (...args: unknown[]) => wrapStatement(target.bind(...args), sql, args);
        if (prop === "run" || prop === "all" || prop === "first" || prop === "raw") {
          const fn = Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown;
          return (...a: unknown[]) => {
            sink.push({ sql, params });
            return fn.apply(target, a);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return new Proxy(d1, {
    get(target, prop, receiver) {
      if (prop === "prepare") return (sql: string) => wrapStatement(target.prepare(sql), sql);
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "bench-inbox-policy-"));
  const configPath = join(dir, "wrangler.json");
  writeFileSync(
    configPath,
    JSON.stringify({
      name: "bench-inbox-policy",
      compatibility_date: "2026-01-01",
      d1_databases: [{ binding: "DB", database_name: "bench", database_id: "bench-inbox-policy" }],
    }),
  );
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath,
    persist: { path: join(dir, "state") },
    envFiles: [],
    remoteBindings: false,
  });
  try {
    const raw = proxy.env.DB;
    for (const stmt of migrationStatements()) await raw.prepare(stmt).run();
    const now = Date.now();
    const seed = [
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
       INSERT INTO domain_blocks (domain, severity, created_at, updated_at)
       SELECT 'blocked' || i || '.example', CASE WHEN i % 3 = 0 THEN 'silence' ELSE 'suspend' END, ${now}, ${now} FROM n`,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
       INSERT INTO inbox_rate_buckets (key, tokens, updated_at) SELECT 'actor:https://peer' || (i % 500) || '.example/users/u' || i, 30, ${now} FROM n`,
      `INSERT INTO accounts (id, username, username_lower, password_hash, created_at) VALUES ('acct-1', 'alice', 'alice', 'x', ${now})`,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
       INSERT INTO remote_actors (id, iri, host, inbox, updated_at)
       SELECT 'ra-' || i, 'https://peer' || (i % 500) || '.example/users/u' || i, 'peer' || (i % 500) || '.example', 'https://x/inbox', ${now} FROM n`,
      `WITH RECURSIVE n(i) AS (SELECT 10 UNION ALL SELECT i + 10 FROM n WHERE i < 10000)
       INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at)
       SELECT 'acct-1', 'ra-' || i, 'f' || i, ${now}, ${now} FROM n`,
      `INSERT INTO instance_settings (key, value, updated_at) VALUES ('prohibitedWords', '["a","b","c"]', ${now}), ('mentionLimit', '20', ${now})`,
    ];
    for (const s of seed) await raw.prepare(s).run();
    log("seeded: 1,000 domain blocks, 100,000 buckets, 10,000 remote actors (1,000 followed)");

    const captured: Captured[] = [];
    const d1 = recording(raw, captured);
    const db = drizzle(d1);
    const blocks = new D1DomainBlockStore(db, d1);
    const settings = new D1SettingsStore(db);
    const rates = new D1InboxRateStore(d1);
    const stats = new D1PolicyStats(db);
    const posts = new D1RemotePostStore(db);
    const actor = "https://peer7.example/users/u17";
    const keyHost = "peer7.example";
    const specs = [
      { key: `peer:${keyHost}`, perMinute: 600 },
      { key: `actor:${actor}`, perMinute: 60 },
    ];
    const steps: [string, () => Promise<unknown>][] = [
      // The key's host and the actor's host (the same server here) and their parents.
      [
        "gate: domain blocks covering key and actor hosts",
        () => blocks.covering([...domainAndParents(keyHost), ...domainAndParents(new URL(actor).hostname)]),
      ],
      ["gate: settings", () => getSettings({ settings })],
      ["gate: read both buckets", () => rates.read(specs.map((s) => s.key))],
      ["after 2xx: charge both buckets (batch of 2)", () => rates.charge(specs, Date.now())],
      ["screen: domain policy of the author", () => blocks.covering(domainAndParents("peer7.example"))],
      ["screen: settings", () => getSettings({ settings })],
      ["screen: followed locally?", () => posts.followedLocally(actor)],
      ["on a hit: count it", () => stats.hit("prohibited_word", new Date())],
    ];
    const rows: string[] = [];
    let totalRead = 0;
    let totalWritten = 0;
    let totalStatements = 0;
    for (const [name, run] of steps) {
      captured.length = 0;
      await run();
      const stmts = captured.length === 0 ? [] : [...captured];
      let read = 0;
      let written = 0;
      for (const c of stmts) {
        const res = await raw
          .prepare(c.sql)
          .bind(...c.params)
          .all();
        read += res.meta.rows_read;
        written += res.meta.rows_written;
      }
      // Batched statements are not captured by the wrapper (batch sends them at once): count them by hand.
      const statements = stmts.length || (name.includes("batch of 2") ? 2 : 0);
      if (name.includes("batch of 2")) {
        const again = await raw.batch(
          specs.map((s) =>
            raw
              .prepare(`INSERT INTO inbox_rate_buckets (key, tokens, updated_at) VALUES (?1, ?2 - 1, ?3)
          ON CONFLICT (key) DO UPDATE SET tokens = max(0, min(?2, tokens + ((?3 - updated_at) / 60000.0) * ?2) - 1), updated_at = ?3`)
              .bind(s.key, s.perMinute, Date.now()),
          ),
        );
        for (const r of again) {
          read += r.meta.rows_read;
          written += r.meta.rows_written;
        }
      }
      const iterations = 300;
      const t = performance.now();
      for (let i = 0; i < iterations; i++) await run();
      const ms = (performance.now() - t) / iterations;
      rows.push(`| ${name} | ${statements} | ${read} | ${written} | ${ms.toFixed(2)} |`);
      if (!name.startsWith("on a hit")) {
        totalRead += read;
        totalWritten += written;
        totalStatements += statements;
      }
    }
    rows.push(
      `| **accepted Create, no rule hit (all above but the last)** | ${totalStatements} | ${totalRead} | ${totalWritten} | |`,
    );
    process.stdout.write(
      [
        "| step | D1 statements | rows_read | rows_written | ms per call via the platform proxy (avg of 300) |",
        "| --- | ---: | ---: | ---: | ---: |",
        ...rows,
        "",
      ].join("\n"),
    );
  } finally {
    await proxy.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

const deadline = setTimeout(() => {
  log("bench: deadline reached");
  process.exit(2);
}, 5 * 60_000);
main().then(
  () => clearTimeout(deadline),
  (e) => {
    log(String(e?.stack ?? e));
    process.exit(1);
  },
);
