import { Hono } from "hono";
import * as v from "valibot";
import { followAccount, unfollowAccount } from "../../core/follows/follow-account";
import { presentBlueskyAccount } from "../atproto-accounts";
import type { AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { parseJson } from "../parse";
import { remoteTarget } from "../remote-accounts";
import { requireSignIn, signedIn } from "../session";

const Follow = v.object({
  target: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  /** "atproto": a Bluesky handle, DID or at:// URI (read over the AT Protocol). Otherwise local or ActivityPub. */
  protocol: v.optional(v.picklist(["activitypub", "atproto"])),
});

/** Local usernames (`alice`, `@alice`); `@user@host` and actor URLs name remote accounts. */
const localName = (target: string) => target.trim().replace(/^@/, "");

export const followRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .post("/", async (c) => {
    const body = await parseJson(c, Follow);
    if (!body.ok) return body.response;
    if (body.value.protocol === "atproto") {
      const r = await c.get("atproto")?.follow(signedIn(c).id, body.value.target);
      if (!r) return errorResponse(c, "not_found", "Account not found.");
      if (!r.ok) return domainErrorResponse(c, r.error);
      return c.json({ relationship: r.value.relationship, account: presentBlueskyAccount(r.value.profile) });
    }
    const remote = remoteTarget(body.value.target, new URL(c.get("config").origin).host);
    if (remote) {
      const r = await c.get("remote")?.follow(signedIn(c), remote);
      if (!r) return errorResponse(c, "not_found", "Account not found.");
      return c.json({ relationship: r });
    }
    const r = await followAccount(c.get("deps"), signedIn(c).id, localName(body.value.target));
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ relationship: r.value });
  })
  .delete("/:target", async (c) => {
    if (c.req.query("protocol") === "atproto") {
      const r = await c.get("atproto")?.unfollow(signedIn(c).id, c.req.param("target"));
      if (!r) return errorResponse(c, "not_found", "Account not found.");
      if (!r.ok) return domainErrorResponse(c, r.error);
      return c.json({ relationship: r.value });
    }
    const remote = remoteTarget(c.req.param("target"), new URL(c.get("config").origin).host);
    if (remote) {
      const r = await c.get("remote")?.unfollow(signedIn(c), remote);
      if (!r) return errorResponse(c, "not_found", "Account not found.");
      return c.json({ relationship: r });
    }
    const r = await unfollowAccount(c.get("deps"), signedIn(c).id, localName(c.req.param("target")));
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ relationship: r.value });
  });
