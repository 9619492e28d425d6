/**
 * Bluesky accounts in the account routes (`?protocol=atproto`): the profile and its
 * cached posts. `!no-unauthenticated` accounts answer 401 to signed-out viewers; a gone
 * or unreachable repository still answers with its cached profile and a `status`.
 */
import { Hono } from "hono";
import type { PageRequest } from "../../core/shared/ports";
import { presentBlueskyAccount } from "../atproto-accounts";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { presentRemotePost } from "../post-view";
import { signedIn } from "../session";

async function profileFor(c: AppContext) {
  const accounts = c.get("atproto");
  if (!accounts) return { response: errorResponse(c, "not_found", "Account not found.") } as const;
  const r = await accounts.resolve(c.req.param("handle") ?? "");
  if (!r.ok) return { response: domainErrorResponse(c, r.error) } as const;
  if (r.value.noUnauthenticated && !c.get("viewer"))
    return { response: errorResponse(c, "unauthenticated", "This account is only shown to signed-in users.") } as const;
  return { accounts, profile: r.value } as const;
}

/** GET /api/accounts/:handle?protocol=atproto */
export async function blueskyAccount(c: AppContext) {
  const r = await profileFor(c);
  if ("response" in r) return r.response;
  const viewer = c.get("viewer");
  return c.json({
    account: presentBlueskyAccount(r.profile, viewer ? await r.accounts.relationship(viewer.id, r.profile) : undefined),
  });
}

/** GET /api/accounts/:handle/posts?protocol=atproto */
export async function blueskyPosts(c: AppContext, page: PageRequest) {
  const r = await profileFor(c);
  if ("response" in r) return r.response;
  const posts = await r.accounts.posts(r.profile, page.limit, page.cursor ?? null);
  const { origin, remoteMedia } = c.get("config");
  return c.json({ items: posts.items.map((p) => presentRemotePost(origin, p, remoteMedia)), nextCursor: posts.nextCursor });
}

/** /api/atproto: operator tools. */
export const atprotoRoutes = new Hono<AppEnv>().post("/poll", async (c) => {
  if (!c.get("viewer")) return errorResponse(c, "unauthenticated", "Sign in first.");
  if (signedIn(c).role !== "admin") return errorResponse(c, "forbidden", "Only admins can poll Bluesky now.");
  const accounts = c.get("atproto");
  if (!accounts) return errorResponse(c, "not_found", "The AT Protocol adapter is not mounted.");
  return c.json(await accounts.pollNow());
});
