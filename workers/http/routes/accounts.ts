import { Hono } from "hono";
import { isValidUsername } from "../../core/accounts/account";
import { relationshipWith } from "../../core/follows/follow-account";
import { isStaff } from "../../core/moderation/staff";
import { accountPosts, pageRequest } from "../../core/timelines/timelines";
import type { AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { PageQuery, parseQuery } from "../parse";
import { presentAccount } from "../present";
import { presentRemoteAccount, remoteTarget } from "../remote-accounts";
import { blueskyAccount, blueskyPosts } from "./atproto-accounts";
import { presentMerged, presentPage } from "./timelines";

/** `:handle` is a local username, optionally written `@name` (or `@user@host` / an actor URL for a remote one). */
function username(handle: string): string | null {
  const name = handle.replace(/^@/, "");
  return isValidUsername(name) ? name : null;
}

export const accountRoutes = new Hono<AppEnv>()
  .get("/:handle", async (c) => {
    if (c.req.query("protocol") === "atproto") return blueskyAccount(c);
    const remote = remoteTarget(c.req.param("handle"), new URL(c.get("config").origin).host);
    if (remote) {
      const profiles = c.get("remote");
      const profile = profiles ? await profiles.resolve(remote) : null;
      if (!profile) return errorResponse(c, "not_found", "Account not found.");
      const viewer = c.get("viewer");
      return c.json({
        account: presentRemoteAccount(
          c.get("config").origin,
          profile,
          viewer ? await profiles?.relationship(viewer.id, profile) : undefined,
          c.get("config").remoteMedia,
        ),
      });
    }
    const name = username(c.req.param("handle"));
    const deps = c.get("deps");
    const account = name ? await deps.accounts.findByUsername(name) : null;
    const viewer = c.get("viewer");
    // Moderation: a suspended account's profile is gone for everyone but staff.
    if (!account || ((await deps.moderation.standing(account.id)).suspendedAt && !isStaff(viewer)))
      return errorResponse(c, "not_found", "Account not found.");
    const relationship = viewer && viewer.id !== account.id ? await relationshipWith(deps, viewer.id, account.id) : undefined;
    return c.json({ account: presentAccount(c.get("config").origin, account, relationship) });
  })
  .get("/:handle/posts", async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    if (c.req.query("protocol") === "atproto") return blueskyPosts(c, pageRequest(q.value.limit, q.value.cursor));
    const name = username(c.req.param("handle"));
    if (!name) return errorResponse(c, "not_found", "Account not found.");
    const deps = c.get("deps");
    const request = pageRequest(q.value.limit, q.value.cursor);
    const [r, account] = await Promise.all([
      accountPosts(deps, c.get("viewer")?.id ?? null, name, request),
      deps.accounts.findByUsername(name),
    ]);
    if (!r.ok) return domainErrorResponse(c, r.error);
    // Boosts of remote posts (public or unlisted ones only) are listed on the booster's profile too.
    const boosts = account
      ? await deps.remoteInteractions.boostsBy({ account: account.id }, request)
      : { items: [], nextCursor: null };
    if (boosts.items.length === 0) return c.json(await presentPage(c, r.value));
    return c.json(await presentMerged(c, r.value, { items: [], nextCursor: null }, request.limit, boosts));
  });
