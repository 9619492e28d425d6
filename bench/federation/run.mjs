#!/usr/bin/env node
/**
 * ActivityPub benchmark against a real `wrangler dev` of the real Worker (see README.md here).
 *
 *   npx node bench/federation/run.mjs
 *
 * In one run: raw RSA-2048 PKCS#1 v1.5 SHA-256 sign/verify rates (Node's crypto.subtle and
 * workerd's, through the bench entry), inbound verified activities/s through the real shared
 * inbox, and for each P:F configuration the exact deliveries and queue messages of one post
 * plus outbound signed deliveries/s for BENCH_POSTS posts. Markdown on stdout, progress on
 * stderr, BENCH_OUT=file.json writes every number.
 *
 * Knobs: BENCH_INBOUND (signed Likes, 1000), BENCH_INBOUND_CONCURRENCY (8),
 * BENCH_CONFIGS ("1:20,4:20,5:50" = servers:followers), BENCH_POSTS (posts per config in the
 * throughput phase, 40), BENCH_POST_CONCURRENCY (2), BENCH_TIMEOUT (whole run, s, 1200),
 * BENCH_KEEP=1 keeps the temp dir (dev.log).
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { signRequest } from "@fedify/fedify";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

const INBOUND = Number(process.env.BENCH_INBOUND ?? 1000);
const INBOUND_CONC = Number(process.env.BENCH_INBOUND_CONCURRENCY ?? 8);
const CONFIGS = (process.env.BENCH_CONFIGS ?? "1:20,4:20,5:50").split(",").map((s) => s.split(":").map(Number));
const POSTS = Number(process.env.BENCH_POSTS ?? 40);
const POST_CONC = Number(process.env.BENCH_POST_CONCURRENCY ?? 2);
const OVERALL = Number(process.env.BENCH_TIMEOUT ?? 1200);

// Misskey's verifier (an independent implementation) checks every delivery the sinks get.
let misskey = null;
try {
  const entry = join(root, "test/interop/fedify-peer/node_modules/@misskey-dev/node-http-message-signatures/dist/index.mjs");
  if (existsSync(entry)) misskey = await import(pathToFileURL(entry).href);
} catch {}

await main();

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), "commons-fedbench-"));
  const config = join(here, "wrangler.toml");
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
  const sinks = [];
  let dev = null;
  const cleanup = async () => {
    for (const s of sinks) s.server.closeAllConnections?.();
    for (const s of sinks) s.server.close();
    if (dev?.pid) {
      try {
        process.kill(-dev.pid, "SIGTERM");
      } catch {}
      for (let i = 0; i < 50 && alive(dev.pid); i++) await sleep(100);
      try {
        process.kill(-dev.pid, "SIGKILL");
      } catch {}
    }
  };
  const removeTmp = () => {
    if (process.env.BENCH_KEEP === "1") log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
    rmSync(join(here, ".wrangler"), { recursive: true, force: true });
  };
  const deadline = setTimeout(async () => {
    log(`overall timeout (${OVERALL} s) reached; stopping`);
    await cleanup();
    removeTmp();
    process.exit(3);
  }, OVERALL * 1000);
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, async () => {
      await cleanup();
      removeTmp();
      process.exit(130);
    });
  }

  const out = { startedAt: new Date().toISOString(), loadavg: { start: loadavg() }, node: process.version };
  try {
    // ---------------------------------------------------------------- raw rates in Node
    log("raw RSA rates in Node (crypto.subtle)");
    out.nodeRaw = await nodeRaw();
    log(JSON.stringify(out.nodeRaw));

    // ---------------------------------------------------------------- start wrangler dev
    const port = await freePort();
    const inspectorPort = await freePort();
    const base = `http://127.0.0.1:${port}`;
    log("applying migrations");
    run(env, ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", tmp, "-c", config]);
    log("bundling");
    const bundleDir = join(tmp, "bundle");
    run(env, ["wrangler", "deploy", "--dry-run", join(here, "worker.ts"), "--outdir", bundleDir, "-c", config]);
    const assetsDir = join(tmp, "assets");
    mkdirSync(assetsDir, { recursive: true });
    if (existsSync(join(root, "dist/web"))) cpSync(join(root, "dist/web"), assetsDir, { recursive: true });
    out.wrangler = spawnSync("npx", ["wrangler", "--version"], { env, cwd: root, encoding: "utf8" }).stdout.trim();
    log(`starting wrangler dev on ${base}`);
    const devLogPath = join(tmp, "dev.log");
    const devLog = openSync(devLogPath, "a");
    dev = spawn(
      "npx",
      [
        "wrangler",
        "dev",
        join(bundleDir, "worker.js"),
        "--no-bundle",
        "--assets",
        assetsDir,
        "-c",
        config,
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--inspector-port",
        String(inspectorPort),
        "--persist-to",
        tmp,
        "--show-interactive-dev-session=false",
        "--var",
        `ORIGIN:${base}`,
        "--var",
        "ENVIRONMENT:development",
      ],
      { env, cwd: root, detached: true, stdio: ["ignore", devLog, devLog] },
    );
    await waitFor(`${base}/api/instance`, 120_000, () => readFileSync(devLogPath, "utf8"));

    // ---------------------------------------------------------------- raw rates in workerd
    log("raw RSA rates in workerd (bench endpoint)");
    out.workerdRaw = await workerdRaw(base);
    log(JSON.stringify(out.workerdRaw));

    // ---------------------------------------------------------------- remote side
    const keys = await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    );
    const remotePem = pem(await crypto.subtle.exportKey("spki", keys.publicKey));
    const newSink = async () => {
      const s = await startSink(remotePem);
      sinks.push(s);
      return s;
    };
    const signed = async (url, actorIri, activity) => {
      const req = new Request(url, {
        method: "POST",
        headers: { "content-type": "application/activity+json", accept: "application/activity+json" },
        body: JSON.stringify(activity),
      });
      const s = await signRequest(req, keys.privateKey, new URL(`${actorIri}#main-key`), {
        spec: "draft-cavage-http-signatures-12",
      });
      return { url, headers: Object.fromEntries(s.headers), body: await s.text() };
    };
    const send = async (r) => {
      const res = await fetch(r.url, { method: "POST", headers: r.headers, body: r.body });
      await res.arrayBuffer();
      return res.status;
    };
    const AS = "https://www.w3.org/ns/activitystreams";

    // ---------------------------------------------------------------- inbound
    const inSink = await newSink();
    const liker = `${inSink.origin}/users/liker`;
    log(`pre-signing ${INBOUND + 1} Likes (draft-cavage, Fedify signRequest)`);
    const tSign = now();
    const likes = [];
    for (let i = 0; i <= INBOUND; i++) {
      likes.push(
        await signed(`${base}/inbox`, liker, {
          "@context": AS,
          id: `${liker}/likes/${i}`,
          type: "Like",
          actor: liker,
          object: `${base}/notes/00000000-0000-7000-8000-${String(i).padStart(12, "0")}`,
        }),
      );
    }
    const presignMs = now() - tSign;
    const tFirst = now();
    const firstStatus = await send(likes[0]);
    const firstMs = now() - tFirst;
    const keyFetches = inSink.gets;
    log(`first Like: ${firstStatus} in ${firstMs.toFixed(0)} ms, actor fetched ${keyFetches}x`);
    const statuses = {};
    const lat = [];
    const la0 = loadavg();
    const cpu0 = groupCpu(dev.pid);
    const t0 = now();
    await mapLimit(likes.slice(1), INBOUND_CONC, async (r) => {
      const t = now();
      const st = await send(r);
      lat.push(now() - t);
      statuses[st] = (statuses[st] ?? 0) + 1;
    });
    const inMs = now() - t0;
    const cpu1 = groupCpu(dev.pid);
    const ok = Object.entries(statuses)
      .filter(([s]) => Number(s) >= 200 && Number(s) < 300)
      .reduce((a, [, n]) => a + n, 0);
    lat.sort((a, b) => a - b);
    out.inbound = {
      n: INBOUND,
      concurrency: INBOUND_CONC,
      presignMs,
      first: { status: firstStatus, ms: firstMs, actorFetches: keyFetches },
      statuses,
      ok,
      ms: inMs,
      perSecond: (ok / inMs) * 1000,
      p50: lat[Math.floor(lat.length * 0.5)],
      p99: lat[Math.floor(lat.length * 0.99)],
      actorFetchesDuringRun: inSink.gets - keyFetches,
      serverCpuMsPerActivity: (cpu1 - cpu0) / INBOUND,
      loadavgBefore: la0,
      loadavgAfter: loadavg(),
    };
    log(JSON.stringify(out.inbound));

    // ---------------------------------------------------------------- outbound
    out.outbound = [];
    for (const [P, F] of CONFIGS) {
      const username = `out${P}x${F}`;
      const signup = await fetch(`${base}/api/auth/signup`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ username, password: "bench-password-123" }),
      });
      if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
      const cookie = signup.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .find((c) => c.startsWith("session="));
      // The first account is the admin: lift the per-account posting limit (30/min by default)
      // for the throughput run. Later accounts get 403 here, which is fine: the setting is global.
      await fetch(`${base}/api/admin/settings`, {
        method: "PATCH",
        headers: { "content-type": "application/json", origin: base, cookie },
        body: JSON.stringify({ postsPerMinute: 10000 }),
      }).then((r) => r.arrayBuffer());
      const me = `${base}/users/${username}`;
      const doc = await (await fetch(me, { headers: { accept: "application/activity+json" } })).json();
      const ourPem = doc.publicKey?.publicKeyPem;
      const servers = [];
      for (let p = 0; p < P; p++) {
        const s = await newSink();
        s.ourPem = ourPem;
        servers.push(s);
      }
      log(`config P=${P} F=${F}: ${F} follows`);
      const follows = [];
      for (let f = 0; f < F; f++) {
        const s = servers[f % P];
        const actor = `${s.origin}/users/f${f}`;
        follows.push(
          await signed(`${me}/inbox`, actor, {
            "@context": AS,
            id: `${actor}/follows/${f}`,
            type: "Follow",
            actor,
            object: me,
          }),
        );
      }
      const followStatus = {};
      await mapLimit(follows, 4, async (r) => {
        const st = await send(r);
        followStatus[st] = (followStatus[st] ?? 0) + 1;
      });
      const accepts = () => servers.reduce((a, s) => a + s.personal, 0);
      await until(() => accepts() >= F, 120_000, "Accepts");
      await quiet(base, 2000);
      const acceptCount = accepts();
      log(`  ${acceptCount} Accepts received; publishing one post`);

      // Exactly P deliveries for one post?
      await fetch(`${base}/bench/queue/reset`, { method: "POST" });
      for (const s of servers) s.reset();
      const pr = await post(base, cookie, `One post to ${F} followers on ${P} servers`);
      if (pr !== 201) throw new Error(`post: ${pr}`);
      const shared = () => servers.reduce((a, s) => a + s.shared, 0);
      await until(() => shared() >= P, 60_000, "deliveries");
      await quiet(base, 3000);
      const q1 = await (await fetch(`${base}/bench/queue`)).json();
      const one = {
        P,
        F,
        followStatus,
        accepts: acceptCount,
        perServer: servers.map((s) => ({ shared: s.shared, personal: s.personal, verified: s.verified, types: s.types })),
        deliveries: shared() + servers.reduce((a, s) => a + s.personal, 0),
        queue: q1,
      };
      log(`  one post: ${one.deliveries} deliveries, queue ${JSON.stringify(q1.byKind)}`);

      // Throughput: POSTS posts, deliveries/s at the sinks.
      await fetch(`${base}/bench/queue/reset`, { method: "POST" });
      for (const s of servers) s.reset();
      const la = loadavg();
      const c0 = groupCpu(dev.pid);
      const tp0 = now();
      let lastAccepted = 0;
      const postStatus = {};
      await mapLimit(
        Array.from({ length: POSTS }, (_, i) => i),
        POST_CONC,
        async (i) => {
          const st = await post(base, cookie, `Throughput post ${i}`);
          postStatus[st] = (postStatus[st] ?? 0) + 1;
          lastAccepted = now();
        },
      );
      const want = (postStatus[201] ?? 0) * P;
      await until(() => shared() >= want, 60_000 + want * 200, "throughput deliveries").catch((e) => log(String(e)));
      const lastDelivery = Math.max(...servers.map((s) => s.last));
      const c1 = groupCpu(dev.pid);
      await quiet(base, 2000);
      const q2 = await (await fetch(`${base}/bench/queue`)).json();
      const got = shared();
      one.throughput = {
        posts: POSTS,
        postStatus,
        postsPerSecond: ((postStatus[201] ?? 0) / (lastAccepted - tp0)) * 1000,
        deliveries: got,
        expected: want,
        verified: servers.reduce((a, s) => a + s.verified, 0),
        seconds: (lastDelivery - tp0) / 1000,
        deliveriesPerSecond: got / ((lastDelivery - tp0) / 1000),
        drainAfterLastPostS: (lastDelivery - lastAccepted) / 1000,
        serverCpuMsPerDelivery: (c1 - c0) / Math.max(got, 1),
        queue: q2,
        loadavgBefore: la,
        loadavgAfter: loadavg(),
      };
      log(`  throughput: ${JSON.stringify(one.throughput)}`);
      out.outbound.push(one);
    }
    out.loadavg.end = loadavg();
    out.devLogTail = readFileSync(devLogPath, "utf8").split("\n").slice(-15).join("\n");
    if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(out, null, 2));
    console.log(report(out));
  } catch (err) {
    log("FAILED:", err?.stack ?? err);
    try {
      log(readFileSync(join(tmp, "dev.log"), "utf8").split("\n").slice(-40).join("\n"));
    } catch {}
    process.exitCode = 1;
  } finally {
    clearTimeout(deadline);
    await cleanup();
    removeTmp();
  }
}

// ---------------------------------------------------------------- pieces

function run(env, args) {
  const r = spawnSync("npx", args, { env, cwd: root, encoding: "utf8", timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${args.slice(0, 3).join(" ")} failed: ${r.stderr}\n${r.stdout}`);
}

async function post(base, cookie, text) {
  const r = await fetch(`${base}/api/posts`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie },
    body: JSON.stringify({ text }),
  });
  await r.arrayBuffer();
  return r.status;
}

/** Waits until the queue consumer has seen no new message for `ms`. */
async function quiet(base, ms) {
  let last = -1;
  let since = now();
  const t0 = now();
  while (now() - t0 < 60_000) {
    const q = await (await fetch(`${base}/bench/queue`)).json();
    if (q.messages !== last) {
      last = q.messages;
      since = now();
    } else if (now() - since >= ms) return;
    await sleep(250);
  }
}

