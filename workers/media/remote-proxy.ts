/**
 * The remote media proxy: streams a remote image, video or audio file to the browser
 * without storing it anywhere (DESIGN.md, "Remote content and cost": remote media never
 * reaches R2). Every hop is checked by the SSRF guard (address-guard.ts) and redirects
 * are followed by hand so a public URL cannot bounce us to a private one. The answer is
 * limited by a content-type allow-list (no SVG, no HTML: either could run script on our
 * origin), a size cap enforced while streaming, and timeouts for the headers and the body.
 */
import { checkUrl, type GuardOptions, type GuardRefusal } from "./address-guard";

export const PROXY_LIMITS = {
  /** Largest body passed through (images, short videos and audio of remote posts). */
  maxBytes: 40 * 1024 * 1024,
  /** Time until the remote server's headers arrive. */
  headersTimeoutMs: 10_000,
  /** Time for the whole transfer, after which the stream is cut. */
  bodyTimeoutMs: 60_000,
  /** Redirect hops followed (each re-checked by the guard). */
  maxRedirects: 3,
} as const;

/** What the proxy passes on. SVG and anything HTML-like are deliberately absent. */
const ALLOWED = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/apng",
  "image/heic",
  "video/mp4",
  "video/webm",
  "video/quicktime",
  "video/ogg",
  "audio/mpeg",
  "audio/mp4",
  "audio/aac",
  "audio/ogg",
  "audio/opus",
  "audio/webm",
  "audio/wav",
  "audio/x-wav",
  "audio/wave",
  "audio/flac",
]);

export function allowedContentType(header: string | null): string | null {
  const type = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return ALLOWED.has(type) ? type : null;
}

export type ProxyError =
  | { code: "validation_failed"; message: string }
  | { code: "forbidden"; message: string; refusal: GuardRefusal }
  | { code: "unsupported_media_type"; message: string }
  | { code: "payload_too_large"; message: string }
  | { code: "not_found"; message: string }
  | { code: "bad_gateway"; message: string };

export interface ProxyOptions {
  readonly guard: GuardOptions;
  readonly fetch: typeof fetch;
  readonly userAgent: string;
  /** The browser's Range header, passed on for seeking in video and audio. */
  readonly range?: string | null;
  readonly limits?: Partial<typeof PROXY_LIMITS>;
}

/** Headers of a passed-through answer: the file can never act as a page of our origin. */
function safeHeaders(contentType: string, upstream: Headers, length: number | null): Headers {
  const h = new Headers({
    "Content-Type": contentType,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Content-Disposition": "inline",
    // Browsers may keep it a day; shared caches (ours included) should not keep it at all.
    "Cache-Control": "private, max-age=86400",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
  });
  for (const name of ["ETag", "Last-Modified", "Accept-Ranges", "Content-Range"]) {
    const value = upstream.get(name);
    if (value) h.set(name, value);
  }
  if (length !== null) h.set("Content-Length", String(length));
  return h;
}

/** A stream that passes at most `max` bytes and errors (cutting the response) past it or past the deadline. */
function capped(body: ReadableStream<Uint8Array>, max: number, deadlineMs: number): ReadableStream<Uint8Array> {
  let seen = 0;
  const reader = body.getReader();
  const deadline = Date.now() + deadlineMs;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const left = deadline - Date.now();
      if (left <= 0) {
        await reader.cancel().catch(() => {});
        controller.error(new Error("remote media: transfer took too long"));
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), left);
      });
      const next = await Promise.race([reader.read(), timeout]);
      clearTimeout(timer);
      if (next === "timeout") {
        await reader.cancel().catch(() => {});
        controller.error(new Error("remote media: transfer took too long"));
        return;
      }
      if (next.done) {
        controller.close();
        return;
      }
      seen += next.value.byteLength;
      if (seen > max) {
        await reader.cancel().catch(() => {});
        controller.error(new Error("remote media: larger than the cap"));
        return;
      }
      controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Fetches `target` for a browser and returns the response to stream to it, or an error
 * value (the HTTP layer maps it to a JSON 4xx/503 once).
 */
export async function proxyRemoteMedia(
  target: string,
  options: ProxyOptions,
): Promise<{ ok: true; response: Response } | { ok: false; error: ProxyError }> {
  const limits = { ...PROXY_LIMITS, ...options.limits };
  let url = target;
  for (let hop = 0; ; hop++) {
    const checked = await checkUrl(url, options.guard);
    if (!checked.ok) {
      if (checked.reason === "bad_url" || checked.reason === "scheme")
        return { ok: false, error: { code: "validation_failed", message: "Not a URL the media proxy fetches." } };
      return {
        ok: false,
        error: { code: "forbidden", message: "The media proxy does not fetch that address.", refusal: checked.reason },
      };
    }
    const headers: Record<string, string> = {
      "User-Agent": options.userAgent,
      Accept: "image/*, video/*, audio/*;q=0.9",
    };
    if (options.range && /^bytes=\d*-\d*$/.test(options.range)) headers.Range = options.range;
    let res: Response;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // The signal stops the request; the race makes the deadline hold even if a fetch ignores it.
      res = await Promise.race([
        options.fetch(checked.url.href, { headers, redirect: "manual", signal: abort.signal }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            abort.abort();
            reject(new Error("timeout"));
          }, limits.headersTimeoutMs);
        }),
      ]);
    } catch {
      return { ok: false, error: { code: "bad_gateway", message: "The remote server did not answer in time." } };
    } finally {
      clearTimeout(timer);
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const location = res.headers.get("Location");
      if (!location || hop >= limits.maxRedirects)
        return { ok: false, error: { code: "bad_gateway", message: "The remote server redirected too often." } };
      url = new URL(location, checked.url).href;
      continue;
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      return { ok: false, error: { code: "not_found", message: "The remote server has no such file." } };
    }
    if (!(res.status === 200 || res.status === 206) || !res.body) {
      await res.body?.cancel();
      return { ok: false, error: { code: "bad_gateway", message: `The remote server answered ${res.status}.` } };
    }
    const contentType = allowedContentType(res.headers.get("Content-Type"));
    if (!contentType) {
      await res.body.cancel();
      return { ok: false, error: { code: "unsupported_media_type", message: "Only images, video and audio are proxied." } };
    }
    const declared = res.headers.get("Content-Length");
    const length = declared && /^\d+$/.test(declared) ? Number(declared) : null;
    if (length !== null && length > limits.maxBytes) {
      await res.body.cancel();
      return { ok: false, error: { code: "payload_too_large", message: "The remote file is larger than the proxy passes." } };
    }
    const body = capped(res.body, limits.maxBytes, limits.bodyTimeoutMs);
    return {
      ok: true,
      response: new Response(body, { status: res.status, headers: safeHeaders(contentType, res.headers, length) }),
    };
  }
}

/** The proxied form of a remote media URL on our origin (what the API presents). */
export function proxiedUrl(origin: string, remote: string): string {
  return `${origin}/proxy/media?url=${encodeURIComponent(remote)}`;
}
