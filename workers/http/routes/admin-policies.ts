import { Hono } from "hono";
import * as v from "valibot";
import {
  blockDomain,
  DOMAIN_SEVERITIES,
  type DomainBlock,
  listDomainBlocks,
  unblockDomain,
} from "../../core/moderation/domain-blocks";
import type { AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { parseJson } from "../parse";
import { requireSignIn, signedIn } from "../session";

const DomainBlockBody = v.strictObject({
  domain: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  severity: v.picklist(DOMAIN_SEVERITIES),
  rejectMedia: v.optional(v.boolean()),
  rejectReports: v.optional(v.boolean()),
  rejectFriends: v.optional(v.boolean()),
  comment: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(1000)))),
});

const present = (b: DomainBlock) => ({ ...b, createdAt: b.createdAt.toISOString(), updatedAt: b.updatedAt.toISOString() });

/** /api/admin/domain-blocks: policies on remote servers (moderators and admins). */
export const adminDomainBlockRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/", async (c) => {
    const r = await listDomainBlocks(c.get("deps"), signedIn(c).id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ items: r.value.map(present) });
  })
  .post("/", async (c) => {
    const body = await parseJson(c, DomainBlockBody);
    if (!body.ok) return body.response;
    const ourHost = new URL(c.get("config").origin).hostname;
    const r = await blockDomain(c.get("deps"), signedIn(c).id, body.value, ourHost);
    if (!r.ok) return domainErrorResponse(c, r.error);
    // Suspending or rejecting friends ends any friend link with it (both sides are told).
    if (r.value.severity === "suspend" || r.value.rejectFriends) await c.get("friendLinks")?.removeDomain(r.value.domain);
    return c.json({ domainBlock: present(r.value) }, 201);
  })
  .delete("/:domain", async (c) => {
    const r = await unblockDomain(c.get("deps"), signedIn(c).id, c.req.param("domain"));
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.body(null, 204);
  });

/** /api/admin/policy-stats: how often each ingest rule hit (moderators and admins). */
export const adminPolicyStatsRoutes = new Hono<AppEnv>().get("/", requireSignIn, async (c) => {
  const deps = c.get("deps");
  const role = (await deps.accounts.findById(signedIn(c).id))?.role;
  if (role !== "admin" && role !== "moderator") return errorResponse(c, "forbidden", "Only moderators see policy statistics.");
  const hits = await deps.policyStats.all();
  return c.json({ items: hits.map((h) => ({ ...h, lastHitAt: h.lastHitAt?.toISOString() ?? null })) });
});
