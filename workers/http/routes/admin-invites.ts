import { Hono } from "hono";
import * as v from "valibot";
import {
  createSignupInvite,
  INVITE_MAX_DAYS,
  INVITE_MAX_USES,
  listSignupInvites,
  revokeSignupInvite,
} from "../../core/moderation/signup-control";
import type { AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { presentInvite } from "../moderation-view";
import { parseJson } from "../parse";
import { requireSignIn, signedIn } from "../session";

export const InviteBody = v.strictObject({
  maxUses: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(INVITE_MAX_USES)))),
  expiresInDays: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(INVITE_MAX_DAYS)))),
});

/** /api/admin/invites: server invite links for invite-only signup (admins and moderators). */
export const adminInviteRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/", async (c) => {
    const r = await listSignupInvites(c.get("deps"), signedIn(c).id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    const now = c.get("deps").clock.now();
    return c.json({ items: r.value.map((i) => presentInvite(c.get("config").origin, i, now)) });
  })
  .post("/", async (c) => {
    const body = await parseJson(c, InviteBody);
    if (!body.ok) return body.response;
    const r = await createSignupInvite(c.get("deps"), signedIn(c).id, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ invite: presentInvite(c.get("config").origin, r.value, c.get("deps").clock.now()) }, 201);
  })
  .delete("/:code", async (c) => {
    const code = c.req.param("code");
    if (code.length > 64) return domainErrorResponse(c, { code: "not_found", message: "No such invite." });
    const r = await revokeSignupInvite(c.get("deps"), signedIn(c).id, code);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.body(null, 204);
  });
