import { Hono } from "hono";
import * as v from "valibot";
import { applyAccountAction, REASON_MAX } from "../../core/moderation/account-actions";
import { ACCOUNT_ACTIONS } from "../../core/moderation/ports";
import { decideSignup, listSignupRequests } from "../../core/moderation/signup-control";
import { requireStaff, setRole } from "../../core/moderation/staff";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { presentModeratedAccount, presentSignupRequest, presentStanding } from "../moderation-view";
import { Id, PageQuery, parseJson, parseQuery } from "../parse";
import { presentAccount } from "../present";
import { requireSignIn, signedIn } from "../session";

const AccountQuery = v.object({
  ...PageQuery.entries,
  q: v.optional(v.pipe(v.string(), v.maxLength(100))),
  role: v.optional(v.picklist(["admin", "moderator", "user"])),
  status: v.optional(v.picklist(["pending", "silenced", "suspended"])),
});
const Reason = v.optional(v.pipe(v.string(), v.maxLength(REASON_MAX)), "");
export const ActionBody = v.strictObject({ type: v.picklist(ACCOUNT_ACTIONS), reason: Reason });
export const RoleBody = v.strictObject({ role: v.picklist(["moderator", "user"]), reason: Reason });
const DecisionBody = v.strictObject({ reason: Reason });

const notFound = { code: "not_found", message: "Account not found." } as const;

/** /api/admin/accounts: search, roles and account actions (staff; roles: admins). */
export const adminAccountRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/", async (c) => {
    const q = parseQuery(c, AccountQuery);
    if (!q.ok) return q.response;
    const deps = c.get("deps");
    const staff = await requireStaff(deps, signedIn(c).id);
    if (!staff.ok) return domainErrorResponse(c, staff.error);
    const limit = Math.min(Math.max(q.value.limit ?? 20, 1), 40);
    const page = await deps.moderation.searchAccounts(
      { query: q.value.q?.trim() || undefined, role: q.value.role, status: q.value.status },
      { limit, cursor: q.value.cursor },
    );
    const origin = c.get("config").origin;
    return c.json({ items: page.items.map((m) => presentModeratedAccount(origin, m)), nextCursor: page.nextCursor });
  })
  .post("/:id/actions", async (c) => {
    const id = v.safeParse(Id, c.req.param("id"));
    const body = await parseJson(c, ActionBody);
    if (!body.ok) return body.response;
    if (!id.success) return domainErrorResponse(c, notFound);
    const r = await applyAccountAction(c.get("deps"), signedIn(c).id, id.output, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ id: id.output, ...presentStanding(r.value) });
  })
  .put("/:id/role", async (c) => {
    const id = v.safeParse(Id, c.req.param("id"));
    const body = await parseJson(c, RoleBody);
    if (!body.ok) return body.response;
    if (!id.success) return domainErrorResponse(c, notFound);
    const r = await setRole(c.get("deps"), signedIn(c).id, id.output, body.value.role, body.value.reason);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ account: presentAccount(c.get("config").origin, r.value) });
  });

/** /api/admin/signup-requests: accounts waiting for approval (staff). */
export const adminSignupRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/", async (c) => {
    const r = await listSignupRequests(c.get("deps"), signedIn(c).id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    const origin = c.get("config").origin;
    return c.json({ items: r.value.map((x) => presentSignupRequest(origin, x)) });
  })
  .post("/:id/approve", (c) => decide(c, "approve"))
  .post("/:id/reject", (c) => decide(c, "reject"));

async function decide(c: AppContext, verb: "approve" | "reject") {
  const id = v.safeParse(Id, c.req.param("id"));
  const body = await parseJson(c, DecisionBody);
  if (!body.ok) return body.response;
  if (!id.success) return domainErrorResponse(c, notFound);
  const r = await decideSignup(c.get("deps"), signedIn(c).id, id.output, verb, body.value.reason);
  if (!r.ok) return domainErrorResponse(c, r.error);
  return c.body(null, 204);
}
