import { Hono } from "hono";
import type { AppEnv } from "../context";
import { errorResponse } from "../errors";
import { isCrossOrigin, requireSignIn, signedIn } from "../session";

/**
 * GET /api/streaming: the signed-in account's live stream (notifications, unread count),
 * a WebSocket served by that account's UserStream Durable Object. A WebSocket upgrade is
 * a GET that browsers send cross-site with cookies, so the csrf middleware does not see
 * it: the Origin is checked here (cross-site WebSocket hijacking).
 */
export const streamingRoutes = new Hono<AppEnv>().use(requireSignIn).get("/", async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket")
    return errorResponse(c, "validation_failed", "Connect with a WebSocket.");
  if (isCrossOrigin(c)) return errorResponse(c, "csrf_rejected", "Cross-origin WebSocket refused.");
  const me = signedIn(c).id;
  const headers = new Headers(c.req.raw.headers);
  headers.set("x-account-id", me);
  headers.set("x-origin", c.get("config").origin);
  return c.env.USER_STREAM.getByName(me).fetch(new Request(c.req.url, { headers }));
});
