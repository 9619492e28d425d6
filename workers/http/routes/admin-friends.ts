import { Hono, type Next } from "hono";
import * as v from "valibot";
import { canManageSettings } from "../../core/settings/settings";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import type { FriendLinks } from "../friend-links";
import { parseJson } from "../parse";
import { requireSignIn, signedIn } from "../session";

const Url = v.pipe(v.string(), v.trim(), v.minLength(1, "Give a URL."), v.maxLength(2048));
const UrlBody = v.strictObject({ url: Url });
const FlagsPatch = v.strictObject({
  available: v.optional(v.boolean()),
  sendAll: v.optional(v.boolean()),
  receiveAll: v.optional(v.boolean()),
  deliverLocalPublic: v.optional(v.boolean()),
});
const RelayDelete = v.union([v.strictObject({ id: v.string() }), v.strictObject({ url: Url })]);

/** Signed in (401), an admin (403), and federation mounted (503). */
async function adminOnly(c: AppContext, next: Next) {
  if (!(await canManageSettings(c.get("deps"), signedIn(c).id)))
    return errorResponse(c, "forbidden", "Only admins manage friend servers and relays.");
  if (!c.get("friendLinks")) return errorResponse(c, "unavailable", "Federation is not enabled on this server.");
  await next();
}

/** The port (adminOnly made sure it is there). */
const links = (c: AppContext) => c.get("friendLinks") as FriendLinks;

const notFound = (c: AppContext) => errorResponse(c, "not_found", "No such friend server.");

/** /api/admin/friends: friend-server links (admins only). */
export const adminFriendRoutes = new Hono<AppEnv>()
  .use(requireSignIn, adminOnly)
  .get("/", async (c) => c.json({ items: await links(c).list() }))
  .get("/map", async (c) => c.json(await links(c).map()))
  .post("/", async (c) => {
    const body = await parseJson(c, UrlBody);
    if (!body.ok) return body.response;
    const r = await links(c).request(body.value.url);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ friend: r.value }, 201);
  })
  .post("/:id/accept", async (c) => {
    const r = await links(c).answer(c.req.param("id"), true);
    return r.ok ? c.json({ friend: r.value }) : domainErrorResponse(c, r.error);
  })
  .post("/:id/reject", async (c) => {
    const r = await links(c).answer(c.req.param("id"), false);
    return r.ok ? c.json({ friend: r.value }) : domainErrorResponse(c, r.error);
  })
  .patch("/:id", async (c) => {
    const body = await parseJson(c, FlagsPatch);
    if (!body.ok) return body.response;
    const friend = await links(c).update(c.req.param("id"), body.value);
    return friend ? c.json({ friend }) : notFound(c);
  })
  .delete("/:id", async (c) => {
    if (!(await links(c).remove(c.req.param("id")))) return notFound(c);
    return c.body(null, 204);
  });

/** /api/admin/relays: relay subscriptions (admins only). */
export const adminRelayRoutes = new Hono<AppEnv>()
  .use(requireSignIn, adminOnly)
  .get("/", async (c) => c.json({ items: await links(c).relays() }))
  .post("/", async (c) => {
    const body = await parseJson(c, UrlBody);
    if (!body.ok) return body.response;
    const r = await links(c).subscribe(body.value.url);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ relay: r.value }, 201);
  })
  .delete("/", async (c) => {
    const body = await parseJson(c, RelayDelete);
    if (!body.ok) return body.response;
    const target = body.value;
    const id = "id" in target ? target.id : (await links(c).relays()).find((r) => r.inboxUrl === target.url)?.id;
    if (!id || !(await links(c).unsubscribe(id))) return errorResponse(c, "not_found", "No such relay.");
    return c.body(null, 204);
  })
  .delete("/:id", async (c) => {
    if (!(await links(c).unsubscribe(c.req.param("id")))) return errorResponse(c, "not_found", "No such relay.");
    return c.body(null, 204);
  });
