/**
 * A fake remote file server for the media-proxy tests: one host serving an image, an
 * SVG, an HTML page, an oversized file, a slow one, redirects (to a public and to a
 * private address) and a 404. Used as the proxy's fetch, or put behind a global-fetch
 * stub for the route tests (workerd tests cannot listen on a port).
 */
import { vi } from "vitest";

/** A 1x1 PNG. */
export const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

export function fakeMediaServer(host: string) {
  const requests: { url: string; headers: Headers }[] = [];
  const handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input as RequestInfo, init);
    requests.push({ url: request.url, headers: request.headers });
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/a.png":
        return new Response(PNG, {
          headers: { "content-type": "image/png", "content-length": String(PNG.length), etag: '"png1"' },
        });
      case "/clip.mp4": {
        const range = request.headers.get("range");
        return range
          ? new Response(new Uint8Array(10), {
              status: 206,
              headers: { "content-type": "video/mp4", "content-range": "bytes 0-9/100", "accept-ranges": "bytes" },
            })
          : new Response(new Uint8Array(100), { headers: { "content-type": "video/mp4" } });
      }
      case "/evil.svg":
        return new Response('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', {
          headers: { "content-type": "image/svg+xml" },
        });
      case "/page.html":
        return new Response("<script>alert(1)</script>", { headers: { "content-type": "text/html" } });
      case "/big.png":
        return new Response(new Uint8Array(2048), { headers: { "content-type": "image/png", "content-length": "2048" } });
      case "/big-chunked.png":
        // No Content-Length: the cap has to be enforced while streaming.
        return new Response(
          new ReadableStream({
            start(c) {
              for (let i = 0; i < 4; i++) c.enqueue(new Uint8Array(1024));
              c.close();
            },
          }),
          { headers: { "content-type": "image/png" } },
        );
      case "/slow.png":
        await new Promise((r) => setTimeout(r, 500));
        return new Response(PNG, { headers: { "content-type": "image/png" } });
      case "/to-public":
        return new Response(null, { status: 302, headers: { location: "/a.png" } });
      case "/to-private":
        return new Response(null, { status: 302, headers: { location: "https://169.254.169.254/latest/meta-data" } });
      case "/to-loopback":
        return new Response(null, { status: 301, headers: { location: "http://127.0.0.1:8080/admin" } });
      case "/loop":
        return new Response(null, { status: 302, headers: { location: "/loop" } });
      default:
        return new Response("not found", { status: 404 });
    }
  };
  return { host, requests, fetch: handle as typeof fetch };
}

/** Puts the fake behind the global fetch for its host only (for tests through the Worker). */
export function serveMedia(server: ReturnType<typeof fakeMediaServer>) {
  const real = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = new URL(new Request(input as RequestInfo, init).url);
    return url.host === server.host ? server.fetch(input as RequestInfo, init) : real(input as RequestInfo, init);
  });
  return () => spy.mockRestore();
}
