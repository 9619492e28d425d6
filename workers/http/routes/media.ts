import { Hono } from "hono";
import type { AppEnv } from "../context";
import { errorResponse } from "../errors";

const KEY =
  /^((accounts|communities)\/[0-9a-f-]{36}\/[a-z]+\/[0-9a-f-]{36}\.(png|jpg|gif|webp|avif|mp4|webm)|emojis\/[0-9a-f-]{36}\.(png|jpg|gif|webp|avif))$/;

/**
 * Serves local media from R2. Keys are content-addressed by a fresh id, so responses
 * are immutable; `nosniff` and a locked-down CSP stop any file being run as a page.
 */
export const mediaRoutes = new Hono<AppEnv>().get("/*", async (c) => {
  const key = c.req.path.replace(/^\/media\//, "");
  if (!KEY.test(key)) return errorResponse(c, "not_found", "No such media.");
  const object = await c.env.MEDIA.get(key);
  if (!object) return errorResponse(c, "not_found", "No such media.");
  return new Response(object.body, {
    headers: {
      "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream",
      "Content-Length": String(object.size),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      ETag: object.httpEtag,
    },
  });
});
