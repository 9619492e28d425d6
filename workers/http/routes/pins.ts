import { Hono } from "hono";
import { isValidUsername } from "../../core/accounts/account";
import { pinnedPosts } from "../../core/posts/pins";
import type { AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { presentPosts } from "../post-view";

/** GET /api/accounts/:handle/pinned: an account's pinned posts that the viewer may see. */
export const pinRoutes = new Hono<AppEnv>().get("/:handle/pinned", async (c) => {
  const name = c.req.param("handle").replace(/^@/, "");
  if (!isValidUsername(name)) return errorResponse(c, "not_found", "Account not found.");
  const viewer = c.get("viewer")?.id ?? null;
  const r = await pinnedPosts(c.get("deps"), viewer, name);
  if (!r.ok) return domainErrorResponse(c, r.error);
  return c.json({ items: await presentPosts(c.get("deps"), c.get("config").origin, viewer, r.value) });
});
