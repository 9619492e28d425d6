import { exports } from "cloudflare:workers";

export const ORIGIN = "http://127.0.0.1:8787";

/** A tiny API client with a cookie jar, talking to the real Worker entrypoint. */
export class Client {
  cookie: string | null = null;

  /** `fetcher` answers the requests (default: the Worker entrypoint); tests of an app with fake ports pass their own. */
  constructor(private readonly fetcher: (request: Request) => Promise<Response> = (r) => exports.default.fetch(r)) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (typeof body === "string") payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h["content-type"] ??= "application/json";
    }
    const res = await this.fetcher(new Request(`${ORIGIN}${path}`, { method, headers: h, body: payload }));
    const set = res.headers.get("set-cookie");
    if (set) {
      const m = /^session=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `session=${m[1]}` : null;
    }
    return res;
  }

  get(path: string) {
    return this.request("GET", path);
  }
  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request("POST", path, body, headers);
  }
  patch(path: string, body?: unknown) {
    return this.request("PATCH", path, body);
  }
  delete(path: string) {
    return this.request("DELETE", path);
  }

  async json<T = any>(method: string, path: string, body?: unknown, expectStatus = 200): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    if (res.status !== expectStatus) throw new Error(`${method} ${path}: expected ${expectStatus}, got ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

export async function signUp(
  username: string,
  password = "correct horse battery",
  fetcher?: (request: Request) => Promise<Response>,
): Promise<Client> {
  const c = new Client(fetcher);
  await c.json("POST", "/api/auth/signup", { username, password }, 201);
  return c;
}

export async function postAs(c: Client, text: string, extra: Record<string, unknown> = {}) {
  const r = await c.json<{ post: { id: string; seq: number | null; [key: string]: any } }>(
    "POST",
    "/api/posts",
    { text, ...extra },
    201,
  );
  return r.post;
}
