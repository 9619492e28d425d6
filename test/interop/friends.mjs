// Friend servers between two instances of our own server: `node test/interop/friends.mjs`
// (Node 22, e.g. node_modules/.bin/node test/interop/friends.mjs; CI runs it from .ci/run).
//
// Starts server A and server B with `npm start` (distinct PORT, INSPECTOR_PORT and fresh
// STATE_DIR, 127.0.0.1 only; `wrangler dev` runs with ENVIRONMENT=development, which allows
// plain-http loopback peers), staggered so they don't race for ports, then over the real
// HTTP API and real ActivityPub deliveries:
//   1. A's admin requests B (kmyblue Follow{Public, inboxUrl}); B sees it pending and accepts;
//   2. A shares everything with B (send-all), B receives everything from A (receive-all);
//      A's user posts local_public: it shows in B's federated timeline as local_public;
//   3. A pauses B: a new local_public post of A does not reach B;
//   4. A removes B: B gets Delete{object: Public} and forgets the link.
// Always stops both servers by their process groups. Writes test-results/interop-friends.json
// ({ passed, failed, skipped, tests }) and the servers' logs (interop-friends-a.log, -b.log).
//
// Environment:
//   FRIENDS_PORT=8970          first port to try (A; B takes the next free one; inspectors +10000)
//   FRIENDS_ONLY=substring     run only steps whose name contains this (later steps need earlier ones)
//   FRIENDS_DELIVERY_TIMEOUT=s how long to wait for one delivery (default 30)
//   FRIENDS_TIMEOUT=s          hard limit for the whole run (default 600)
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const resultsDir = join(root, "test-results");
const resultsFile = join(resultsDir, "interop-friends.json");
const PASSWORD = "correct horse battery";
const DELIVERY_MS = Number(process.env.FRIENDS_DELIVERY_TIMEOUT ?? 30) * 1000;
const pathWithNode22 = [join(root, "node_modules/.bin"), dirname(process.execPath), process.env.PATH ?? ""].join(delimiter);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const procs = new Map();
const stateDirs = [];

function portFree(port) {
  return new Promise((res) => {
    const s = createServer();
    s.once("error", () => res(false));
    s.listen(port, "127.0.0.1", () => s.close(() => res(true)));
  });
}

