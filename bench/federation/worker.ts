/**
 * Bench-only Worker entry (bench/federation/wrangler.toml): the real Worker, unchanged,
 * plus two things the federation benchmark needs from inside workerd. Never deployed.
 *
 *   POST /bench/crypto?n=N   With an RSA-2048 RSASSA-PKCS1-v1_5 SHA-256 key pair (generated once
 *        per isolate, outside every timing), signs a 300-byte string N times and verifies it N times with
 *        crypto.subtle, the same WebCrypto calls Fedify makes. Returns {n, signMs, verifyMs}
 *        as workerd's clock sees them (it may only advance on I/O, so the driver also times
 *        the call from outside and subtracts an n=0 call).
 *   POST /bench/crypto-phase?op=sign|verify&n=N  only one of the two loops (timed from outside).
 *   GET  /bench/queue        what the queue consumer received since the last reset:
 *        {batches, messages, byKind: {"fedify:outbox": n, "fedify:fanout": n, ...},
 *        retried (messages with attempts > 1), outboxInboxes: {inbox: n}}.
 *   POST /bench/queue/reset  zeroes those counters.
 *
 * The counters wrap the real `queue()` handler: every message the consumer gets is
 * counted by its body (`{kind: "fedify", task: {type}}`) before the real handler runs.
 * Module state is per isolate; `wrangler dev` runs one isolate, so this counts every message.
 */
import worker from "../../workers/index";

export { CommunityTimeline, UserStream } from "../../workers/index";

interface QueueStats {
  batches: number;
  messages: number;
  retried: number;
  byKind: Record<string, number>;
  outboxInboxes: Record<string, number>;
}

const fresh = (): QueueStats => ({ batches: 0, messages: 0, retried: 0, byKind: {}, outboxInboxes: {} });
let stats = fresh();

function count(body: unknown, attempts: number) {
  stats.messages += 1;
  if (attempts > 1) stats.retried += 1;
  const b = (body ?? {}) as { kind?: string; task?: { type?: string; inbox?: string }; spilled?: string };
  const kind = b.kind === "fedify" ? `fedify:${b.task?.type ?? (b.spilled ? "spilled" : "unknown")}` : String(b.kind);
  stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
  if (b.task?.type === "outbox" && b.task.inbox) {
    stats.outboxInboxes[b.task.inbox] = (stats.outboxInboxes[b.task.inbox] ?? 0) + 1;
  }
}

const MESSAGE = "x".repeat(300);

let keyPair: Promise<CryptoKeyPair> | undefined;

/** One key pair per isolate, generated on first use (key generation time varies a lot, so it is kept out of every timing). */
function rsaKeys(): Promise<CryptoKeyPair> {
  keyPair ??= crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    false,
    ["sign", "verify"],
  ) as Promise<CryptoKeyPair>;
  return keyPair;
}

async function cryptoLoops(n: number, op: "both" | "sign" | "verify") {
  const keys = await rsaKeys();
  const data = new TextEncoder().encode(MESSAGE);
  const alg = { name: "RSASSA-PKCS1-v1_5" };
  const signature = await crypto.subtle.sign(alg, keys.privateKey, data);
  let signMs = 0;
  let verifyMs = 0;
  let ok = 0;
  if (op !== "verify") {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await crypto.subtle.sign(alg, keys.privateKey, data);
    signMs = performance.now() - t0;
  }
  if (op !== "sign") {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) if (await crypto.subtle.verify(alg, keys.publicKey, signature, data)) ok += 1;
    verifyMs = performance.now() - t0;
  }
  return { n, op, signMs, verifyMs, verified: ok };
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/bench/")) {
      const n = Math.min(Math.max(Number(url.searchParams.get("n") ?? 0) || 0, 0), 100_000);
      if (url.pathname === "/bench/crypto" && request.method === "POST") return Response.json(await cryptoLoops(n, "both"));
      if (url.pathname === "/bench/crypto-phase" && request.method === "POST") {
        const op = url.searchParams.get("op") === "verify" ? "verify" : "sign";
        return Response.json(await cryptoLoops(n, op));
      }
      if (url.pathname === "/bench/queue" && request.method === "GET") return Response.json(stats);
      if (url.pathname === "/bench/queue/reset" && request.method === "POST") {
        stats = fresh();
        return Response.json(stats);
      }
      return new Response("not found", { status: 404 });
    }
    return worker.fetch(request, env, ctx);
  },
  async queue(batch, env) {
    stats.batches += 1;
    for (const message of batch.messages) count(message.body, message.attempts);
    await worker.queue(batch, env);
  },
  scheduled: worker.scheduled,
} satisfies ExportedHandler<Env, unknown>;
