// Federation interop tests against a real Fedify peer: `node test/interop/run.mjs` (Node 22,
// e.g. node_modules/.bin/node test/interop/run.mjs; CI runs it from .ci/run).
//
// Installs the peer package (test/interop/fedify-peer, `npm ci`) if it is missing, starts our
// server with `npm start` (fresh temporary STATE_DIR, a free port) and the Fedify peer
// (test/interop/fedify-peer/server.mjs) on another free port, both on 127.0.0.1 only, waits
// for both, runs the scenarios in scenarios.mjs in order, and always stops both servers by
// their process groups. Writes test-results/interop.json ({ passed, failed, skipped, tests })
// and the two servers' logs (test-results/interop-server.log, interop-peer.log); exits 1 on
// any failure.
//
// Environment:
//   INTEROP_PORT=8960          first port to try for our server (its inspector uses PORT+10000)
//   INTEROP_PEER_PORT=9160     first port to try for the peer
//   INTEROP_ONLY=substring     run only scenarios whose name contains this, plus sign-up and
//                              discovery (the others are reported as skipped)
//   INTEROP_DELIVERY_TIMEOUT=s how long to wait for one delivery through our queue (default 20)
//   INTEROP_START_TIMEOUT=s    how long to wait for our server (default 150, +60 when building)
//   INTEROP_TIMEOUT=s          hard limit for the whole run (default 840)
//   INTEROP_REBUILD_WEB=1      build the web client even if dist/web/index.html exists
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
} from "./harness.mjs";
import { scenarios } from "./scenarios.mjs";

const peerDir = join(root, "test/interop/fedify-peer");
const resultsDir = join(root, "test-results");
const resultsFile = join(resultsDir, "interop.json");
const serverLog = join(resultsDir, "interop-server.log");
const peerLog = join(resultsDir, "interop-peer.log");
const TEST_TIMEOUT_MS = 120_000;
const PINNED = {
  "@fedify/fedify": "2.3.6",
  "@fedify/vocab": "2.3.6",
  "@fedify/vocab-runtime": "2.3.6",
  "@misskey-dev/node-http-message-signatures": "0.0.10",
};

let stateDir = null;

// ---------------------------------------------------------------------------- peer package

function peerInstalled() {
  for (const [name, version] of Object.entries(PINNED)) {
    const file = join(peerDir, "node_modules", name, "package.json");
    if (!existsSync(file)) return false;
    if (JSON.parse(readFileSync(file, "utf8")).version !== version) return false;
  }
  return true;
}

function installPeer() {
  if (peerInstalled()) return;
  console.log("# installing the peer package: npm ci --prefix test/interop/fedify-peer");
  const env = { ...process.env, PATH: pathWithNode22 };
  // Only needed if a native module has to be compiled (none today): Node 22's headers.
  const nodedir = join(root, "node_modules/node");
  if (existsSync(join(nodedir, "include/node"))) env.npm_config_nodedir = nodedir;
  const r = spawnSync("npm", ["ci", "--prefix", peerDir, "--no-audit", "--no-fund"], {
    cwd: root,
    env,
    stdio: "inherit",
    timeout: 300_000,
  });
  if (r.status !== 0 || !peerInstalled()) throw new Error(`npm ci --prefix test/interop/fedify-peer failed (exit ${r.status})`);
}

function startOurServer(port) {
  stateDir = mkdtempSync(join(tmpdir(), "commons-interop-"));
  const reuse = process.env.INTEROP_REBUILD_WEB !== "1" && existsSync(join(root, "dist/web/index.html"));
  const env = {
    ...process.env,
    PATH: pathWithNode22,
    PORT: String(port),
    INSPECTOR_PORT: String(port + 10000),
    STATE_DIR: stateDir,
    SERVER_NAME: "Commons interop",
  };
  if (reuse) env.SKIP_WEB_BUILD = "1";
  else delete env.SKIP_WEB_BUILD;
  const proc = startProcess("server", "npm", ["start"], env, serverLog);
  console.log(
    `# server: npm start on 127.0.0.1:${port} (pid ${proc.pid}, state ${stateDir}${reuse ? ", reusing web build" : ""})`,
  );
  return reuse;
}

