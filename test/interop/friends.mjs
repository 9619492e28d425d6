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
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Api,
  pathWithNode22,
  pickPort,
  eventually as poll,
  root,
  startProcess,
  stopAllNow,
  stopProcess,
  waitFor,
  writeResults,
} from "./harness.mjs";

const resultsDir = join(root, "test-results");
const resultsFile = join(resultsDir, "interop-friends.json");
const PASSWORD = "correct horse battery";
const DELIVERY_MS = Number(process.env.FRIENDS_DELIVERY_TIMEOUT ?? 30) * 1000;

const stateDirs = [];
const logOf = (name) => join(resultsDir, `interop-friends-${name}.log`);

function startServer(name, port, buildWeb) {
  const stateDir = mkdtempSync(join(tmpdir(), `commons-friends-${name}-`));
  stateDirs.push(stateDir);
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
  const proc = startProcess(name, "npm", ["start"], env, logOf(name));
  console.log(`# ${name}: npm start on 127.0.0.1:${port} (pid ${proc.pid}, state ${stateDir})`);
}

/** Polls until `fn` answers something truthy; a timeout names what never happened. */
const eventually = (what, fn, ms = DELIVERY_MS) => poll(fn, { timeout: ms, interval: 500, describe: () => what });

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
      const r = await s.a.admin.req("DELETE", `/api/admin/friends/${s.a.friendId}`);
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
    stopAllNow();
    process.exit(1);
  }, hardLimit * 1000);
  const results = [];
  try {
    const buildWeb = !existsSync(join(root, "dist/web/index.html"));
    const portA = await pickPort(Number(process.env.FRIENDS_PORT ?? 8970), { withInspector: true });
    const portB = await pickPort(portA + 1, { withInspector: true, avoid: [portA, portA + 10000] });
    startServer("a", portA, buildWeb);
    await waitFor("a", `http://127.0.0.1:${portA}/api/instance`, buildWeb ? 240 : 150, logOf("a"));
    // B after A is up: no race for the inspector port or the web build.
    startServer("b", portB, false);
    await waitFor("b", `http://127.0.0.1:${portB}/api/instance`, 150, logOf("b"));

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
    await stopProcess("a");
    await stopProcess("b");
    for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
  const summary = writeResults(resultsFile, results);
  console.log(`# friends interop: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  process.exit(summary.failed > 0 ? 1 : 0);
}

await main();
