/**
 * Timeline page cost in D1 `rows_read`, at 10k and 1M posts.
 *
 *   npx tsx bench/timeline-rows-read.ts            # 10,000 and 1,000,000 posts
 *   npx tsx bench/timeline-rows-read.ts 10000      # only the sizes given
 *
 * A real local D1 (Miniflare/workerd, the simulator wrangler runs) in a temporary
 * persist directory, with the real migrations applied. The queries are the ones the
 * real D1PostStore runs: a recording wrapper around the D1 binding captures each statement
 * the store sends (singly or in a batch), and the bench runs that exact SQL with its parameters again
 * to read `meta.rows_read` / `meta.rows_written`, plus EXPLAIN QUERY PLAN.
 * Prints a markdown table (for BENCHMARKS.md) on stdout and progress on stderr.
 */
/// <reference types="node" />
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { drizzle } from "drizzle-orm/d1";
import { getPlatformProxy } from "wrangler";
import type { Post } from "../workers/core/posts/post";
import { profileReachFor } from "../workers/core/posts/visibility";
import type { Page } from "../workers/core/shared/ports";
import { D1PostStore } from "../workers/db/d1-post-store";

const PAGE = 20; // PAGE_DEFAULT in workers/core/timelines/timelines.ts
const AUTHORS = 1_000;
const FOLLOW_EVERY = 10; // the viewer follows every 10th author: 100 followees
const WORST = 999; // an author the viewer does not follow, whose recent posts are all followers-only
const CHUNK = 100_000; // posts per seeding statement
const BASE_MS = 1_767_225_600_000; // 2026-01-01T00:00:00Z; post n is created at BASE_MS + n seconds
const DEADLINE_MS = 15 * 60_000; // the whole run, both sizes; a hung workerd must not hang the bench

const sizes = process.argv.slice(2).map(Number);
const SIZES = sizes.length && sizes.every((n) => Number.isInteger(n) && n > 0) ? sizes : [10_000, 1_000_000];

const root = resolve(import.meta.dirname, "..");
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const tempDirs = new Set<string>();
const cleanUp = () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
};

// ---- ids, shaped like the UUIDv7s the app generates (sortable by time) --------------

/** SQL for a UUIDv7-shaped id of a post: 48-bit ms timestamp, version 7, variant 8, then the sequence number. */
const postIdSql = (n: string) =>
  `(substr(printf('%012x', ${BASE_MS} + ${n} * 1000), 1, 8) || '-' || substr(printf('%012x', ${BASE_MS} + ${n} * 1000), 9, 4) || '-7000-8000-' || printf('%012x', ${n}))`;
