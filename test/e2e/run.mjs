// Browser end-to-end tests: `npm run test:e2e`.
//
// Starts the whole server with `npm start` (fresh temporary state, a free port), waits for
// /api/instance, drives Debian's Chromium through playwright-core, and always stops the
// server again by its process group. Writes test-results/e2e.json ({ passed, failed,
// skipped, tests }) and screenshots in test-results/screenshots/; exits 1 on any failure.
//
// Environment:
//   E2E_REUSE_BUILD=1     skip the web build if dist/web/index.html exists
//   E2E_PORT=8899         first port to try (the inspector uses PORT+10000)
//   E2E_ONLY=substring    run only tests whose name contains this
//   CHROMIUM=/path        browser binary (default /usr/bin/chromium)
//   E2E_START_TIMEOUT=s   how long to wait for the server (default 120, +60 when building)
//   E2E_TIMEOUT=s         hard limit for the whole run (default 900)
import { spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { ADMIN, PASSWORD } from "./helpers.mjs";
import { tests } from "./tests.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const resultsDir = join(root, "test-results");
const shotsDir = join(resultsDir, "screenshots");
const resultsFile = join(resultsDir, "e2e.json");
const serverLog = join(resultsDir, "e2e-server.log");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const TEST_TIMEOUT_MS = 120_000;
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let server = null; // { pid, exited: Promise }
let stateDir = null;
let browser = null;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portFree(port) {
  return new Promise((res) => {
    const s = createServer();
    s.once("error", () => res(false));
    s.listen(port, "127.0.0.1", () => s.close(() => res(true)));
  });
}

async function pickPort(first) {
  for (let port = first; port < first + 200; port++) {
    if (port + 10000 > 65535) break;
    if ((await portFree(port)) && (await portFree(port + 10000))) return port;
  }
  throw new Error(`no free port pair (PORT, PORT+10000) from ${first}`);
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

function startServer(port) {
  stateDir = mkdtempSync(join(tmpdir(), "commons-e2e-"));
  const reuse = process.env.E2E_REUSE_BUILD === "1" && existsSync(join(root, "dist/web/index.html"));
  const env = {
    ...process.env,
    PORT: String(port),
    INSPECTOR_PORT: String(port + 10000),
    STATE_DIR: stateDir,
    ...(reuse ? { SKIP_WEB_BUILD: "1" } : {}),
  };
  if (!reuse) delete env.SKIP_WEB_BUILD;
  const log = openSync(serverLog, "w");
  // Detached: the server gets its own process group, so npm, wrangler and workerd all stop
  // together with process.kill(-pid).
  const child = spawn("npm", ["start"], { cwd: root, env, detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  const exited = new Promise((res) => child.once("exit", (code, signal) => res({ code, signal })));
  child.once("error", (e) => console.error(`could not spawn npm start: ${e.message}`));
  server = { pid: child.pid, exited, done: false };
  exited.then(() => {
    server.done = true;
  });
  console.log(
    `# server: npm start on 127.0.0.1:${port} (pid ${child.pid}, state ${stateDir}${reuse ? ", reusing web build" : ""})`,
  );
  return reuse;
}

async function waitForServer(origin, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.done) throw new Error(`npm start exited early; log tail:\n${tail(serverLog)}`);
    try {
      const res = await fetch(`${origin}/api/instance`, { signal: AbortSignal.timeout(3000) });
      if (res.ok) {
        await res.arrayBuffer();
        return;
      }
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`server did not answer ${origin}/api/instance within ${seconds} s; log tail:\n${tail(serverLog)}`);
}

async function stopServer() {
  if (!server) return;
  const { pid } = server;
  const group = (sig) => {
    try {
      process.kill(-pid, sig);
      return true;
    } catch {
      return false; // group already gone
    }
  };
  if (group("SIGTERM")) {
    const gone = await Promise.race([server.exited.then(() => true), sleep(8000).then(() => false)]);
    // npm may exit before its children; make sure nothing of the group is left.
    await sleep(gone ? 500 : 0);
    if (group(0)) group("SIGKILL");
  }
  server = null;
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  stateDir = null;
}

function stopServerNow() {
  // Synchronous last resort (process "exit" handler).
  if (server) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {}
  }
}

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  await stopServer();
}

function writeResults(results) {
  const count = (s) => results.filter((r) => r.status === s).length;
  const summary = { passed: count("passed"), failed: count("failed"), skipped: count("skipped"), tests: results };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

function safeName(s) {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}

class Skip extends Error {}

/** Runs one test with its own browser contexts, screenshots and page-error checks. */
/** The first account on a server is its admin: claim it before any test signs up. */
async function ensureAdmin(origin) {
  const res = await fetch(`${origin}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: ADMIN, password: PASSWORD }),
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`admin signup answered ${res.status}: ${await res.text()}`);
}

async function runTest(test, index, origin) {
  const slug = `${String.fromCharCode(97 + index)}-${safeName(test.name)}`;
  const contexts = [];
  const pageErrors = [];
  let shotCount = 0;
  const t = {
    origin,
    /** A fresh, isolated browser context (own cookies and storage). */
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: origin,
        locale: "en-US",
        viewport: { width: 1280, height: 900 },
        ...options,
      });
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(30_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (e) => pageErrors.push(`${page.url()}: ${e.message}`));
      return page;
    },
    async screenshot(page, name) {
      shotCount++;
      const file = join(shotsDir, `${slug}-${String(shotCount).padStart(2, "0")}-${safeName(name)}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    skip(reason) {
      throw new Skip(reason);
    },
  };
  const started = Date.now();
  let status = "passed";
  let error;
  let timer;
  try {
    await Promise.race([
      test.fn(t),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`test timed out after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS);
      }),
    ]);
    if (pageErrors.length) throw new Error(`uncaught errors in the page:\n  ${pageErrors.join("\n  ")}`);
  } catch (e) {
    if (e instanceof Skip) {
      status = "skipped";
      error = e.message;
    } else {
      status = "failed";
      error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      // Evidence: every open page of the failed test.
      for (const context of contexts) {
        for (const page of context.pages()) {
          await t.screenshot(page, "failure").catch(() => {});
        }
      }
    }
  } finally {
    clearTimeout(timer);
    for (const context of contexts) await context.close().catch(() => {});
  }
  return { name: test.name, status, durationMs: Date.now() - started, ...(error ? { error } : {}) };
}

async function main() {
  const hardLimit = Number(process.env.E2E_TIMEOUT ?? 900);
  const watchdog = setTimeout(() => {
    console.error(`e2e: hard time limit of ${hardLimit} s reached; stopping`);
    stopServerNow();
    process.exit(124);
  }, hardLimit * 1000);
  watchdog.unref();

  mkdirSync(shotsDir, { recursive: true });
  for (const f of readdirSync(shotsDir)) if (f.endsWith(".png")) unlinkSync(join(shotsDir, f));
  rmSync(resultsFile, { force: true });

  const only = process.env.E2E_ONLY;
  const selected = only ? tests.filter((x) => x.name.includes(only)) : tests;
  const results = [];

  try {
    if (!existsSync(chromiumPath)) {
      throw new Error(`${chromiumPath} not found (apt-get install -y chromium, or set CHROMIUM)`);
    }
    const port = await pickPort(Number(process.env.E2E_PORT ?? 8899));
    const origin = `http://127.0.0.1:${port}`;
    const reused = startServer(port);
    const startTimeout = Number(process.env.E2E_START_TIMEOUT ?? (reused ? 120 : 180));
    const t0 = Date.now();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    await waitForServer(origin, startTimeout);
    await ensureAdmin(origin);
    console.log(`# server up after ${((Date.now() - t0) / 1000).toFixed(1)} s; chromium ${browser.version()}`);

    for (const [i, test] of selected.entries()) {
      const r = await runTest(test, tests.indexOf(test) >= 0 ? tests.indexOf(test) : i, origin);
      results.push(r);
      const secs = (r.durationMs / 1000).toFixed(1);
      if (r.status === "passed") console.log(`ok - ${r.name} (${secs} s)`);
      else if (r.status === "skipped") console.log(`skip - ${r.name}: ${r.error}`);
      else console.log(`not ok - ${r.name} (${secs} s)\n${indent(r.error)}`);
    }
  } catch (e) {
    // Setup failed (no browser, server did not start): every test that did not run failed.
    const message = e instanceof Error ? e.message : String(e);
    console.error(`e2e setup failed: ${message}`);
    for (const test of selected.slice(results.length)) {
      results.push({ name: test.name, status: "failed", durationMs: 0, error: `not run: ${message}` });
      console.log(`not ok - ${test.name} (not run)`);
    }
  } finally {
    await cleanup();
  }

  const summary = writeResults(results);
  console.log(
    `# e2e: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped (server log: test-results/e2e-server.log)`,
  );
  clearTimeout(watchdog);
  process.exitCode = summary.failed > 0 || results.length === 0 ? 1 : 0;
}

function indent(s) {
  return String(s)
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

process.on("exit", stopServerNow);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`e2e: ${sig}; stopping the server`);
    stopServerNow();
    process.exit(130);
  });
}

await main();
