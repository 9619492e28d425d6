/**
 * Bench-only Worker entry (bench/fanout/wrangler.toml): the real Worker plus a bare
 * Durable Object that only loops `send()` over its hibernating WebSockets, the
 * physical baseline the community fan-out is compared with. Never deployed.
 *
 *   GET  /bench/bare/live   WebSocket upgrade into the BareFanout object
 *   POST /bench/bare/send   body = the message; the object sends it to every socket
 *   GET  /bench/bare/stats  {"connections": n}
 *
 *   POST /bench/community/burst  {communityId, authorIds[], n, concurrency, text?, first?}
 *        Calls the community Durable Object's `publish` RPC n times from inside the Worker
 *        (no HTTP, no session lookup per post), `concurrency` calls in flight, authors
 *        round-robin. `{i}` in `text` becomes first+i (7 digits) so each post carries a
 *        marker the socket clients can recognise. Returns {accepted, rejected: {code: n},
 *        rejectedMarkers, ms, firstAcceptMs, lastAcceptMs, rpcP50, rpcP99}: the community DO's
 *        accept rate.
 *   GET  /bench/community/count?id=  {"posts": n}  rows in D1 for that community
 *
 * Everything else goes to the real Worker (workers/index.ts).
 */
import { DurableObject } from "cloudflare:workers";
import real from "../../workers/index";

export { CommunityTimeline } from "../../workers/index";

type BenchEnv = Env & { BARE: DurableObjectNamespace<BareFanout> };

/**
 * Every RPC to a Durable Object is a subrequest: 1,000 per invocation on Workers Paid
 * (Standard), so one burst request stays at or below that; the driver sends several.
 */
const BURST_MAX_POSTS = 1000;
/** Calls in flight at once (the DO serialises the commits; more only queues inside it). */
const BURST_MAX_CONCURRENCY = 256;

interface BurstBody {
  communityId: string;
  authorIds: string[];
  n: number;
  concurrency: number;
  text?: string;
  first?: number;
  origin?: string;
}

function percentile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? null;
}

/** n publish RPCs into one community DO, `concurrency` at a time; what the DO accepted and how fast. */
async function burst(env: BenchEnv, body: BurstBody, fallbackOrigin: string): Promise<Response> {
  const { communityId, authorIds } = body;
  const n = Math.trunc(body.n);
  const concurrency = Math.trunc(body.concurrency);
  if (
    typeof communityId !== "string" ||
    !Array.isArray(authorIds) ||
    authorIds.length === 0 ||
    !(n >= 1 && n <= BURST_MAX_POSTS) ||
    !(concurrency >= 1 && concurrency <= BURST_MAX_CONCURRENCY)
  )
    return Response.json(
      { error: `need communityId, authorIds[], 1 <= n <= ${BURST_MAX_POSTS}, 1 <= concurrency <= ${BURST_MAX_CONCURRENCY}` },
      { status: 400 },
    );
  const template = body.text ?? "bench {i}";
  const first = body.first ?? 0;
  const origin = body.origin ?? fallbackOrigin;
  const stub = env.COMMUNITY.getByName(communityId);
  const rejected: Record<string, number> = {};
  const rejectedMarkers: number[] = [];
  const rpc: number[] = [];
  let accepted = 0;
  let firstAccept = Number.POSITIVE_INFINITY;
  let lastAccept = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const authorId = authorIds[(first + i) % authorIds.length] as string;
      const text = template.replaceAll("{i}", String(first + i).padStart(7, "0"));
      const start = performance.now();
      try {
        const r = await stub.publish({ communityId, authorId, origin, input: { text } });
        const at = performance.now();
        if (r.ok) {
          accepted += 1;
          rpc.push(at - start);
          firstAccept = Math.min(firstAccept, at - t0);
          lastAccept = Math.max(lastAccept, at - t0);
        } else {
          rejected[r.error.code] = (rejected[r.error.code] ?? 0) + 1;
          rejectedMarkers.push(first + i);
        }
      } catch {
        rejected.exception = (rejected.exception ?? 0) + 1;
        rejectedMarkers.push(first + i);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return Response.json({
    accepted,
    rejected,
    rejectedMarkers,
    ms: performance.now() - t0,
    firstAcceptMs: accepted ? firstAccept : null,
    lastAcceptMs: accepted ? lastAccept : null,
    rpcP50: percentile(rpc, 50),
    rpcP99: percentile(rpc, 99),
  });
}

/** One room, no persistence, no batching, no JSON work: accept sockets and loop `send()`. */
export class BareFanout extends DurableObject<BenchEnv> {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  /** Sends `payload` to every connected socket; returns how many sends were made. */
  async broadcast(payload: string): Promise<number> {
    let sent = 0;
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(payload);
        sent += 1;
      } catch {
        // closed mid-broadcast
      }
    }
    return sent;
  }

  async connections(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(): Promise<void> {}

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
    } catch {
      // already closed
    }
  }
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/bench/bare/")) {
      const stub = env.BARE.getByName("bare");
      if (url.pathname === "/bench/bare/live") return stub.fetch(request);
      if (url.pathname === "/bench/bare/send" && request.method === "POST") {
        const sent = await stub.broadcast(await request.text());
        return Response.json({ sent });
      }
      if (url.pathname === "/bench/bare/stats") return Response.json({ connections: await stub.connections() });
      return new Response("not found", { status: 404 });
    }
    if (url.pathname === "/bench/community/burst" && request.method === "POST")
      return burst(env, (await request.json()) as BurstBody, url.origin);
    if (url.pathname === "/bench/community/count") {
      const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM posts WHERE community_id = ?")
        .bind(url.searchParams.get("id") ?? "")
        .first<{ n: number }>();
      return Response.json({ posts: row?.n ?? 0 });
    }
    return real.fetch(request, env, ctx);
  },
  queue: real.queue,
  scheduled: real.scheduled,
} satisfies ExportedHandler<BenchEnv, unknown>;
