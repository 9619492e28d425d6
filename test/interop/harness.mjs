// Helpers shared by the interop runners (test/interop/run.mjs for ActivityPub,
// test/atproto-interop/run.mjs for the AT Protocol): free ports on 127.0.0.1, processes
// started in their own process group and stopped by that group's id, waiting for a URL,
// running one scenario with a time limit, and the results file .ci/run reads
// ({ passed, failed, skipped, tests }).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TEST_TIMEOUT_MS = 120_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Node 22 first on PATH: the root package's `node` devDependency, then the one running us. */
export const pathWithNode22 = [join(root, "node_modules/.bin"), dirname(process.execPath), process.env.PATH ?? ""].join(
  delimiter,
);

/** Processes we started: name -> { pid, exited: Promise, done } */
const procs = new Map();

// ---------------------------------------------------------------------------- ports

export function portFree(port) {
  return new Promise((res) => {
    const s = createServer();
    s.once("error", () => res(false));
    s.listen(port, "127.0.0.1", () => s.close(() => res(true)));
  });
}

export async function pickPort(first, { withInspector = false, avoid = [] } = {}) {
  for (let port = first; port < first + 200; port++) {
    if (avoid.includes(port) || (withInspector && (avoid.includes(port + 10000) || port + 10000 > 65535))) continue;
    if ((await portFree(port)) && (!withInspector || (await portFree(port + 10000)))) return port;
  }
  throw new Error(`no free port from ${first}${withInspector ? " (with PORT+10000 for the inspector)" : ""}`);
}

// ---------------------------------------------------------------------------- processes

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Starts a process in its own process group (so the whole tree stops together). */
export function startProcess(name, cmd, args, env, logFile) {
  const log = openSync(logFile, "w");
  const child = spawn(cmd, args, { cwd: root, env, detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  const exited = new Promise((res) => child.once("exit", (code, signal) => res({ code, signal })));
  child.once("error", (e) => console.error(`could not spawn ${name}: ${e.message}`));
  const proc = { pid: child.pid, exited, done: false };
  exited.then(() => {
    proc.done = true;
  });
  procs.set(name, proc);
  return proc;
}

export async function stopProcess(name) {
  const proc = procs.get(name);
  if (!proc) return;
  procs.delete(name);
  const group = (sig) => {
    try {
      process.kill(-proc.pid, sig);
      return true;
    } catch {
      return false; // group already gone
    }
  };
  if (group("SIGTERM")) {
    const gone = await Promise.race([proc.exited.then(() => true), sleep(8000).then(() => false)]);
    await sleep(gone ? 500 : 0);
    if (group(0)) group("SIGKILL");
  }
}

export function stopAllNow() {
  for (const proc of procs.values()) {
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {}
  }
}

export async function waitFor(name, url, seconds, logFile) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (procs.get(name)?.done) throw new Error(`${name} exited early; log tail:\n${tail(logFile)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.ok) {
        await res.arrayBuffer();
        return;
      }
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`${name} did not answer ${url} within ${seconds} s; log tail:\n${tail(logFile)}`);
}

export class Skip extends Error {}

export async function runScenario(scenario, ctx, timeoutMs = TEST_TIMEOUT_MS) {
  const info = [];
  const t = {
    ...ctx,
    skip(reason) {
      throw new Skip(reason);
    },
    /** A note kept in the results file (what was seen, not a verdict). */
    info(line) {
      info.push(line);
    },
  };
  const started = Date.now();
  let status = "passed";
  let error;
  let timer;
  try {
    await Promise.race([
      scenario.fn(t),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`test timed out after ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } catch (e) {
    if (e instanceof Skip) {
      status = "skipped";
      error = e.message;
    } else {
      status = "failed";
      // Assertions and unmet preconditions carry their own evidence; a stack only helps for bugs here.
      const plain =
        e instanceof Error && (e.code === "ERR_ASSERTION" || e.precondition || /^the peer never|after \d+ s\)/.test(e.message));
      error = e instanceof Error ? (plain ? e.message : (e.stack ?? e.message)) : String(e);
    }
  } finally {
    clearTimeout(timer);
  }
  return {
    name: scenario.name,
    status,
    durationMs: Date.now() - started,
    ...(error ? { error } : {}),
    ...(info.length ? { info } : {}),
  };
}

/** `extra` adds fields beside the counts (e.g. the hostile suite's table); .ci/run reads only the counts. */
export function writeResults(resultsFile, results, extra = {}) {
  const count = (s) => results.filter((r) => r.status === s).length;
  const summary = { passed: count("passed"), failed: count("failed"), skipped: count("skipped"), ...extra, tests: results };
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

export function indent(s) {
  return String(s)
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

// ---------------------------------------------------------------------------- our API

/** Polls `fn` until it returns a truthy value; throws `describe()` (or the last error) on timeout. */
export async function eventually(fn, { timeout, interval = 300, describe } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await sleep(interval);
  }
  const what = describe ? await describe() : "condition not met";
  throw new Error(`${what} (after ${timeout / 1000} s)${last ? `; last error: ${last.message}` : ""}`);
}

/** A compact, exact description of an HTTP exchange for failure messages. */
export function exchange(method, url, reqBody, res) {
  const body = res.text.length > 1500 ? `${res.text.slice(0, 1500)}…` : res.text;
  const sent = reqBody === undefined ? "" : ` ${JSON.stringify(reqBody).slice(0, 600)}`;
  return `${method} ${url}${sent} -> ${res.status} ${res.headers.get("content-type") ?? ""} ${body}`;
}

export async function http(method, url, { body, headers = {}, raw = false } = {}) {
  const init = { method, headers: { ...headers }, redirect: "manual", signal: AbortSignal.timeout(15_000) };
  if (body !== undefined) {
    init.body = raw ? body : JSON.stringify(body);
    if (!raw) init.headers["Content-Type"] ??= "application/json";
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, headers: res.headers, text, json };
}

/** Our JSON API, as one signed-in browser would use it (session cookie + Origin). */
export class Api {
  constructor(origin) {
    this.origin = origin;
    this.cookie = null;
  }
  async req(method, path, body) {
    const headers = { Origin: this.origin, Accept: "application/json" };
    if (this.cookie) headers.Cookie = this.cookie;
    const res = await http(method, `${this.origin}${path}`, { body, headers });
    const session = res.headers.getSetCookie().find((c) => c.startsWith("session="));
    if (session) this.cookie = session.split(";")[0];
    res.describe = () => exchange(method, `${this.origin}${path}`, body, res);
    return res;
  }
  async ok(method, path, body) {
    const res = await this.req(method, path, body);
    assert.ok(res.status >= 200 && res.status < 300, res.describe());
    return res.json;
  }
}