function startPeer(port, lifetime) {
  const args = [join(peerDir, "server.mjs"), "--port", String(port), "--max-lifetime", String(lifetime)];
  const proc = startProcess("peer", process.execPath, args, { ...process.env, PATH: pathWithNode22 }, peerLog);
  console.log(`# peer: Fedify on 127.0.0.1:${port} (pid ${proc.pid})`);
}

// ---------------------------------------------------------------------------- tests

async function main() {
  const hardLimit = Number(process.env.INTEROP_TIMEOUT ?? 840);
  const watchdog = setTimeout(() => {
    console.error(`interop: hard time limit of ${hardLimit} s reached; stopping`);
    stopAllNow();
    process.exit(124);
  }, hardLimit * 1000);
  watchdog.unref();

  mkdirSync(resultsDir, { recursive: true });
  rmSync(resultsFile, { force: true });
  const only = process.env.INTEROP_ONLY;
  const results = [];
  let ran = 0;

  try {
    installPeer();
    const port = await pickPort(Number(process.env.INTEROP_PORT ?? 8960), { withInspector: true });
    const peerPort = await pickPort(Number(process.env.INTEROP_PEER_PORT ?? 9160), { avoid: [port, port + 10000] });
    const origin = `http://127.0.0.1:${port}`;
    const peerOrigin = `http://127.0.0.1:${peerPort}`;
    const t0 = Date.now();
    const reused = startOurServer(port);
    startPeer(peerPort, hardLimit + 60);
    await waitFor("peer", `${peerOrigin}/_control/health`, 30, peerLog);
    await waitFor(
      "server",
      `${origin}/api/instance`,
      Number(process.env.INTEROP_START_TIMEOUT ?? (reused ? 150 : 210)),
      serverLog,
    );
    console.log(`# both up after ${((Date.now() - t0) / 1000).toFixed(1)} s: ours ${origin}, peer ${peerOrigin}`);

    const ctx = {
      origin,
      peerOrigin,
      deliveryTimeoutMs: Number(process.env.INTEROP_DELIVERY_TIMEOUT ?? 20) * 1000,
      shared: {}, // state handed from one scenario to the next
    };
    for (const scenario of scenarios) {
      if (only && !scenario.always && !scenario.name.includes(only)) {
        results.push({ name: scenario.name, status: "skipped", durationMs: 0, error: `not selected (INTEROP_ONLY=${only})` });
        continue;
      }
      const r = await runScenario(scenario, ctx, TEST_TIMEOUT_MS);
      ran++;
      results.push(r);
      const secs = (r.durationMs / 1000).toFixed(1);
      if (r.status === "passed") console.log(`ok - ${r.name} (${secs} s)`);
      else if (r.status === "skipped") console.log(`skip - ${r.name}: ${r.error}`);
      else console.log(`not ok - ${r.name} (${secs} s)\n${indent(r.error)}`);
    }
  } catch (e) {
    // Setup failed (install, a server did not start): every scenario that did not run failed.
    const message = e instanceof Error ? e.message : String(e);
    console.error(`interop setup failed: ${message}`);
    for (const scenario of scenarios.slice(results.length)) {
      results.push({ name: scenario.name, status: "failed", durationMs: 0, error: `not run: ${message}` });
      console.log(`not ok - ${scenario.name} (not run)`);
    }
  } finally {
    await stopProcess("peer");
    await stopProcess("server");
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  }

  const summary = writeResults(resultsFile, results);
  console.log(
    `# interop: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped ` +
      "(logs: test-results/interop-server.log, test-results/interop-peer.log)",
  );
  clearTimeout(watchdog);
  process.exitCode = summary.failed > 0 || ran === 0 ? 1 : 0;
}

process.on("exit", stopAllNow);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`interop: ${sig}; stopping the servers`);
    stopAllNow();
    process.exit(130);
  });
}

await main();
