import { Hono } from "hono";
import { isValidUsername } from "../../core/accounts/account";
import { accountPosts, pageRequest } from "../../core/timelines/timelines";
import type { AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { PageQuery, parseQuery } from "../parse";
import { presentAccount } from "../present";
import { presentRemoteAccount, remoteTarget } from "../remote-accounts";
import { blueskyAccount, blueskyPosts } from "./atproto-accounts";
import { presentPage } from "./timelines";

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
        account: presentRemoteAccount(profile, viewer ? await profiles?.relationship(viewer.id, profile) : undefined),
      });
    }
    const name = username(c.req.param("handle"));
    const deps = c.get("deps");
    const account = name ? await deps.accounts.findByUsername(name) : null;
    if (!account) return errorResponse(c, "not_found", "Account not found.");
    const viewer = c.get("viewer");
    const relationship = viewer && viewer.id !== account.id ? await deps.follows.relationship(viewer.id, account.id) : undefined;
    return c.json({ account: presentAccount(c.get("config").origin, account, relationship) });
  })
  .get("/:handle/posts", async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    if (c.req.query("protocol") === "atproto") return blueskyPosts(c, pageRequest(q.value.limit, q.value.cursor));
    const name = username(c.req.param("handle"));
    if (!name) return errorResponse(c, "not_found", "Account not found.");
    const r = await accountPosts(c.get("deps"), c.get("viewer")?.id ?? null, name, pageRequest(q.value.limit, q.value.cursor));
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json(await presentPage(c, r.value));
  });