/** The same id computed in JS (cursors). */
function postId(n: number): string {
  const ts = (BASE_MS + n * 1000).toString(16).padStart(12, "0");
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7000-8000-${n.toString(16).padStart(12, "0")}`;
}
/** Accounts: 0 is the viewer, 1..AUTHORS the authors. */
const accountIdSql = (i: string) => `('00000000-0000-7000-8000-' || printf('%012x', ${i}))`;
const accountId = (i: number) => `00000000-0000-7000-8000-${i.toString(16).padStart(12, "0")}`;
const VIEWER = accountId(0);

// ---- the post mix ------------------------------------------------------------------
// Post n: author 1 + n % AUTHORS; visibility from (n + n / AUTHORS) % 20, so every author
// has every visibility: 50% public, 10% local_public, 15% unlisted, 10% followers,
// 5% direct (mentioning the viewer), 10% local_only. 1% soft-deleted (n % 100 = 37),
// with local_reach 0 and no home entries, as softDelete and its trigger leave them.
const VIS = `(CASE ((n + n / ${AUTHORS}) % 20)
  WHEN 0 THEN 'public' WHEN 1 THEN 'public' WHEN 2 THEN 'public' WHEN 3 THEN 'public' WHEN 4 THEN 'public'
  WHEN 5 THEN 'public' WHEN 6 THEN 'public' WHEN 7 THEN 'public' WHEN 8 THEN 'public' WHEN 9 THEN 'public'
  WHEN 10 THEN 'local_public' WHEN 11 THEN 'local_public'
  WHEN 12 THEN 'unlisted' WHEN 13 THEN 'unlisted' WHEN 14 THEN 'unlisted'
  WHEN 15 THEN 'followers' WHEN 16 THEN 'followers'
  WHEN 17 THEN 'direct'
  ELSE 'local_only' END)`;

function seedStatements(n: number): string[] {
  const out: string[] = [
    // The viewer and the authors.
    `WITH RECURSIVE a(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM a WHERE i < ${AUTHORS})
     INSERT INTO accounts (id, username, username_lower, password_hash, created_at)
     SELECT ${accountIdSql("i")}, 'user' || i, 'user' || i, 'x', ${BASE_MS} FROM a`,
    // The viewer follows every FOLLOW_EVERY-th author (trigger follows_after_insert keeps the counters).
    `WITH RECURSIVE a(i) AS (SELECT ${FOLLOW_EVERY} UNION ALL SELECT i + ${FOLLOW_EVERY} FROM a WHERE i + ${FOLLOW_EVERY} <= ${AUTHORS})
     INSERT INTO follows (follower_id, followee_id, created_at)
     SELECT '${VIEWER}', ${accountIdSql("i")}, ${BASE_MS} FROM a`,
  ];
  for (let lo = 1; lo <= n; lo += CHUNK) {
    const hi = Math.min(lo + CHUNK - 1, n);
    // Posts (trigger posts_after_insert keeps accounts.posts_count).
    out.push(`WITH RECURSIVE s(n) AS (SELECT ${lo} UNION ALL SELECT n + 1 FROM s WHERE n < ${hi}),
      p AS (SELECT n, ${VIS} AS visibility, (n % 100 = 37) AS deleted FROM s)
      INSERT INTO posts (id, author_id, text, cw, visibility, reply_to_id, root_id, mention_ids, local_reach, profile_reach, created_at, deleted_at)
      SELECT ${postIdSql("n")}, ${accountIdSql(`1 + n % ${AUTHORS}`)}, 'post number ' || n, NULL, visibility, NULL, ${postIdSql("n")},
        CASE visibility WHEN 'direct' THEN '["${VIEWER}"]' ELSE '[]' END,
        CASE WHEN deleted THEN 0 WHEN visibility IN ('public', 'local_public') THEN 2 WHEN visibility = 'local_only' THEN 1 ELSE 0 END,
        CASE WHEN deleted THEN -1 WHEN visibility IN ('public', 'local_public', 'unlisted') THEN 3 WHEN visibility = 'local_only' THEN 2
          WHEN visibility = 'followers' THEN 1 ELSE 0 END,
        ${BASE_MS} + n * 1000, CASE WHEN deleted THEN ${BASE_MS} + n * 1000 + 60000 END
      FROM p`);
    // The viewer's home entries, as D1PostStore.insert fans out: posts of followees except
    // direct ones (followersOf = author), and direct posts that mention the viewer.
    // (Each author's own entry is left out: it lives under another account_id.)
    out.push(`WITH RECURSIVE s(n) AS (SELECT ${lo} UNION ALL SELECT n + 1 FROM s WHERE n < ${hi}),
      p AS (SELECT n, ${VIS} AS visibility, 1 + n % ${AUTHORS} AS author FROM s WHERE n % 100 != 37)
      INSERT INTO home_entries (account_id, post_id, author_id)
      SELECT '${VIEWER}', ${postIdSql("n")}, ${accountIdSql("author")} FROM p
      WHERE visibility = 'direct' OR author % ${FOLLOW_EVERY} = 0`);
  }
  // Worst case for a profile page: author WORST (not followed by the viewer) whose posts,
  // except their 30 oldest, are all followers-only (direct ones stay as they are).
  const worst = accountIdSql(String(WORST));
  const oldest30 = `(SELECT id FROM posts WHERE author_id = ${worst} AND deleted_at IS NULL AND visibility != 'direct' ORDER BY id LIMIT 1 OFFSET 29)`;
  out.push(
    `UPDATE posts SET visibility = 'public', local_reach = 2, profile_reach = 3 WHERE author_id = ${worst} AND deleted_at IS NULL AND visibility != 'direct'`,
    `UPDATE posts SET visibility = 'followers', local_reach = 0, profile_reach = 1
     WHERE author_id = ${worst} AND deleted_at IS NULL AND visibility != 'direct' AND id > ${oldest30}`,
  );
  return out;
}

// ---- migrations --------------------------------------------------------------------

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

// ---- measuring ---------------------------------------------------------------------

type Captured = { sql: string; params: unknown[] };

/**
 * The D1 binding, recording every statement (SQL and bound values) as it is executed,
 * singly or in a batch. (drizzle's logger would miss statements sent through db.batch.)
 */
function recording(d1: D1Database, captured: Captured[]): D1Database {
  class Statement {
    constructor(
      readonly inner: D1PreparedStatement,
      readonly sql: string,
      readonly params: unknown[],
    ) {}
    bind(...params: unknown[]) {
      return new Statement(this.inner.bind(...params), this.sql, params);
    }
    private record() {
      captured.push({ sql: this.sql, params: this.params });
    }
    first(column?: string) {
      this.record();
      return column === undefined ? this.inner.first() : this.inner.first(column);
    }
    run() {
      this.record();
      return this.inner.run();
    }
    all() {
      this.record();
      return this.inner.all();
    }
    raw(options?: { columnNames?: boolean }) {
      this.record();
      return options?.columnNames ? this.inner.raw({ columnNames: true }) : this.inner.raw();
    }
  }
  const db = {
    prepare: (sql: string) => new Statement(d1.prepare(sql), sql, []),
    batch: (statements: Statement[]) => {
      for (const st of statements) captured.push({ sql: st.sql, params: st.params });
      return d1.batch(statements.map((st) => st.inner));
    },
    exec: (sql: string) => d1.exec(sql),
    withSession: () => {
      throw new Error("not used by the store");
    },
    dump: () => {
      throw new Error("not used by the store");
    },
  };
  return db as unknown as D1Database;
}
type Result = { query: string; posts: number; returned: number; rowsRead: number; rowsWritten: number; plan: string };

/**
 * Runs one store call, then every statement it sent (a page may be a batch of several,
 * e.g. home merges its entries with community ranges) again; rows_read is their sum.
 */
async function measure(
  d1: D1Database,
  captured: Captured[],
  query: string,
  posts: number,
  run: () => Promise<Page<Post>>,
): Promise<Result> {
  captured.length = 0;
  const page = await run();
  if (captured.length === 0) throw new Error(`${query}: the store ran no statement`);
  const result: Result = { query, posts, returned: 0, rowsRead: 0, rowsWritten: 0, plan: "" };
  const plans: string[] = [];
  for (const { sql, params } of captured) {
    const res = await d1
      .prepare(sql)
      .bind(...params)
      .all();
    const plan = await d1
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    result.returned += res.results.length;
    result.rowsRead += res.meta.rows_read;
    result.rowsWritten += res.meta.rows_written;
    plans.push(plan.results.map((r) => r.detail).join("; "));
  }
  if (captured.length === 1 && result.returned !== page.items.length + (page.nextCursor ? 1 : 0))
    throw new Error(`${query}: re-run returned ${result.returned} rows, the store showed ${page.items.length}`);
  result.plan = plans.length === 1 ? plans[0]! : plans.map((p, i) => `(${i + 1}) ${p}`).join(" ");
  if (plans.length > 1) result.query += ` [${plans.length} statements]`;
  return result;
}

async function runSize(n: number): Promise<Result[]> {
  // A throwaway wrangler config with only the D1 binding; storage under the temp dir.
  const dir = mkdtempSync(join(tmpdir(), "commons-bench-d1-"));
  tempDirs.add(dir);
  const configPath = join(dir, "wrangler.json");
  writeFileSync(
    configPath,
    JSON.stringify({
      name: "bench-timeline-rows-read",
      compatibility_date: "2026-01-01",
      d1_databases: [{ binding: "DB", database_name: "bench", database_id: "bench-timeline-rows-read" }],
    }),
  );
  let proxy: Awaited<ReturnType<typeof getPlatformProxy<{ DB: D1Database }>>> | undefined;
  try {
    proxy = await getPlatformProxy<{ DB: D1Database }>({
      configPath,
      persist: { path: join(dir, "state") },
      envFiles: [],
      remoteBindings: false,
    });
    const d1 = proxy.env.DB;
    let t = Date.now();
    for (const stmt of migrationStatements()) await d1.prepare(stmt).run();
    log(`[${n}] migrations applied in ${Date.now() - t} ms`);

    t = Date.now();
    for (const stmt of seedStatements(n)) await d1.prepare(stmt).run();
    const counts = await d1
      .prepare(
        `SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM home_entries) AS home,
          (SELECT count(*) FROM posts WHERE local_reach = 2) AS everyone, (SELECT count(*) FROM posts WHERE local_reach >= 1) AS signed_in,
          (SELECT sum(posts_count) FROM accounts) AS counted, (SELECT following_count FROM accounts WHERE id = ?) AS following`,
      )
      .bind(VIEWER)
      .first<Record<string, number>>();
    log(`[${n}] seeded in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
    if (counts?.posts !== n) throw new Error(`seeded ${counts?.posts} posts, wanted ${n}`);

    const captured: Captured[] = [];
    const db = drizzle(recording(d1, captured));
    const store = new D1PostStore(db);
    const mid = postId(Math.floor(n / 2)); // a cursor from the middle of the table
    const author = accountId(FOLLOW_EVERY); // followed by the viewer
    const worstAuthor = accountId(WORST);
    const page = (cursor?: string) => ({ limit: PAGE, cursor });
    const cases: [string, () => Promise<Page<Post>>][] = [
      ["local, anonymous, first page", () => store.localTimeline(null, page())],
      ["local, anonymous, deep page (cursor mid-table)", () => store.localTimeline(null, page(mid))],
      ["local, signed in, first page", () => store.localTimeline(VIEWER, page())],
      ["local, signed in, deep page", () => store.localTimeline(VIEWER, page(mid))],
      ["home (follows 100, no communities), first page", () => store.homeTimeline(VIEWER, [], page())],
      ["home, deep page", () => store.homeTimeline(VIEWER, [], page(mid))],
      [
        "account posts, anonymous, first page",
        () => store.accountPosts(author, profileReachFor(null, author, false), null, page()),
      ],
      [
        "account posts, anonymous, deep page",
        () => store.accountPosts(author, profileReachFor(null, author, false), null, page(mid)),
      ],
      [
        "account posts, follower, first page",
        () => store.accountPosts(author, profileReachFor(VIEWER, author, true), VIEWER, page()),
      ],
      [
        "account posts, anonymous, first page, author whose newest posts are followers-only",
        () => store.accountPosts(worstAuthor, profileReachFor(null, worstAuthor, false), null, page()),
      ],
    ];
    const results: Result[] = [];
    for (const [name, run] of cases) results.push(await measure(d1, captured, name, n, run));
    return results;
  } finally {
    await proxy?.dispose();
    rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  }
}

async function main() {
  const all: Result[] = [];
  for (const n of SIZES) all.push(...(await runSize(n)));
  const order = [...new Set(all.map((r) => r.query))];
  const lines = [
    `| query (page of ${PAGE}) | posts | rows returned | rows_read | rows_written | EXPLAIN QUERY PLAN |`,
    "|---|---:|---:|---:|---:|---|",
  ];
  for (const q of order)
    for (const r of all.filter((x) => x.query === q))
      lines.push(
        `| ${r.query} | ${r.posts.toLocaleString("en-US")} | ${r.returned} | ${r.rowsRead} | ${r.rowsWritten} | ${r.plan} |`,
      );
  console.log(lines.join("\n"));
}

const timer = setTimeout(() => {
  log(`timeline-rows-read: gave up after ${DEADLINE_MS / 60_000} minutes`);
  cleanUp();
  process.exit(2);
}, DEADLINE_MS);
main().then(
  () => clearTimeout(timer),
  (e: unknown) => {
    log(String(e instanceof Error ? (e.stack ?? e.message) : e));
    process.exit(1);
  },
);
