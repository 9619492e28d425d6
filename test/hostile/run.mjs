// The hostile-input suite: `npm run test:hostile` (node_modules/.bin/node test/hostile/run.mjs;
// CI runs it from .ci/run). See SECURITY.md for what it covers and the latest figures.
//
// Starts two instances of our server with `wrangler dev` on 127.0.0.1 (fresh temporary
// state each, D1 migrations applied first, the web client built if dist/web is missing):
//   dev   ENVIRONMENT=development: federation with plain-http loopback peers works, so the
//         inbox, XSS, spam-wave, flood and IDOR categories run here;
//   prod  ENVIRONMENT=production (ORIGIN its loopback URL), started once dev answers: the
//         SSRF guard and the per-IP signup limit apply only there.
// Plus two fake remote ActivityPub servers (plain node:http, fake-remote.mjs) on loopback
// ports, which serve actor documents with RSA keys and sign inbox POSTs (draft-cavage).
// Each category is one test: it counts requests tried, answered with the right status
// (a refusal; for floods and XSS writes also the expected 201/202 before a limit or a
// harmless store), with a wrong status, with a 5xx, and hostile items found stored afterwards
// (through the product's API: dashboard figures and specific lookups). A category passes
// only with 0 wrong, 0 5xx and 0 stored. Writes test-results/hostile.json
// ({ passed, failed, skipped, table, tests }) and the servers' logs
// (test-results/hostile-server.log, hostile-prod.log); exits 1 on any failure.
//
// Environment:
//   HOSTILE_PORT=8980     first port to try for the dev instance (prod takes the next free one;
//                         inspectors use PORT+10000)
//   HOSTILE_ONLY=substr   run only categories whose name contains this (setup always runs)
//   HOSTILE_TIMEOUT=s     hard limit for the whole run (default 600)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  indent,
  pathWithNode22,
  pickPort,
  root,
  runScenario,
  startProcess,
  stopAllNow,
  stopProcess,
  waitFor,
  writeResults,
} from "../interop/harness.mjs";
import { startFakeRemote } from "./fake-remote.mjs";
import { idor, inboxFlood, localFlood } from "./scenarios-api.mjs";
import { crossOrigin, malformedBodies, mentionSpam, signatureAttacks } from "./scenarios-inbox.mjs";
import { signupFlood, ssrf } from "./scenarios-production.mjs";
import { signUp } from "./tally.mjs";
import { xssScenario } from "./xss.mjs";

const resultsDir = join(root, "test-results");
const resultsFile = join(resultsDir, "hostile.json");
const logs = { dev: join(resultsDir, "hostile-server.log"), prod: join(resultsDir, "hostile-prod.log") };
const SCENARIO_TIMEOUT_MS = 150_000;
const stateDirs = [];

const scenarios = [
  {
    name: "setup: accounts and settings",
    always: true,
    async fn(t) {
      // The first account on a fresh server is its admin.
      // (runScenario hands each scenario a copy of ctx: what later ones need goes into ctx.users.)
      t.users.admin = await signUp(t.origin, "admin");
      for (const name of ["alice", "bob", "carol", "mallory"]) t.users[name] = await signUp(t.origin, name);
      // All fake actors share one host (127.0.0.1), i.e. one per-server inbox bucket, and the
      // categories send thousands of activities: lift the buckets here; the flood category
      // puts the per-actor one back to its default (60 a minute).
      await t.users.admin.ok("PATCH", "/api/admin/settings", { inboxPeerPerMinute: 1_000_000, inboxActorPerMinute: 100_000 });
    },
  },
  { name: "inbox signatures: unsigned, wrong key, expired, replayed, digest mismatch, key owner != actor", fn: signatureAttacks },
  { name: "Create whose object lives on another host (CVE-2024-23832 class)", fn: crossOrigin },
  { name: "oversized and malformed bodies (inbox and API)", fn: malformedBodies },
  { name: "XSS payloads in remote and local content, names, bios, emoji, alt text", fn: xssScenario },
  { name: "mention-spam wave from fresh remote accounts", fn: mentionSpam },
  { name: "flood: one local account posting in a loop", fn: localFlood },
  { name: "flood: one remote actor at the inbox", fn: inboxFlood },
  { name: "IDOR on every {id} route and the admin routes", fn: idor },
  { name: "SSRF via the media proxy (production instance)", fn: ssrf, prod: true },
  { name: "flood: signups from one IP (production instance)", fn: signupFlood, prod: true },
];

function buildWebIfMissing() {
  if (existsSync(join(root, "dist/web/index.html"))) return;
  console.log("# building the web client (dist/web is missing; wrangler serves it as assets)");
  const r = spawnSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: root,
    env: { ...process.env, PATH: pathWithNode22 },
    stdio: "inherit",
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

/** `wrangler d1 migrations apply` then `wrangler dev`, as scripts/start.mjs does, with our ENVIRONMENT. */
function startServer(name, port, environment) {
  const stateDir = mkdtempSync(join(tmpdir(), `commons-hostile-${name}-`));
  stateDirs.push(stateDir);
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PATH: pathWithNode22,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
  };
  const vars = [`ORIGIN:${origin}`, `ENVIRONMENT:${environment}`, `SERVER_NAME:Commons hostile ${name}`];
  const dev = [
    "npx wrangler dev --ip 127.0.0.1",
    `--port ${port} --inspector-port ${port + 10000}`,
    `--persist-to '${stateDir}' --show-interactive-dev-session=false`,
    ...vars.map((v) => `--var '${v}'`),
  ].join(" ");
  const script = `npx wrangler d1 migrations apply DB --local --persist-to '${stateDir}' && exec ${dev}`;
  const proc = startProcess(name, "sh", ["-c", script], env, logs[name]);
  console.log(`# ${name}: wrangler dev on ${origin}, ENVIRONMENT=${environment} (pid ${proc.pid}, state ${stateDir})`);
  return origin;
}

