import { Hono } from "hono";
import * as v from "valibot";
import { outboundGuard } from "../../media/outbound-guard";
import { proxyRemoteMedia } from "../../media/remote-proxy";
import type { AppEnv } from "../context";
import { errorResponse } from "../errors";
import { parseQuery } from "../parse";

const ProxyQuery = v.object({ url: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)) });

/**
 * GET /proxy/media?url=<remote URL>: remote attachments, avatars and custom emoji
 * streamed through our origin, never stored (workers/media/remote-proxy.ts has the rules).
 * Open to anyone, like the pages that show remote posts; what it passes is limited by
 * type, size, time and the SSRF guard rather than by who asks.
 */
export const proxyRoutes = new Hono<AppEnv>().get("/media", async (c) => {
  c.header("Cache-Control", "no-store");
  const q = parseQuery(c, ProxyQuery);
  if (!q.ok) return q.response;
  const config = c.get("config");
  if (config.remoteMedia === "off") return errorResponse(c, "not_found", "Remote media is turned off on this server.");
  const r = await proxyRemoteMedia(q.value.url, {
    guard: outboundGuard(config),
    fetch: (input, init) => fetch(input, init),
    userAgent: `Commons/${config.version} (+${config.origin}/)`,
    range: c.req.header("range") ?? null,
  });
  if (!r.ok) return errorResponse(c, r.error.code, r.error.message);
  return r.response;
});