async function pickPort(first, avoid = []) {
  for (let port = first; port < first + 200; port++) {
    if (avoid.includes(port) || avoid.includes(port + 10000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10000))) return port;
  }
  throw new Error(`no free port pair from ${first}`);
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function startServer(name, port, buildWeb) {
  const stateDir = mkdtempSync(join(tmpdir(), `commons-friends-${name}-`));
  stateDirs.push(stateDir);
  const logFile = join(resultsDir, `interop-friends-${name}.log`);
  const env = {
    ...process.env,
    PATH: pathWithNode22,
    PORT: String(port),
    INSPECTOR_PORT: String(port + 10000),
    STATE_DIR: stateDir,
    SERVER_NAME: `Commons ${name.toUpperCase()}`,
  };
  if (buildWeb) delete env.SKIP_WEB_BUILD;
  else env.SKIP_WEB_BUILD = "1";
  const log = openSync(logFile, "w");
  const child = spawn("npm", ["start"], { cwd: root, env, detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  const proc = { pid: child.pid, done: false, logFile };
  proc.exited = new Promise((res) => child.once("exit", () => res()));
  proc.exited.then(() => {
    proc.done = true;
  });
  procs.set(name, proc);
  console.log(`# ${name}: npm start on 127.0.0.1:${port} (pid ${child.pid}, state ${stateDir})`);
  return proc;
}

async function stopServer(name) {
  const proc = procs.get(name);
  if (!proc) return;
  procs.delete(name);
  try {
    process.kill(-proc.pid, "SIGTERM");
  } catch {
    return;
  }
  const gone = await Promise.race([proc.exited.then(() => true), sleep(8000).then(() => false)]);
  if (!gone) {
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {}
  }
}

async function waitUp(name, origin, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (procs.get(name)?.done) throw new Error(`${name} exited early; log tail:\n${tail(procs.get(name)?.logFile)}`);
    try {
      const res = await fetch(`${origin}/api/instance`, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return;
    } catch {}
    await sleep(500);
  }
  throw new Error(`${name} did not answer within ${seconds} s; log tail:\n${tail(procs.get(name)?.logFile)}`);
}

/** Our JSON API as one signed-in browser uses it (session cookie + Origin). */
class Api {
  constructor(origin) {
    this.origin = origin;
    this.cookie = null;
  }
  async call(method, path, body) {
    const headers = { origin: this.origin, accept: "application/json" };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.origin}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const session = res.headers.get("set-cookie");
    if (session?.startsWith("session=")) this.cookie = session.split(";")[0];
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  async ok(method, path, body) {
    const r = await this.call(method, path, body);
    assert.ok(r.status >= 200 && r.status < 300, `${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

async function eventually(what, fn, ms = DELIVERY_MS) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(500);
  }
  throw Object.assign(new Error(`${what} (waited ${ms / 1000} s)${last ? `: ${last.message}` : ""}`), { precondition: true });
}

const steps = [
  {
    name: "A requests B; B sees a pending request and accepts; both list the friendship",
    async fn(s) {
      const { friend } = await s.a.admin.ok("POST", "/api/admin/friends", { url: s.b.origin });
      assert.equal(friend.state, "pending");
      const incoming = await eventually("B never saw A's request", async () => {
        const { items } = await s.b.admin.ok("GET", "/api/admin/friends");
        return items.find((f) => f.domain === s.a.host && f.theirState === "pending");
      });
      assert.equal(incoming.inboxUrl, `${s.a.origin}/inbox`, "inboxUrl from A's Follow");
      await s.b.admin.ok("POST", `/api/admin/friends/${incoming.id}/accept`);
      await eventually("A never saw B's Accept", async () => {
        const { items } = await s.a.admin.ok("GET", "/api/admin/friends");
        return items.find((f) => f.domain === s.b.host && f.ourState === "accepted" && f.state === "accepted");
      });
      s.a.friendId = friend.id;
      s.b.friendId = incoming.id;
    },
  },
  {
    name: "A's local_public post arrives in B's federated timeline as local_public",
    async fn(s) {
      await s.a.admin.ok("PATCH", `/api/admin/friends/${s.a.friendId}`, { sendAll: true });
      await s.b.admin.ok("PATCH", `/api/admin/friends/${s.b.friendId}`, { receiveAll: true });
      const { post } = await s.a.alice.ok("POST", "/api/posts", { text: "hello friends", visibility: "local_public" });
      const seen = await eventually("the post never reached B's federated timeline", async () => {
        const { items } = await s.b.admin.ok("GET", "/api/timelines/federated");
        return items.find((p) => p.uri === post.uri);
      });
      assert.equal(seen.visibility, "local_public");
      assert.equal(seen.text, "hello friends");
      // A's friend map shows the link with a successful delivery.
      const map = await s.a.admin.ok("GET", "/api/admin/friends/map");
      assert.ok(map.edges.some((e) => e.to === s.b.host && e.state === "accepted" && e.health === "ok"));
      // B publishes A as a friend in its NodeInfo.
      const info = await (await fetch(`${s.b.origin}/nodeinfo/2.1`, { headers: { accept: "application/json" } })).json();
      assert.deepEqual(info.metadata.friendServers, [s.a.host]);
    },
  },
  {
    name: "paused: A's next local_public post does not reach B",
    async fn(s) {
      await s.a.admin.ok("PATCH", `/api/admin/friends/${s.a.friendId}`, { available: false });
      const { post } = await s.a.alice.ok("POST", "/api/posts", { text: "while paused", visibility: "local_public" });
      // A public post after it is the marker: once it would have arrived, the paused one would have too.
      await s.a.admin.ok("PATCH", `/api/admin/friends/${s.a.friendId}`, { available: true });
      const { post: marker } = await s.a.alice.ok("POST", "/api/posts", { text: "resumed", visibility: "public" });
      const { items } = await eventually("the marker post never reached B", async () => {
        const page = await s.b.admin.ok("GET", "/api/timelines/federated");
        return page.items.some((p) => p.uri === marker.uri) ? page : null;
      });
      assert.ok(!items.some((p) => p.uri === post.uri), "the post made while paused reached B");
    },
  },
  {
    name: "A removes B: B gets Delete{object: Public} and forgets the link",
    async fn(s) {
      const r = await s.a.admin.call("DELETE", `/api/admin/friends/${s.a.friendId}`);
      assert.equal(r.status, 204);
      await eventually("B still lists A", async () => {
        const { items } = await s.b.admin.ok("GET", "/api/admin/friends");
        return !items.some((f) => f.domain === s.a.host);
      });
    },
  },
];

async function main() {
  const hardLimit = Number(process.env.FRIENDS_TIMEOUT ?? 600);
  const watchdog = setTimeout(() => {
    console.error(`friends interop: hard time limit of ${hardLimit} s reached; stopping`);
    for (const p of procs.values()) {
      try {
        process.kill(-p.pid, "SIGKILL");
      } catch {}
    }
    process.exit(1);
  }, hardLimit * 1000);
  mkdirSync(resultsDir, { recursive: true });
  const results = [];
  try {
    const buildWeb = !existsSync(join(root, "dist/web/index.html"));
    const portA = await pickPort(Number(process.env.FRIENDS_PORT ?? 8970));
    const portB = await pickPort(portA + 1, [portA, portA + 10000]);
    startServer("a", portA, buildWeb);
    await waitUp("a", `http://127.0.0.1:${portA}`, buildWeb ? 240 : 150);
    // B after A is up: no race for the inspector port or the web build.
    startServer("b", portB, false);
    await waitUp("b", `http://127.0.0.1:${portB}`, 150);

    const side = async (port) => {
      const origin = `http://127.0.0.1:${port}`;
      const admin = new Api(origin);
      await admin.ok("POST", "/api/auth/signup", { username: "admin", password: PASSWORD });
      const alice = new Api(origin);
      await alice.ok("POST", "/api/auth/signup", { username: "alice", password: PASSWORD });
      return { origin, host: `127.0.0.1:${port}`, admin, alice };
    };
    const s = { a: await side(portA), b: await side(portB) };
    const only = process.env.FRIENDS_ONLY;
    let broken = false;
    for (const step of steps) {
      if ((only && !step.name.includes(only)) || broken) {
        results.push({ name: step.name, status: "skipped", error: broken ? "an earlier step failed" : "FRIENDS_ONLY" });
        continue;
      }
      const started = Date.now();
      try {
        await step.fn(s);
        results.push({ name: step.name, status: "passed", durationMs: Date.now() - started });
        console.log(`ok - ${step.name}`);
      } catch (e) {
        broken = true;
        results.push({ name: step.name, status: "failed", durationMs: Date.now() - started, error: String(e?.stack ?? e) });
        console.log(`not ok - ${step.name}\n    ${String(e?.message ?? e)}`);
      }
    }
  } catch (e) {
    results.push({ name: "start two servers", status: "failed", error: String(e?.stack ?? e) });
    console.log(`not ok - start two servers\n    ${String(e?.message ?? e)}`);
  } finally {
    await stopServer("a");
    await stopServer("b");
    for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
  const count = (st) => results.filter((r) => r.status === st).length;
  const summary = { passed: count("passed"), failed: count("failed"), skipped: count("skipped"), tests: results };
  writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`# friends interop: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  process.exit(summary.failed > 0 ? 1 : 0);
}

await main();
