/**
 * Profiling entry for the fan-out bench (`BENCH_PROFILE=1 npx node bench/fanout/run.mjs`),
 * used instead of worker.ts: the same Worker, but D1 is wrapped to count and time every
 * query, in the Worker (session lookup, ...) and in the community Durable Object
 * (everything `publish` awaits). `GET /bench/profile?community=<id>` returns both and
 * resets them. Timings are wall-clock around awaited I/O, which is what workerd's clock
 * measures. The default bench (worker.ts) runs the real CommunityTimeline unwrapped.
 */
import { CommunityTimeline as RealTimeline } from "../../workers/index";
import bench from "./worker";

export { BareFanout } from "./worker";

interface Stat {
  n: number;
  ms: number;
}

class D1Profile {
  calls = 0;
  ms = 0;
  bySql = new Map<string, Stat>();
  record(sql: string, ms: number): void {
    this.calls += 1;
    this.ms += ms;
    const key = sql.replace(/\s+/g, " ").slice(0, 120);
    const s = this.bySql.get(key) ?? { n: 0, ms: 0 };
    s.n += 1;
    s.ms += ms;
    this.bySql.set(key, s);
  }
  take() {
    const out = {
      calls: this.calls,
      ms: this.ms,
      top: [...this.bySql.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 12)
        .map(([sql, s]) => ({ sql, n: s.n, ms: s.ms })),
    };
    this.calls = 0;
    this.ms = 0;
    this.bySql.clear();
    return out;
  }
}

const TIMED = new Set(["first", "all", "run", "raw"]);

function wrapD1(db: D1Database, prof: D1Profile): D1Database {
  const unwrap = new WeakMap<object, D1PreparedStatement>();
  const wrapStatement = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = new Proxy(stmt, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== "function") return value;
        if (prop === "bind") return (...args: unknown[]) => wrapStatement(value.apply(target, args), sql);
        if (typeof prop === "string" && TIMED.has(prop)) {
          return async (...args: unknown[]) => {
            const t0 = performance.now();
            try {
              return await value.apply(target, args);
            } finally {
              prof.record(sql, performance.now() - t0);
            }
          };
        }
        return value.bind(target);
      },
    });
    unwrap.set(wrapped, stmt);
    return wrapped;
  };
  const sqlOf = new WeakMap<object, string>();
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "prepare") {
        return (sql: string) => {
          const w = wrapStatement(target.prepare(sql), sql);
          sqlOf.set(w, sql);
          return w;
        };
      }
      if (prop === "batch") {
        return async (stmts: D1PreparedStatement[]) => {
          const t0 = performance.now();
          try {
            return await target.batch(stmts.map((s) => unwrap.get(s) ?? s));
          } finally {
            prof.record(`batch(${stmts.length})`, performance.now() - t0);
          }
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The real CommunityTimeline, constructed with a timed D1 binding. */
export class CommunityTimeline extends RealTimeline {
  private readonly prof: D1Profile;
  private publishes = 0;
  private publishMs = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    const prof = new D1Profile();
    super(ctx, { ...env, DB: wrapD1(env.DB, prof) });
    this.prof = prof;
  }

  override async publish(req: Parameters<RealTimeline["publish"]>[0]) {
    const t0 = performance.now();
    try {
      return await super.publish(req);
    } finally {
      this.publishes += 1;
      this.publishMs += performance.now() - t0;
    }
  }

  async benchProfile() {
    const out = { publishes: this.publishes, publishMsInclQueue: this.publishMs, d1: this.prof.take() };
    this.publishes = 0;
    this.publishMs = 0;
    return out;
  }
}

const workerProf = new D1Profile();

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/bench/profile") {
      const id = url.searchParams.get("community") ?? "";
      const stub = env.COMMUNITY.getByName(id) as unknown as DurableObjectStub<CommunityTimeline>;
      return Response.json({ worker: workerProf.take(), durableObject: await stub.benchProfile() });
    }
    if (url.pathname.startsWith("/bench/")) return bench.fetch(request, env, ctx);
    return bench.fetch(request, { ...env, DB: wrapD1(env.DB, workerProf) }, ctx);
  },
  queue: bench.queue,
  scheduled: bench.scheduled,
} satisfies ExportedHandler<Env & { BARE: DurableObjectNamespace<import("./worker").BareFanout> }, unknown>;
