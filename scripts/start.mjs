#!/usr/bin/env node
// `npm start`: build the web client, apply local D1 migrations, run `wrangler dev`.
// PORT (default 8787) and STATE_DIR (default .wrangler/state) choose the port and the
// local data directory, so several instances can run side by side; each one's origin
// is http://127.0.0.1:PORT.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a TCP port number, got ${process.env.PORT}`);
  process.exit(2);
}
const stateDir = resolve(process.env.STATE_DIR ?? ".wrangler/state");
const inspectorPort = Number(process.env.INSPECTOR_PORT ?? (port + 10000 <= 65535 ? port + 10000 : port - 10000));
const origin = `http://127.0.0.1:${port}`;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

mkdirSync(stateDir, { recursive: true });
if (process.env.SKIP_WEB_BUILD !== "1") run("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
run("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir]);

// Variables that the operator may pass through from the environment (documented in README).
const passThrough = ["SERVER_NAME", "ATPROTO_APPVIEW_URL", "ATPROTO_PLC_URL", "ATPROTO_HANDLE_RESOLVER_URL"];
const vars = [`ORIGIN:${origin}`, "ENVIRONMENT:development"];
for (const name of passThrough) if (process.env[name]) vars.push(`${name}:${process.env[name]}`);

const args = [
  "wrangler",
  "dev",
  "--ip",
  "127.0.0.1",
  "--port",
  String(port),
  "--inspector-port",
  String(inspectorPort),
  "--persist-to",
  stateDir,
  "--show-interactive-dev-session=false",
  ...vars.flatMap((v) => ["--var", v]),
];
console.log(`Starting on ${origin} (state in ${stateDir})`);
const child = spawn("npx", args, { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
