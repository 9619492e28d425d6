import { Hono } from "hono";
import * as v from "valibot";
import type { Notification } from "../../core/notifications/ports";
import type { AppEnv } from "../context";
import { presentNotifications } from "../notification-view";
import { PageQuery, parseJson, parseQuery } from "../parse";
import { requireSignIn, signedIn } from "../session";
import { sortNotifications } from "../viewer-filter";

const PolicyBody = v.strictObject({
  notFollowing: v.boolean(),
  notFollowers: v.boolean(),
  newAccounts: v.boolean(),
  privateMentions: v.boolean(),
});

/** How many stored pages one request of the Filtered tab looks through at most. */
const SCAN_PAGES = 5;

/** /api/notifications/filtered: what my notification filter held back, newest first. */
export const filteredNotificationRoutes = new Hono<AppEnv>().get("/", requireSignIn, async (c) => {
  const query = parseQuery(c, PageQuery);
  if (!query.ok) return query.response;
  const me = signedIn(c).id;
  const deps = c.get("deps");
  const limit = Math.min(Math.max(query.value.limit ?? 20, 1), 40);
  const found: Notification[] = [];
  let cursor: string | null | undefined = query.value.cursor;
  for (let i = 0; i < SCAN_PAGES && found.length < limit; i++) {
    const page = await deps.notifications.page(me, { limit: 40, cursor: cursor ?? undefined });
    found.push(...(await sortNotifications(c, page.items)).filtered);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const items = found.slice(0, limit);
  // Where to go on from: the last item shown, or (nothing more held back in the scanned pages) where the scan stopped.
  const nextCursor = found.length > limit ? (items.at(-1)?.id ?? null) : (cursor ?? null);
  const readUpTo = await deps.notifications.readMarker(me);
  return c.json({ items: await presentNotifications(deps, c.get("config").origin, me, readUpTo, items), nextCursor });
});

/** /api/notifications/policy: my notification filter. */
export const notificationPolicyRoutes = new Hono<AppEnv>()
  .get("/", requireSignIn, async (c) => {
    return c.json({ policy: await c.get("deps").relations.notificationPolicy(signedIn(c).id) });
  })
  .put("/", requireSignIn, async (c) => {
    const body = await parseJson(c, PolicyBody);
    if (!body.ok) return body.response;
    const deps = c.get("deps");
    await deps.relations.setNotificationPolicy(signedIn(c).id, body.value, deps.clock.now());
    return c.json({ policy: body.value });
  });
