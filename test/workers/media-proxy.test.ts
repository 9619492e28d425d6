import { afterEach, describe, expect, it } from "vitest";
import { proxiedUrl, proxyRemoteMedia } from "../../workers/media/remote-proxy";
import { Client, ORIGIN } from "./client";
import { fakeMediaServer, PNG, serveMedia } from "./fake-media";

const HOST = "files.example";
const PUBLIC_IP = "93.184.216.34";

/** The proxy as deployed: https only, names resolved (here: every name to a public address) and checked. */
function production(server = fakeMediaServer(HOST), limits = {}) {
  const resolved: string[] = [];
  const options = {
    guard: {
      allowPrivate: false,
      resolve: async (host: string) => {
        resolved.push(host);
        return host === "internal-rebind.example" ? ["10.0.0.7"] : [PUBLIC_IP];
      },
    },
    fetch: server.fetch,
    userAgent: "Commons/test",
    limits,
  };
  return { server, resolved, proxy: (url: string, range?: string) => proxyRemoteMedia(url, { ...options, range }) };
}

describe("remote media proxy (production guard)", () => {
  it("streams an allow-listed image with safe headers and checks the host first", async () => {
    const { proxy, resolved, server } = production();
    const r = await proxy(`https://${HOST}/a.png`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.response.status).toBe(200);
    expect(new Uint8Array(await r.response.arrayBuffer())).toEqual(PNG);
    const h = r.response.headers;
    expect(h.get("content-type")).toBe("image/png");
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("content-security-policy")).toContain("sandbox");
    expect(h.get("cache-control")).toBe("private, max-age=86400");
    expect(h.get("etag")).toBe('"png1"');
    expect(resolved).toEqual([HOST]);
    expect(server.requests[0]?.headers.get("user-agent")).toBe("Commons/test");
  });

  it("passes Range through for seeking in video", async () => {
    const r = await production().proxy(`https://${HOST}/clip.mp4`, "bytes=0-9");
    if (!r.ok) throw new Error(r.error.message);
    expect(r.response.status).toBe(206);
    expect(r.response.headers.get("content-range")).toBe("bytes 0-9/100");
  });

  it("refuses SVG and HTML", async () => {
    const { proxy } = production();
    for (const path of ["/evil.svg", "/page.html"]) {
      const r = await proxy(`https://${HOST}${path}`);
      expect(r.ok ? null : r.error.code, path).toBe("unsupported_media_type");
    }
  });

  it("refuses a file over the cap, by Content-Length or while streaming", async () => {
    const { proxy } = production(undefined, { maxBytes: 1024 });
    const declared = await proxy(`https://${HOST}/big.png`);
    expect(declared.ok ? null : declared.error.code).toBe("payload_too_large");
    const streamed = await proxy(`https://${HOST}/big-chunked.png`);
    if (!streamed.ok) throw new Error("the headers pass; the body is cut");
    await expect(streamed.response.arrayBuffer()).rejects.toThrow();
  });

  it("gives up on a server that is too slow", async () => {
    const r = await production(undefined, { headersTimeoutMs: 100 }).proxy(`https://${HOST}/slow.png`);
    expect(r.ok ? null : r.error.code).toBe("bad_gateway");
  });

  it("follows redirects by hand, refusing one to a private address and endless ones", async () => {
    const { proxy, server } = production();
    const good = await proxy(`https://${HOST}/to-public`);
    expect(good.ok).toBe(true);
    const meta = await proxy(`https://${HOST}/to-private`);
    expect(meta.ok ? null : meta.error).toMatchObject({ code: "forbidden", refusal: "private_address" });
    const loop = await proxy(`https://${HOST}/to-loopback`);
    expect(loop.ok ? null : loop.error.code).toBe("validation_failed"); // plain http is refused before the address
    const endless = await proxy(`https://${HOST}/loop`);
    expect(endless.ok ? null : endless.error.code).toBe("bad_gateway");
    // Nothing was ever requested from a private address.
    expect(server.requests.every((r) => new URL(r.url).host === HOST)).toBe(true);
  });

  it("refuses private literals, internal names and names resolving to private addresses without fetching", async () => {
    const { proxy, server } = production();
    for (const url of [
      "https://127.0.0.1/a.png",
      "https://2130706433/a.png",
      "https://[::ffff:127.0.0.1]/a.png",
      "https://[fe80::1]/a.png",
      "https://100.64.1.1/a.png",
      "https://localhost/a.png",
      "https://internal-rebind.example/a.png",
    ]) {
      const r = await proxy(url);
      expect(r.ok ? null : r.error.code, url).toBe("forbidden");
    }
    expect(server.requests).toHaveLength(0);
    const http = await proxy(`http://${HOST}/a.png`);
    expect(http.ok ? null : http.error.code).toBe("validation_failed");
  });

  it("answers 404 for a missing remote file", async () => {
    const r = await production().proxy(`https://${HOST}/nope.png`);
    expect(r.ok ? null : r.error.code).toBe("not_found");
  });
});

describe("GET /proxy/media", () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it("streams through the Worker and answers JSON errors", async () => {
    restore = serveMedia(fakeMediaServer(HOST));
    const anon = new Client();
    const res = await anon.get(`/proxy/media?url=${encodeURIComponent(`https://${HOST}/a.png`)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);

    const svg = await anon.get(`/proxy/media?url=${encodeURIComponent(`https://${HOST}/evil.svg`)}`);
    expect(svg.status).toBe(415);
    expect(((await svg.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    expect(svg.headers.get("cache-control")).toBe("no-store");

    for (const query of ["", "?url=", `?url=${encodeURIComponent("javascript:alert(1)")}`]) {
      const bad = await anon.get(`/proxy/media${query}`);
      expect(bad.status, query).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    }
    expect(proxiedUrl(ORIGIN, "https://a.example/x y.png")).toBe(`${ORIGIN}/proxy/media?url=https%3A%2F%2Fa.example%2Fx%20y.png`);
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await new Client().json("GET", "/api/openapi.json")) as { paths: Record<string, { get?: unknown }> };
    expect(doc.paths["/proxy/media"]?.get).toBeTruthy();
  });
});
