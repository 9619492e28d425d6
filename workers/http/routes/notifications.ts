import { Hono } from "hono";
import * as v from "valibot";
import { UNREAD_CAP } from "../../core/notifications/ports";
import type { AppEnv } from "../context";
import { presentNotifications } from "../notification-view";
import { Id, PageQuery, parseJson, parseQuery } from "../parse";
import { requireSignIn, signedIn } from "../session";
import { filteredNotifications } from "../viewer-filter";

const ReadBody = v.object({ upTo: v.optional(Id) });

/** The signed-in account's notifications, unread count and read marker. */
export const notificationRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/", async (c) => {
    const query = parseQuery(c, PageQuery);
    if (!query.ok) return query.response;
    const me = signedIn(c).id;
    const deps = c.get("deps");
    const limit = Math.min(Math.max(query.value.limit ?? 20, 1), 40);
    const [page, readUpTo] = await Promise.all([
      deps.notifications.page(me, { limit, cursor: query.value.cursor }),
      deps.notifications.readMarker(me),
    ]);
    const items = await presentNotifications(
      deps,
      c.get("config").origin,
      me,
      readUpTo,
      await filteredNotifications(c, page.items),
    );
    return c.json({ items, nextCursor: page.nextCursor });
  })
  .get("/unread", async (c) => {
    const count = await c.get("deps").notifications.unreadCount(signedIn(c).id, UNREAD_CAP);
    return c.json({ count });
  })
  .post("/read", async (c) => {
    // An empty body means "everything so far".
    const hasBody = (c.req.header("content-length") ?? "0") !== "0" || c.req.header("content-type") !== undefined;
    let upTo: string | null = null;
    if (hasBody) {
      const body = await parseJson(c, ReadBody);
      if (!body.ok) return body.response;
      upTo = body.value.upTo ?? null;
    }
    const me = signedIn(c).id;
    await c.get("deps").notifications.markRead(me, upTo);
    // Other open tabs and devices update their badge.
    await c.env.USER_STREAM.getByName(me).unreadChanged();
    return c.body(null, 204);
  });