function printTable(rows) {
  const cols = ["category", "tried", "right", "wrong", "5xx", "stored"];
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) =>
    cols.map((c, i) => (i === 0 ? String(r[c]).padEnd(widths[i]) : String(r[c]).padStart(widths[i]))).join("  ");
  console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
  for (const r of rows) console.log(line(r));
}

async function main() {
  const hardLimit = Number(process.env.HOSTILE_TIMEOUT ?? 600);
  const watchdog = setTimeout(() => {
    console.error(`hostile: hard time limit of ${hardLimit} s reached; stopping`);
    stopAllNow();
    process.exit(124);
  }, hardLimit * 1000);
  watchdog.unref();
  mkdirSync(resultsDir, { recursive: true });
  rmSync(resultsFile, { force: true });
  const only = process.env.HOSTILE_ONLY;
  const results = [];
  const fakes = [];
  const t0 = Date.now();
  const ctx = { tallies: [], users: {} };

  try {
    buildWebIfMissing();
    const port = await pickPort(Number(process.env.HOSTILE_PORT ?? 8980), { withInspector: true });
    const prodPort = await pickPort(port + 1, { withInspector: true, avoid: [port, port + 10000] });
    const avoid = [port, prodPort, port + 10000, prodPort + 10000];
    const fakePort = await pickPort(9180, { avoid });
    const fake2Port = await pickPort(fakePort + 1, { avoid: [...avoid, fakePort] });
    ctx.origin = startServer("dev", port, "development");
    ctx.fake = await startFakeRemote(fakePort, { ourOrigin: ctx.origin });
    ctx.fake2 = await startFakeRemote(fake2Port, { ourOrigin: ctx.origin });
    fakes.push(ctx.fake, ctx.fake2);
    console.log(`# fake remotes: ${ctx.fake.origin}, ${ctx.fake2.origin}`);
    await waitFor("dev", `${ctx.origin}/api/instance`, 150, logs.dev);
    // Started only now: two wrangler dev processes started at once race for ports.
    ctx.prodOrigin = startServer("prod", prodPort, "production");
    console.log(`# dev up after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    for (const scenario of scenarios) {
      if (only && !scenario.always && !scenario.name.includes(only)) {
        results.push({ name: scenario.name, status: "skipped", durationMs: 0, error: `not selected (HOSTILE_ONLY=${only})` });
        continue;
      }
      if (scenario.prod && !ctx.prodUp) {
        await waitFor("prod", `${ctx.prodOrigin}/api/instance`, 150, logs.prod);
        ctx.prodUp = true;
      }
      const before = ctx.tallies.length;
      const r = await runScenario(scenario, { ...ctx, admin: ctx.users.admin }, SCENARIO_TIMEOUT_MS);
      const rows = ctx.tallies.slice(before).map((x) => x.row());
      if (rows.length) r.counts = rows.length === 1 ? rows[0] : rows;
      results.push(r);
      const secs = (r.durationMs / 1000).toFixed(1);
      const fig = rows
        .map((x) => `${x.tried} tried, ${x.right} right, ${x.wrong} wrong, ${x["5xx"]} 5xx, ${x.stored} stored`)
        .join("; ");
      if (r.status === "passed") console.log(`ok - ${r.name} (${secs} s)${fig ? `: ${fig}` : ""}`);
      else if (r.status === "skipped") console.log(`skip - ${r.name}: ${r.error}`);
      else console.log(`not ok - ${r.name} (${secs} s)${fig ? `: ${fig}` : ""}\n${indent(r.error)}`);
      for (const line of r.info ?? []) console.log(`#   ${line}`);
      if (scenario.always && r.status !== "passed") throw new Error(`setup failed: ${r.error}`);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`hostile setup failed: ${message}`);
    for (const scenario of scenarios.slice(results.length)) {
      results.push({ name: scenario.name, status: "failed", durationMs: 0, error: `not run: ${message}` });
      console.log(`not ok - ${scenario.name} (not run)`);
    }
  } finally {
    for (const f of fakes) await f.close();
    await stopProcess("prod");
    await stopProcess("dev");
    for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
  }

  const rows = ctx.tallies.map((x) => x.row());
  const total = { category: "total", tried: 0, right: 0, wrong: 0, "5xx": 0, stored: 0 };
  for (const r of rows) for (const k of ["tried", "right", "wrong", "5xx", "stored"]) total[k] += r[k];
  console.log("");
  printTable([...rows, total]);
  const seconds = Math.round((Date.now() - t0) / 1000);
  const summary = writeResults(resultsFile, results, { table: [...rows, total], seconds });
  console.log(
    `# hostile: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped in ${seconds} s ` +
      "(logs: test-results/hostile-server.log, test-results/hostile-prod.log)",
  );
  clearTimeout(watchdog);
  process.exitCode = summary.failed > 0 ? 1 : 0;
}

process.on("exit", stopAllNow);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`hostile: ${sig}; stopping the servers`);
    stopAllNow();
    process.exit(130);
  });
}

await main();
