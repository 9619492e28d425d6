// Counting for the hostile suite: every hostile request goes through `Tally.check`, which
// sorts it into right status (refused as it should be, or accepted where that is expected),
// wrong status, or 5xx (a network error, i.e.
// a crashed or hung server, counts as 5xx). "Stored" is measured separately, through the
// product's own API (dashboard figures, lookups), and added with `Tally.stored`.

export class Tally {
  constructor(name) {
    this.name = name;
    this.tried = 0;
    this.right = 0;
    this.serverErrors = 0;
    this.wrongs = 0;
    this.storedItems = 0;
    this.problems = [];
  }

  /**
   * Records one hostile request. `expected` is a list of statuses or a predicate over the
   * response; `label` says what was sent (kept for the first few failures).
   */
  check(label, res, expected) {
    this.tried++;
    const status = res?.status ?? 0;
    if (status === 0 || status >= 500) {
      this.serverErrors++;
      this.note(`5xx: ${label} -> ${status || res?.error} ${String(res?.text ?? "").slice(0, 200)}`);
      return false;
    }
    const good = typeof expected === "function" ? expected(res) : expected.includes(status);
    if (good) {
      this.right++;
      return true;
    }
    this.wrongs++;
    this.note(`wrong status: ${label} -> ${status} ${String(res?.text ?? "").slice(0, 200)}`);
    return false;
  }

  /** `n` hostile items were found stored (0 is the only good answer). */
  stored(n, what) {
    if (n > 0) {
      this.storedItems += n;
      this.note(`stored: ${what} (${n})`);
    }
  }

  note(line) {
    if (this.problems.length < 25) this.problems.push(line);
  }

  get ok() {
    return this.serverErrors === 0 && this.wrongs === 0 && this.storedItems === 0;
  }

  row() {
    return {
      category: this.name,
      tried: this.tried,
      right: this.right,
      wrong: this.wrongs,
      "5xx": this.serverErrors,
      stored: this.storedItems,
    };
  }

  /** Throws (failing the scenario) when anything went wrong; the message lists the first problems. */
  assertClean() {
    if (this.tried === 0) throw new Error(`${this.name}: no request was tried`);
    if (!this.ok)
      throw Object.assign(
        new Error(
          `${this.name}: ${this.wrongs} wrong status, ${this.serverErrors} 5xx, ${this.storedItems} stored\n${this.problems.join("\n")}`,
        ),
        { precondition: true },
      );
  }
}

/** Runs `fn` over `items` with at most `n` in flight; results in order. */
export async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** One HTTP request that never throws: network failures come back as status 0 with `error`. */
export async function send(url, { method = "GET", headers = {}, body, timeoutMs = 20_000 } = {}) {
  try {
    const res = await fetch(url, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, headers: res.headers, text, json };
  } catch (e) {
    return { status: 0, headers: new Headers(), text: "", json: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** A signed-in browser (session cookie + same-origin Origin header), or a signed-out one. */
export class Client {
  constructor(origin, name = "anonymous") {
    this.origin = origin;
    this.name = name;
    this.cookie = null;
  }
  async req(method, path, body, headers = {}) {
    const h = { origin: this.origin, accept: "application/json", ...headers };
    if (this.cookie) h.cookie = this.cookie;
    let payload = body;
    if (body !== undefined && typeof body !== "string" && !(body instanceof FormData) && !(body instanceof Uint8Array)) {
      payload = JSON.stringify(body);
      h["content-type"] ??= "application/json";
    }
    const res = await send(`${this.origin}${path}`, { method, headers: h, body: payload });
    const session = res.headers.getSetCookie?.().find((c) => c.startsWith("session="));
    if (session) this.cookie = session.split(";")[0];
    return res;
  }
  async ok(method, path, body) {
    const res = await this.req(method, path, body);
    if (res.status < 200 || res.status >= 300)
      throw Object.assign(new Error(`${this.name}: ${method} ${path} -> ${res.status} ${res.text.slice(0, 300)}`), {
        precondition: true,
      });
    return res.json;
  }
}

export const PASSWORD = "correct horse battery staple";

export async function signUp(origin, username) {
  const c = new Client(origin, username);
  const r = await c.req("POST", "/api/auth/signup", { username, password: PASSWORD });
  if (r.status !== 201) throw Object.assign(new Error(`signup ${username}: ${r.status} ${r.text}`), { precondition: true });
  c.id = r.json.account.id;
  return c;
}

/** The moderators' dashboard figures (users, posts, remote actors, cached remote posts, open reports). */
export async function figures(admin) {
  const d = await admin.ok("GET", "/api/admin/dashboard");
  return {
    users: d.users,
    posts: d.posts,
    remoteActors: d.remoteActors,
    remotePosts: d.remotePosts,
    openReports: d.openReports,
    pendingSignups: d.pendingSignups,
  };
}

/** Differences between two `figures` snapshots beyond `allowed` (figure -> allowed increase). */
export function grew(before, after, allowed = {}) {
  const out = [];
  for (const k of Object.keys(before)) {
    const delta = after[k] - before[k];
    if (delta !== (allowed[k] ?? 0)) out.push(`${k} ${before[k]} -> ${after[k]} (expected +${allowed[k] ?? 0})`);
  }
  return out;
}

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}
