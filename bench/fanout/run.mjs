#!/usr/bin/env node
/**
 * Community fan-out benchmark against a real `wrangler dev` (see README.md here).
 *
 *   npx node bench/fanout/run.mjs [sockets=1000] [posts=200]
 *
 * `sockets` may be a comma list (e.g. 1000,5000): each size runs against the same
 * wrangler dev instance. `posts` is the number of sequential latency samples per target.
 * For each size, first the real community (CommunityTimeline: auth, rate limit, D1
 * write, seq, 50 ms batching), then the bare baseline (BareFanout: loops send()):
 *   (a) latency: one post at a time; time from sending the POST until the LAST of the
 *       N sockets has received the frame carrying it (p50, p99);
 *   (b) throughput: community: BENCH_INFLIGHT requests in flight for BENCH_DURATION
 *       seconds, 201s per second, then how long until every socket had every accepted
 *       post; bare: offered the community's accepted rate (open loop), same measures.
 * Prints a markdown table on stdout (progress on stderr); BENCH_OUT=file also writes JSON.
 *
 * Environment knobs: BENCH_DURATION (s, 10), BENCH_INFLIGHT (12), BENCH_POSTERS (users who
 * post round-robin, 200), BENCH_CLIENTS (client processes, ceil(sockets/2500)),
 * BENCH_TIMEOUT (overall, s, 1800), BENCH_KEEP=1 keeps the temp dir, BENCH_PROFILE=1 runs
 * profile.ts instead of worker.ts and logs D1 calls and time per post (Worker and DO).
 *
 * The client side runs in child processes (this same file with --client), each holding
 * a share of the sockets and reporting, per post marker, the time its last socket got it.
 */