async function until(cond, ms, what) {
  const t0 = now();
  while (!cond()) {
    if (now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function pem(spki) {
  const b64 = Buffer.from(spki).toString("base64");
  return `-----BEGIN PUBLIC KEY-----\n${b64.match(/.{1,64}/g).join("\n")}\n-----END PUBLIC KEY-----\n`;
}

/**
 * A remote server on its own loopback port: any /users/{name} is a Person whose key is
 * the shared bench key, inboxes at /users/{name}/inbox and the shared /inbox. Counts GETs
 * and POSTs (personal vs shared inbox), checks each POST's draft-cavage signature with
 * Misskey's verifier against our actor's key, answers 202.
 */
async function startSink(publicKeyPem) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const s = {
    origin,
    gets: 0,
    shared: 0,
    personal: 0,
    verified: 0,
    types: {},
    last: 0,
    ourPem: null,
    reset() {
      s.shared = 0;
      s.personal = 0;
      s.verified = 0;
      s.types = {};
      s.last = 0;
    },
  };
  s.server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const path = req.url.split("?")[0];
      const m = /^\/users\/([a-z0-9]+)$/.exec(path);
      if (req.method === "GET" && m) {
        s.gets += 1;
        const id = `${origin}/users/${m[1]}`;
        res.writeHead(200, { "content-type": "application/activity+json" });
        return res.end(
          JSON.stringify({
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            id,
            type: "Person",
            preferredUsername: m[1],
            inbox: `${id}/inbox`,
            endpoints: { sharedInbox: `${origin}/inbox` },
            publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem },
          }),
        );
      }
      if (req.method === "POST" && (path === "/inbox" || /^\/users\/[a-z0-9]+\/inbox$/.test(path))) {
        s.last = now();
        if (path === "/inbox") s.shared += 1;
        else s.personal += 1;
        try {
          const type = JSON.parse(Buffer.concat(chunks).toString()).type;
          s.types[type] = (s.types[type] ?? 0) + 1;
        } catch {}
        res.writeHead(202);
        res.end();
        if (misskey && s.ourPem) {
          try {
            const parsed = misskey.parseRequestSignature(
              { url: req.url, method: req.method, headers: req.headers },
              { clockSkew: { forward: 30_000, delay: 300_000 } },
            );
            if (parsed.version === "draft" && (await misskey.verifyDraftSignature(parsed.value, s.ourPem))) s.verified += 1;
          } catch {}
        }
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise((r) => s.server.listen(port, "127.0.0.1", r));
  return s;
}

/** Sequential (one at a time, like one isolate) and concurrent (libuv pool) rates. */
async function nodeRaw() {
  const keys = await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
  const data = new TextEncoder().encode("x".repeat(300));
  const alg = { name: "RSASSA-PKCS1-v1_5" };
  const sig = await crypto.subtle.sign(alg, keys.privateKey, data);
  const rate = async (fn, ms, conc) => {
    let n = 0;
    const t0 = now();
    await Promise.all(
      Array.from({ length: conc }, async () => {
        while (now() - t0 < ms) {
          await fn();
          n += 1;
        }
      }),
    );
    return (n / (now() - t0)) * 1000;
  };
  const sign = () => crypto.subtle.sign(alg, keys.privateKey, data);
  const verify = () => crypto.subtle.verify(alg, keys.publicKey, sig, data);
  await rate(verify, 300, 1);
  return {
    signSeq: await rate(sign, 2000, 1),
    verifySeq: await rate(verify, 2000, 1),
    signConc: await rate(sign, 2000, 16),
    verifyConc: await rate(verify, 2000, 16),
  };
}

/** Times N ops in workerd from outside, minus an n=0 call; best of 3. */
async function workerdRaw(base) {
  const call = async (op, n) => {
    const t = now();
    const r = await fetch(`${base}/bench/crypto-phase?op=${op}&n=${n}`, { method: "POST" });
    const body = await r.json();
    return { ms: now() - t, inner: op === "sign" ? body.signMs : body.verifyMs };
  };
  await call("sign", 1);
  const measure = async (op, n) => {
    let best = Number.POSITIVE_INFINITY;
    let zero = Number.POSITIVE_INFINITY;
    let inner = 0;
    for (let i = 0; i < 3; i++) {
      zero = Math.min(zero, (await call(op, 0)).ms);
      const c = await call(op, n);
      if (c.ms < best) {
        best = c.ms;
        inner = c.inner;
      }
    }
    return { n, perSecond: (n / (best - zero)) * 1000, wallMs: best, overheadMs: zero, innerMs: inner };
  };
  return { sign: await measure("sign", 1000), verify: await measure("verify", 5000) };
}

function report(o) {
  const f = (x, d = 0) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : String(x));
  const vW = o.workerdRaw.verify.perSecond;
  const sW = o.workerdRaw.sign.perSecond;
  const lines = [];
  lines.push(`Load average at start ${o.loadavg.start}, at end ${o.loadavg.end}; ${o.node}, ${o.wrangler}.`, "");
  lines.push("### Raw RSA-2048 PKCS#1 v1.5 SHA-256 (same run)", "");
  lines.push("| where | sign/s | verify/s |", "|---|---:|---:|");
  lines.push(`| Node crypto.subtle, one at a time | ${f(o.nodeRaw.signSeq)} | ${f(o.nodeRaw.verifySeq)} |`);
  lines.push(`| Node crypto.subtle, 16 in flight | ${f(o.nodeRaw.signConc)} | ${f(o.nodeRaw.verifyConc)} |`);
  lines.push(
    `| workerd crypto.subtle (bench endpoint, ${o.workerdRaw.sign.n} signs / ${o.workerdRaw.verify.n} verifies, wall minus n=0) | ${f(sW)} | ${f(vW)} |`,
    "",
  );
  const i = o.inbound;
  lines.push("### Inbound: signed Likes through the real shared inbox", "");
  lines.push(
    "| activities | concurrency | 2xx | statuses | verified/s | p50 ms | p99 ms | server CPU ms/activity | ÷ workerd verify/s | ÷ Node verify/s (1 at a time) |",
  );
  lines.push("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
  lines.push(
    `| ${i.n} | ${i.concurrency} | ${i.ok} | ${JSON.stringify(i.statuses)} | ${f(i.perSecond, 1)} | ${f(i.p50, 1)} | ${f(i.p99, 1)} | ${f(i.serverCpuMsPerActivity, 2)} | ${f(i.perSecond / vW, 4)} | ${f(i.perSecond / o.nodeRaw.verifySeq, 4)} |`,
    "",
  );
  lines.push(
    `First Like (actor key fetched, ${i.first.actorFetches} GET of the actor): ${i.first.status} in ${f(i.first.ms)} ms; actor GETs during the timed run: ${i.actorFetchesDuringRun} (key cached). Load average ${i.loadavgBefore} → ${i.loadavgAfter}.`,
    "",
  );
  lines.push("### Outbound: one post to F followers on P servers", "");
  lines.push(
    "| P servers | F followers | Accepts | deliveries of the post | per server (shared inbox) | verified (Misskey) | queue messages | by kind | retried |",
  );
  lines.push("|---:|---:|---:|---:|---|---:|---:|---|---:|");
  for (const c of o.outbound) {
    lines.push(
      `| ${c.P} | ${c.F} | ${c.accepts} | ${c.deliveries} | ${c.perServer.map((s) => s.shared).join(", ")} | ${c.perServer.reduce((a, s) => a + s.verified, 0)} | ${c.queue.messages} | ${JSON.stringify(c.queue.byKind)} | ${c.queue.retried} |`,
    );
  }
  lines.push("", "### Outbound throughput: signed deliveries/s at the sinks", "");
  lines.push(
    "| P | posts (201) | posts/s accepted | deliveries / expected | verified | s to last delivery | deliveries/s | server CPU ms/delivery | queue messages | ÷ workerd sign/s | load avg |",
  );
  lines.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const c of o.outbound) {
    const t = c.throughput;
    lines.push(
      `| ${c.P} | ${t.postStatus[201] ?? 0} | ${f(t.postsPerSecond, 1)} | ${t.deliveries} / ${t.expected} | ${t.verified} | ${f(t.seconds, 1)} | ${f(t.deliveriesPerSecond, 1)} | ${f(t.serverCpuMsPerDelivery, 1)} | ${t.queue.messages} ${JSON.stringify(t.queue.byKind)} | ${f(t.deliveriesPerSecond / sW, 4)} | ${t.loadavgBefore} → ${t.loadavgAfter} |`,
    );
  }
  return lines.join("\n");
}

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

async function waitFor(url, ms, tail) {
  const t0 = now();
  while (now() - t0 < ms) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await sleep(300);
  }
  throw new Error(`${url} not up after ${ms} ms\n${tail().slice(-3000)}`);
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createNetServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** CPU ms used so far by every process in the process group `pgid` (from /proc). */
function groupCpu(pgid) {
  let total = 0;
  for (const name of readdirSafe("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) !== pgid) continue;
      total += (Number(f[11]) + Number(f[12])) * 10;
    } catch {}
  }
  return total;
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