import { fork, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MARKER = /BM([bcdw])(\d{7})Z/g;
const marker = (kind, n) => `BM${kind}${String(n).padStart(7, "0")}Z`;

if (process.argv[2] === "--client") runClient();
else await main();

// ---------------------------------------------------------------- client child

function runClient() {
  let WS = globalThis.WebSocket;
  let usingWs = false;
  const sockets = new Set();
  /** marker -> number of this child's sockets that have received it */
  const counts = new Map();
  let expected = 0;

  const onText = (text) => {
    const t = now();
    MARKER.lastIndex = 0;
    let m = MARKER.exec(text);
    let seen = null;
    while (m) {
      const key = m[0];
      if (!seen?.has(key)) {
        if (seen === null) seen = new Set();
        seen.add(key);
        const c = (counts.get(key) ?? 0) + 1;
        counts.set(key, c);
        if (c === expected) {
          process.send({ type: "done", marker: key, t });
          counts.delete(key);
        }
      }
      m = MARKER.exec(text);
    }
  };

  const open = (url) =>
    new Promise((res) => {
      const ws = usingWs ? new WS(url, { perMessageDeflate: false }) : new WS(url);
      const fail = () => res(false);
      const timer = setTimeout(() => {
        try {
          ws.close();
        } catch {}
        fail();
      }, 30_000);
      const onMessage = (data) => onText(typeof data === "string" ? data : data.toString());
      if (usingWs) {
        ws.on("open", () => {
          clearTimeout(timer);
          sockets.add(ws);
          res(true);
        });
        ws.on("message", onMessage);
        ws.on("error", () => {
          clearTimeout(timer);
          fail();
        });
        ws.on("close", () => sockets.delete(ws));
      } else {
        ws.addEventListener("open", () => {
          clearTimeout(timer);
          sockets.add(ws);
          res(true);
        });
        ws.addEventListener("message", (e) => onMessage(e.data));
        ws.addEventListener("error", () => {
          clearTimeout(timer);
          fail();
        });
        ws.addEventListener("close", () => sockets.delete(ws));
      }
    });

  process.on("message", async (msg) => {
    if (msg.cmd === "init") {
      try {
        WS = (await import("ws")).WebSocket;
        usingWs = true;
      } catch {
        // fall back to Node's global (undici) WebSocket
      }
      process.send({ type: "ready", lib: usingWs ? "ws" : "undici" });
    } else if (msg.cmd === "connect") {
      const t0 = now();
      let ok = 0;
      let failed = 0;
      let next = 0;
      const worker = async () => {
        while (next < msg.count) {
          next += 1;
          if (await open(msg.url)) ok += 1;
          else failed += 1;
        }
      };
      await Promise.all(Array.from({ length: msg.parallel }, worker));
      expected = sockets.size;
      counts.clear();
      process.send({ type: "connected", ok, failed, open: sockets.size, ms: now() - t0 });
    } else if (msg.cmd === "close") {
      for (const ws of sockets) ws.close(1000);
      const t0 = now();
      while (sockets.size > 0 && now() - t0 < 15_000) await sleep(50);
      expected = 0;
      counts.clear();
      process.send({ type: "closed", open: sockets.size });
    } else if (msg.cmd === "cpu") {
      const u = process.cpuUsage();
      process.send({ type: "cpu", ms: (u.user + u.system) / 1000, pending: counts.size, open: sockets.size });
    } else if (msg.cmd === "exit") {
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, "../..");
  const config = join(here, "wrangler.toml");
  const sizes = (process.argv[2] ?? "1000").split(",").map(Number);
  const latencyPosts = Number(process.argv[3] ?? 200);
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const inflight = Number(process.env.BENCH_INFLIGHT ?? 12);
  const posters = Number(process.env.BENCH_POSTERS ?? 400);
  const overall = Number(process.env.BENCH_TIMEOUT ?? 1800);
  const profile = process.env.BENCH_PROFILE === "1";
  const burstPosts = Number(process.env.BENCH_BURST_POSTS ?? 1000);
  const burstChunk = Number(process.env.BENCH_BURST_CHUNK ?? 500);
  // 32: a group commit holds at most as many posts as are in flight, and above ~33 distinct
  // authors per group the DO's read-marker upsert exceeds D1's 100 bound parameters (see results.md).
  const burstConcurrency = Number(process.env.BENCH_BURST_CONCURRENCY ?? 32);
  const burstReps = Number(process.env.BENCH_BURST_REPS ?? 1);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(latencyPosts) || latencyPosts < 1) {
    console.error("usage: npx node bench/fanout/run.mjs [sockets[,sockets...]=1000] [posts=200]");
    process.exit(2);
  }
  const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

  const tmp = mkdtempSync(join(tmpdir(), "commons-fanout-"));
  mkdirSync(join(root, "dist/web"), { recursive: true });
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
  let dev = null;
  const children = [];

  const cleanup = async () => {
    for (const c of children) {
      try {
        c.kill("SIGKILL");
      } catch {}
    }
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
    // wrangler dev leaves its bundle under the config's directory; it is gitignored but biome would lint it.
    rmSync(join(here, ".wrangler"), { recursive: true, force: true });
  };
  const deadline = setTimeout(async () => {
    log(`overall timeout (${overall} s) reached; stopping`);
    await cleanup();
    removeTmp();
    process.exit(3);
  }, overall * 1000);
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, async () => {
      await cleanup();
      removeTmp();
      process.exit(130);
    });
  }

  try {
    const port = await freePort();
    const inspectorPort = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const wsBase = `ws://127.0.0.1:${port}`;

    log("applying migrations");
    const mig = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", tmp, "-c", config], {
      env,
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
    });
    if (mig.status !== 0) throw new Error(`migrations failed: ${mig.stderr}\n${mig.stdout}`);

    // Bundle once into the temp dir and serve that bundle with --no-bundle: wrangler dev
    // would otherwise rebuild and restart (dropping every socket) whenever anyone edits a source file.
    log("bundling");
    const entry = profile ? join(here, "profile.ts") : join(here, "worker.ts");
    const bundleDir = join(tmp, "bundle");
    const build = spawnSync("npx", ["wrangler", "deploy", "--dry-run", entry, "--outdir", bundleDir, "-c", config], {
      env,
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
    });
    if (build.status !== 0) throw new Error(`bundling failed: ${build.stderr}\n${build.stdout}`);
    const bundle = join(bundleDir, `${profile ? "profile" : "worker"}.js`);

    // A private copy of the web build: wrangler dev restarts the Worker (dropping every
    // socket) when its assets directory changes, e.g. when someone rebuilds dist/web.
    const assetsDir = join(tmp, "assets");
    cpSync(join(root, "dist/web"), assetsDir, { recursive: true });

    log(`starting wrangler dev on ${base}`);
    const devLog = openSync(join(tmp, "dev.log"), "a");
    dev = spawn(
      "npx",
      [
        "wrangler",
        "dev",
        bundle,
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
    await waitFor(`${base}/api/instance`, 120_000, () => readFileSync(join(tmp, "dev.log"), "utf8"));

    // ---- accounts and the community
    log(`signing up ${posters} posters`);
    const t0 = now();
    const authorIds = new Array(posters);
    const users = await mapLimit(
      Array.from({ length: posters }, (_, i) => i),
      4,
      async (i) => {
        const r = await fetch(`${base}/api/auth/signup`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: base },
          body: JSON.stringify({ username: `bench${i}`, password: "bench-password-123" }),
        });
        if (r.status !== 201) throw new Error(`signup ${i}: ${r.status} ${await r.text()}`);
        const cookie = r.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .find((c) => c.startsWith("session="));
        if (!cookie) throw new Error("no session cookie");
        authorIds[i] = (await r.json()).account.id;
        return cookie;
      },
    );
    log(`signed up in ${((now() - t0) / 1000).toFixed(1)} s`);
    const write = (cookie, path, body) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base, cookie },
        body: JSON.stringify(body),
      });
    const cr = await write(users[0], "/api/communities", { name: "fanout", title: "Fan-out bench" });
    if (cr.status !== 201) throw new Error(`create community: ${cr.status} ${await cr.text()}`);
    const communityId = (await cr.json()).community.id;
    await mapLimit(users.slice(1), 4, async (cookie) => {
      const r = await write(cookie, `/api/communities/${communityId}/join`, {});
      if (r.status !== 200) throw new Error(`join: ${r.status} ${await r.text()}`);
    });
    log(`community ${communityId}, ${users.length} members`);

    // A warm-up post gives the exact JSON the community sends, which the bare payload copies.
    const filler = " Fan-out benchmark post: the quick brown fox jumps over the lazy dog, again and again.";
    const postText = (m) => `${m}${filler}${filler}`;
    const wr = await write(users[0], "/api/posts", { text: postText(marker("w", 0)), communityId });
    if (wr.status !== 201) throw new Error(`warm-up post: ${wr.status} ${await wr.text()}`);
    const template = JSON.stringify([{ type: "post", seq: 1, post: { ...(await wr.json()).post, mine: false } }]);
    const barePayload = (m) => template.replaceAll(marker("w", 0), m);
    log(`frame size ${Buffer.byteLength(template)} bytes`);

    // ---- client processes
    const waiters = new Map(); // marker -> { left, t, resolve }
    const onChildMessage = (msg) => {
      if (msg.type === "done") {
        const w = waiters.get(msg.marker);
        if (!w) return;
        w.t = Math.max(w.t, msg.t);
        w.left -= 1;
        if (w.left === 0) {
          waiters.delete(msg.marker);
          w.resolve(w.t);
        }
      }
    };
    const nClients = Number(process.env.BENCH_CLIENTS ?? Math.ceil(Math.max(...sizes) / 2500));
    for (let i = 0; i < nClients; i++) {
      const c = fork(fileURLToPath(import.meta.url), ["--client"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
      c.on("message", onChildMessage);
      children.push(c);
    }
    // Replies to commands come back in order per child; ask all children and collect.
    const ask = (cmd) =>
      Promise.all(
        children.map(
          (c) =>
            new Promise((res) => {
              const handler = (msg) => {
                if (msg.type !== "done") {
                  c.off("message", handler);
                  res(msg);
                }
              };
              c.on("message", handler);
              c.send(cmd);
            }),
        ),
      );
    const libs = await ask({ cmd: "init" });
    const clientLib = libs[0].lib;
    log(`${nClients} client process(es), WebSocket library: ${clientLib}`);

    const expect = (m, timeoutMs) =>
      new Promise((res) => {
        const w = { left: children.length, t: 0, resolve: res };
        waiters.set(m, w);
        setTimeout(() => {
          if (waiters.get(m) === w) {
            waiters.delete(m);
            res(null);
          }
        }, timeoutMs);
      });
    let openNow = 0;
    const clientCpu = async () => {
      const r = await ask({ cmd: "cpu" });
      openNow = r.reduce((s, x) => s + x.open, 0);
      return r.reduce((s, x) => s + x.ms, 0);
    };
    const serverCpu = () => groupCpu(dev.pid);
    /** With BENCH_PROFILE=1: D1 calls and time per post since the last call, in the Worker and in the DO. */
    const takeProfile = async (posts) => {
      if (!profile) return null;
      const p = await (await fetch(`${base}/bench/profile?community=${communityId}`)).json();
      if (!posts) return null;
      const per = (x) => x / posts;
      const summary = {
        posts,
        workerD1CallsPerPost: per(p.worker.calls),
        workerD1MsPerPost: per(p.worker.ms),
        doPublishes: p.durableObject.publishes,
        doD1CallsPerPost: per(p.durableObject.d1.calls),
        doD1MsPerPost: per(p.durableObject.d1.ms),
        doTop: p.durableObject.d1.top.slice(0, 8).map((q) => ({ sql: q.sql, perPost: per(q.n), msPerPost: per(q.ms) })),
        workerTop: p.worker.top.slice(0, 5).map((q) => ({ sql: q.sql, perPost: per(q.n), msPerPost: per(q.ms) })),
      };
      log(
        `  profile: Worker ${summary.workerD1CallsPerPost.toFixed(1)} D1 calls = ${summary.workerD1MsPerPost.toFixed(1)} ms/post; ` +
          `DO ${summary.doD1CallsPerPost.toFixed(1)} D1 calls = ${summary.doD1MsPerPost.toFixed(1)} ms/post`,
      );
      for (const q of summary.doTop) log(`    DO  ${q.perPost.toFixed(2)}x ${q.msPerPost.toFixed(2)} ms  ${q.sql}`);
      return summary;
    };

    let seqCounter = 1;
    const targets = {
      community: {
        label: "community DO (D1 + seq + batching)",
        url: `${wsBase}/api/communities/${communityId}/live`,
        send: (i, m) =>
          write(users[i % users.length], "/api/posts", { text: postText(m), communityId }).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
      },
      bare: {
        label: "bare DO (send loop)",
        url: `${wsBase}/bench/bare/live`,
        send: (_i, m) =>
          fetch(`${base}/bench/bare/send`, { method: "POST", headers: { origin: base }, body: barePayload(m) }).then(
            async (r) => {
              await r.arrayBuffer();
              return r.status === 200 ? 201 : r.status;
            },
          ),
      },
    };

    const rows = [];
    let communityAccepted = 1; // the warm-up post
    let userCursor = 1;

    // (c) the community DO's own accept rate: publish() RPCs from inside the Worker
    // (POST /bench/community/burst), no HTTP or session lookup per post. In production the
    // stateless Worker runs on many isolates; the DO is the per-community serial part.
    const bursts = [];
    let burstMarker = 0;
    const countPosts = async () => (await (await fetch(`${base}/bench/community/count?id=${communityId}`)).json()).posts;
    const burstPhase = async (sockets, rep) => {
      await sleep(2000);
      const before = await countPosts();
      const cpuS = serverCpu();
      const cpuC = await clientCpu();
      const statuses = {};
      const deliveries = [];
      const rpcP50 = [];
      const rpcP99 = [];
      let accepted = 0;
      const t = now();
      for (let sent = 0; sent < burstPosts; ) {
        const n = Math.min(burstChunk, burstPosts - sent);
        const first = burstMarker;
        burstMarker += n;
        sent += n;
        // Waiters first (a frame may arrive before the response); those of rejected posts are dropped below.
        const waits = new Map();
        if (sockets > 0)
          for (let i = 0; i < n; i++) waits.set(first + i, expect(marker("d", first + i), 60_000 + burstPosts * 20));
        const r = await fetch(`${base}/bench/community/burst`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: base },
          body: JSON.stringify({
            communityId,
            authorIds,
            n,
            concurrency: burstConcurrency,
            first,
            origin: base,
            text: postText(`BMd{i}Z`),
          }),
        });
        if (r.status !== 200) throw new Error(`burst: ${r.status} ${await r.text()}`);
        const b = await r.json();
        accepted += b.accepted;
        for (const [code, c] of Object.entries(b.rejected)) statuses[code] = (statuses[code] ?? 0) + c;
        if (b.rpcP50 !== null) rpcP50.push(b.rpcP50);
        if (b.rpcP99 !== null) rpcP99.push(b.rpcP99);
        for (const i of b.rejectedMarkers) {
          waiters.get(marker("d", i))?.resolve(null);
          waiters.delete(marker("d", i));
          waits.delete(i);
        }
        deliveries.push(...waits.values());
      }
      const wall = (now() - t) / 1000;
      const tpServerCpuD = cpuDelta(cpuS, serverCpu());
      const after = await countPosts();
      let allDelivered = Number.NaN;
      let undelivered = 0;
      if (sockets > 0) {
        const got = (await Promise.all(deliveries)).filter((d) => d !== null);
        undelivered = accepted - got.length;
        allDelivered = got.length ? (Math.max(...got) - t) / 1000 : Number.NaN;
      }
      const clientMs = (await clientCpu()) - cpuC;
      if (sockets > 0 && openNow < sockets) log(`  WARNING: ${sockets - openNow} sockets closed during the DO burst`);
      const rate = accepted / wall;
      communityAccepted += accepted;
      const row = {
        sockets,
        rep,
        posts: burstPosts,
        chunk: burstChunk,
        concurrency: burstConcurrency,
        accepted,
        rejected: statuses,
        seconds: wall,
        perSecond: rate,
        d1Delta: after - before,
        persistedOk: after - before === accepted,
        allDeliveredSeconds: allDelivered,
        undelivered,
        openAfter: sockets > 0 ? openNow : 0,
        rpcP50Median: median(rpcP50),
        rpcP99Max: rpcP99.length ? Math.max(...rpcP99) : null,
        serverCpuMsPerPost: tpServerCpuD.total / Math.max(1, accepted),
        serverCores: tpServerCpuD.total / 1000 / (Number.isNaN(allDelivered) ? wall : Math.max(wall, allDelivered)),
        clientCpuMs: clientMs,
        serverCpuByProcessMs: tpServerCpuD.procs,
      };
      bursts.push(row);
      log(
        `  DO accept rate (RPC from the Worker, ${burstConcurrency} in flight): ${accepted} accepted in ${wall.toFixed(2)} s = ${rate.toFixed(0)}/s ` +
          `(rejected ${JSON.stringify(statuses)}); D1 +${after - before}${row.persistedOk ? " = accepted" : " != accepted"}; ` +
          `RPC p50 ${fmt(row.rpcP50Median)} ms; ` +
          (sockets > 0
            ? `all delivered to ${sockets} sockets after ${allDelivered.toFixed(2)} s, undelivered ${undelivered}; `
            : "no sockets; ") +
          `server CPU ${row.serverCpuMsPerPost.toFixed(2)} ms/post`,
      );
      log(
        `  server CPU by process (ms): ${Object.entries(tpServerCpuD.procs)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
      );
      // Let every frame land and the authors' buckets refill a little before the next phase.
      await sleep(1000);
    };
    if (burstReps > 0 && burstPosts > 0) {
      log("0 sockets → community DO accept rate");
      for (let rep = 1; rep <= burstReps; rep++) await burstPhase(0, rep);
    }

    for (const n of sizes) {
      for (const [kind, target] of Object.entries(targets)) {
        const k = kind === "bare" ? "b" : "c";
        log(`${n} sockets → ${target.label}: connecting`);
        const per = splitEven(n, children.length);
        const conn = await Promise.all(
          children.map(
            (c, i) =>
              new Promise((res) => {
                const handler = (msg) => {
                  if (msg.type === "connected") {
                    c.off("message", handler);
                    res(msg);
                  }
                };
                c.on("message", handler);
                c.send({ cmd: "connect", url: target.url, count: per[i], parallel: 25 });
              }),
          ),
        );
        const open = conn.reduce((s, x) => s + x.open, 0);
        const connectMs = Math.max(...conn.map((x) => x.ms));
        log(`  ${open}/${n} open in ${(connectMs / 1000).toFixed(1)} s (${conn.reduce((s, x) => s + x.failed, 0)} failed)`);
        if (open < n) {
          log(`  WARNING: only ${open} of ${n} sockets open; wrangler dev log tail:`);
          log(readFileSync(join(tmp, "dev.log"), "utf8").slice(-1500));
        }
        if (open === 0) {
          rows.push({ sockets: n, open, target: kind, label: target.label, connectSeconds: connectMs / 1000, skipped: true });
          await ask({ cmd: "close" });
          continue;
        }
        await sleep(1000);

        // (a) latency, one at a time
        const lat = [];
        const ack = [];
        let lost = 0;
        if (kind === "community") await takeProfile(0);
        let cpuS = serverCpu();
        let cpuC = await clientCpu();
        let t = now();
        for (let j = 0; j < latencyPosts; j++) {
          const m = marker(k, seqCounter++);
          const done = expect(m, 10_000);
          const start = now();
          const status = await target.send(userCursor++, m);
          const acked = now();
          if (status !== 201) {
            waiters.delete(m);
            lost += 1;
            log(`  latency post ${j}: HTTP ${status}`);
            continue;
          }
          if (kind === "community") communityAccepted += 1;
          ack.push(acked - start);
          const last = await done;
          if (last === null) lost += 1;
          else lat.push(last - start);
          if (lost >= 5) {
            log("  5 samples lost: giving up on this phase");
            break;
          }
        }
        const latWall = now() - t;
        const latServerCpuD = cpuDelta(cpuS, serverCpu());
        const latServerCpu = latServerCpuD.total;
        const latClientCpu = (await clientCpu()) - cpuC;
        if (openNow < open) log(`  WARNING: ${open - openNow} sockets closed during the latency phase (a wrangler reload?)`);
        const latOpenAfter = openNow;
        const latProfile = kind === "community" ? await takeProfile(lat.length) : null;
        log(
          `  latency: p50 ${fmt(pct(lat, 50))} p99 ${fmt(pct(lat, 99))} ms (ack p50 ${fmt(pct(ack, 50))}), lost ${lost}; ` +
            `server CPU ${(latServerCpu / latencyPosts).toFixed(1)} ms/post, client CPU ${(latClientCpu / latencyPosts).toFixed(1)} ms/post`,
        );

        // (b) throughput: `inflight` requests in flight for `duration` seconds
        await sleep(kind === "community" ? 2000 : 500); // let rate-limit buckets refill a little
        if (kind === "community") await takeProfile(0);
        cpuS = serverCpu();
        cpuC = await clientCpu();
        const deliveries = [];
        const perSecond = [];
        const statuses = {};
        t = now();
        const endAt = t + duration * 1000;
        let lastAccepted = t;
        let accepted = 0;
        const one = async () => {
          const m = marker(k, seqCounter++);
          const done = expect(m, 60_000 + duration * 1000);
          const start = now();
          let status;
          try {
            status = await target.send(userCursor++, m);
          } catch {
            status = "error";
          }
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status !== 201) {
            waiters.delete(m);
            return;
          }
          const at = now();
          accepted += 1;
          lastAccepted = Math.max(lastAccepted, at);
          const sec = Math.floor((at - t) / 1000);
          perSecond[sec] = (perSecond[sec] ?? 0) + 1;
          deliveries.push(done.then((d) => (d === null ? null : { sent: start, delivered: d })));
        };
        // The community runs closed-loop (`inflight` requests always outstanding: its maximum).
        // The bare baseline is offered the same rate the community achieved at this size,
        // open-loop, so "all delivered" compares like with like.
        const pace = kind === "bare" ? rows.find((r) => r.sockets === n && r.target === "community")?.throughput.perSecond : 0;
        if (pace) {
          const fired = [];
          for (let j = 0; t + (j * 1000) / pace < endAt; j++) {
            const wait = t + (j * 1000) / pace - now();
            if (wait > 1) await sleep(wait);
            fired.push(one());
          }
          await Promise.all(fired);
        } else {
          await Promise.all(
            Array.from({ length: inflight }, async () => {
              while (now() < endAt) await one();
            }),
          );
        }
        const acceptWindow = (lastAccepted - t) / 1000;
        const delivered = await Promise.all(deliveries);
        const ok = delivered.filter((d) => d !== null);
        const undelivered = delivered.length - ok.length;
        const allDelivered = ok.length ? Math.max(...ok.map((d) => d.delivered)) - t : Number.NaN;
        const loadLat = ok.map((d) => d.delivered - d.sent);
        const tpServerCpuD = cpuDelta(cpuS, serverCpu());
        const tpServerCpu = tpServerCpuD.total;
        const tpClientCpu = (await clientCpu()) - cpuC;
        if (openNow < open) log(`  WARNING: ${open - openNow} sockets closed by the end of the throughput phase`);
        const tpOpenAfter = openNow;
        const tpProfile = kind === "community" ? await takeProfile(accepted) : null;
        if (kind === "community") communityAccepted += accepted;
        const rate = accepted / acceptWindow;
        log(
          `  throughput: ${accepted} accepted in ${acceptWindow.toFixed(1)} s = ${rate.toFixed(0)}/s ` +
            `(per second: ${perSecond.map((x) => x ?? 0).join(" ")}; statuses ${JSON.stringify(statuses)}); ` +
            `all delivered after ${(allDelivered / 1000).toFixed(2)} s, under load p50 ${fmt(pct(loadLat, 50))} p99 ${fmt(pct(loadLat, 99))} ms, ` +
            `undelivered ${undelivered}; server CPU ${(tpServerCpu / Math.max(1, accepted)).toFixed(2)} ms/post ` +
            `(${((tpServerCpu / (allDelivered || 1)) * 100).toFixed(0)}% of one core), client CPU ${((tpClientCpu / (allDelivered || 1)) * 100).toFixed(0)}% of one core`,
        );
        log(
          `  server CPU by process (ms): ${Object.entries(tpServerCpuD.procs)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}`,
        );
        rows.push({
          sockets: n,
          open,
          target: kind,
          label: target.label,
          connectSeconds: connectMs / 1000,
          latency: {
            samples: lat.length,
            lost,
            p50: pct(lat, 50),
            p99: pct(lat, 99),
            max: lat.length ? Math.max(...lat) : null,
            ackP50: pct(ack, 50),
            ackP99: pct(ack, 99),
            wallSeconds: latWall / 1000,
            serverCpuMsPerPost: latServerCpu / latencyPosts,
            clientCpuMsPerPost: latClientCpu / latencyPosts,
            serverCpuByProcessMs: latServerCpuD.procs,
            openAfter: latOpenAfter,
            profile: latProfile,
          },
          throughput: {
            mode: pace ? `paced at ${pace.toFixed(0)}/s` : `closed loop, ${inflight} in flight`,
            accepted,
            statuses,
            acceptSeconds: acceptWindow,
            perSecond: rate,
            perSecondSeries: Array.from(perSecond, (x) => x ?? 0),
            allDeliveredSeconds: allDelivered / 1000,
            drainAfterLastAcceptSeconds: (Math.max(...ok.map((d) => d.delivered), t) - lastAccepted) / 1000,
            undelivered,
            deliveryP50: pct(loadLat, 50),
            deliveryP99: pct(loadLat, 99),
            serverCpuMsPerPost: tpServerCpu / Math.max(1, accepted),
            serverCores: tpServerCpu / (allDelivered || 1),
            clientCores: tpClientCpu / (allDelivered || 1),
            serverCpuByProcessMs: tpServerCpuD.procs,
            openAfter: tpOpenAfter,
            profile: tpProfile,
          },
        });

        if (kind === "community" && burstReps > 0 && burstPosts > 0 && open > 0)
          for (let rep = 1; rep <= burstReps; rep++) await burstPhase(open, rep);

        log("  closing sockets");
        await ask({ cmd: "close" });
        await sleep(2000);
      }
    }

    for (const c of children) c.send({ cmd: "exit" });
    await cleanup();
    dev = null;

    // ---- persisted posts, counted in D1 (after wrangler dev has stopped)
    const q = spawnSync(
      "npx",
      [
        "wrangler",
        "d1",
        "execute",
        "DB",
        "--local",
        "--persist-to",
        tmp,
        "-c",
        config,
        "--json",
        "--command",
        `SELECT COUNT(*) AS n FROM posts WHERE community_id = '${communityId}'`,
      ],
      { env, cwd: root, encoding: "utf8", timeout: 120_000 },
    );
    let d1Count = null;
    try {
      d1Count = JSON.parse(q.stdout)[0].results[0].n;
    } catch {
      log(`could not read the D1 count: ${q.stderr}`);
    }
    log(`D1: ${d1Count} posts in the community; 201 responses: ${communityAccepted}`);

    const result = {
      date: new Date().toISOString(),
      command: `npx node bench/fanout/run.mjs ${process.argv.slice(2).join(" ")}`.trim(),
      settings: {
        latencyPosts,
        duration,
        inflight,
        posters,
        clients: nClients,
        clientLib,
        burst: { posts: burstPosts, chunk: burstChunk, concurrency: burstConcurrency, reps: burstReps },
      },
      frameBytes: Buffer.byteLength(template),
      d1Count,
      communityAccepted,
      rows,
      bursts,
    };
    if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, `${JSON.stringify(result, null, 2)}\n`);
    console.log(table(result));
  } catch (e) {
    log(`failed: ${e?.stack ?? e}`);
    try {
      log(`wrangler dev log tail:\n${readFileSync(join(tmp, "dev.log"), "utf8").slice(-3000)}`);
    } catch {}
    await cleanup();
    removeTmp();
    clearTimeout(deadline);
    process.exit(1);
  }
  removeTmp();
  clearTimeout(deadline);
  process.exit(0);
}

// ---------------------------------------------------------------- helpers

function table(r) {
  const lines = [
    "| sockets | target | p50 ms | p99 ms | p50 ratio | p99 ratio | accepted/s | all delivered (s) | p50/p99 under load ms |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of r.rows) {
    if (row.skipped) {
      lines.push(`| ${row.open}/${row.sockets} | ${row.label} | no sockets open, skipped | | | | | | |`);
      continue;
    }
    const bare = r.rows.find((x) => x.sockets === row.sockets && x.target === "bare");
    const ratio = (a, b) => (row.target === "bare" ? "1.00" : bare && !bare.skipped ? (a / b).toFixed(2) : "–");
    const tp = row.throughput;
    lines.push(
      `| ${row.open}/${row.sockets} | ${row.label} | ${fmt(row.latency.p50)} | ${fmt(row.latency.p99)} | ` +
        `${ratio(row.latency.p50, bare.latency.p50)} | ${ratio(row.latency.p99, bare.latency.p99)} | ` +
        `${row.target === "bare" ? "paced " : ""}${tp.perSecond.toFixed(0)} (${tp.accepted} in ${tp.acceptSeconds.toFixed(1)} s) | ` +
        `${tp.allDeliveredSeconds.toFixed(2)} | ${fmt(tp.deliveryP50)} / ${fmt(tp.deliveryP99)} |`,
    );
  }
  if (r.bursts.length) {
    lines.push(
      "",
      "Community DO accept rate (publish() RPCs from inside the Worker; no HTTP per post):",
      "",
      "| sockets | rep | accepted/s | accepted | rejected | D1 rows = accepted | all delivered (s) | undelivered | RPC p50 ms | server CPU ms/post |",
      "|---:|---:|---:|---:|---|---|---:|---:|---:|---:|",
    );
    for (const b of r.bursts)
      lines.push(
        `| ${b.sockets} | ${b.rep} | ${b.perSecond.toFixed(0)} | ${b.accepted} in ${b.seconds.toFixed(2)} s | ${JSON.stringify(b.rejected)} | ` +
          `${b.persistedOk ? "yes" : `no (+${b.d1Delta})`} | ${Number.isNaN(b.allDeliveredSeconds) ? "–" : b.allDeliveredSeconds.toFixed(2)} | ` +
          `${b.sockets ? b.undelivered : "–"} | ${fmt(b.rpcP50Median)} | ${b.serverCpuMsPerPost.toFixed(2)} |`,
      );
  }
  lines.push("", `D1 rows in the community: ${r.d1Count}; accepted (201s incl. warm-up + DO bursts): ${r.communityAccepted}.`);
  return lines.join("\n");
}

function median(xs) {
  return pct(xs, 50);
}

function pct(xs, p) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function fmt(x) {
  return x === null || Number.isNaN(x) ? "–" : x.toFixed(1);
}

function splitEven(n, k) {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitFor(url, timeoutMs, logText) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {}
    await sleep(300);
  }
  throw new Error(`${url} did not answer in ${timeoutMs / 1000} s\n${logText().slice(-3000)}`);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** CPU time (user + system, ms) of every process in the process group `pgid` (wrangler, workerd), total and per process. */
function groupCpu(pgid) {
  const procs = {};
  let total = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) !== pgid) continue;
      const ms = (Number(f[11]) + Number(f[12])) * 10; // USER_HZ = 100
      const argv = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      const entry = argv.find((a) => a.startsWith("--socket-addr=entry="));
      const label = `${argv[0].split("/").pop()}${entry ? `(${entry.slice(20)})` : ""}#${name}`;
      procs[label] = ms;
      total += ms;
    } catch {}
  }
  return { total, procs };
}

/** Difference of two groupCpu() readings: total ms and the busiest processes. */
function cpuDelta(a, b) {
  const procs = Object.entries(b.procs)
    .map(([k, v]) => [k, v - (a.procs[k] ?? 0)])
    .filter(([, v]) => v > 0)
    .sort((x, y) => y[1] - x[1]);
  return { total: b.total - a.total, procs: Object.fromEntries(procs) };
}
