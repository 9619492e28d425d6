import { Hono } from "hono";
import * as v from "valibot";
import { acceptFollowRequest, listFollowRequests, rejectFollowRequest } from "../../core/follows/follow-requests";
import type { FollowRequest } from "../../core/follows/ports";
import { pageRequest } from "../../core/timelines/timelines";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { Id, PageQuery, parseQuery } from "../parse";
import { presentAccount } from "../present";
import { presentRemoteActor } from "../remote-accounts";
import { requireSignIn, signedIn } from "../session";

/** Requests with who sent them (local accounts and cached remote actors, loaded once per page). */
async function present(c: AppContext, items: readonly FollowRequest[]) {
  const deps = c.get("deps");
  const origin = c.get("config").origin;
  const localIds = items.flatMap((r) => (r.requester.kind === "local" ? [r.requester.accountId] : []));
  const remoteIds = items.flatMap((r) => (r.requester.kind === "remote" ? [r.requester.remoteId] : []));
  const [locals, remotes] = await Promise.all([
    Promise.all(localIds.map((id) => deps.accounts.findById(id))),
    deps.remoteActors.findManyByIds(remoteIds),
  ]);
  const local = new Map(locals.flatMap((a) => (a ? [[a.id, a] as const] : [])));
  const remote = new Map(remotes.map((a) => [a.id, a]));
  return items.flatMap((r) => {
    const q = r.requester;
    const found = q.kind === "local" ? local.get(q.accountId) : remote.get(q.remoteId);
    if (!found) return [];
    const account = "iri" in found ? presentRemoteActor(origin, found) : presentAccount(origin, found);
    return [{ id: r.id, createdAt: r.createdAt.toISOString(), account }];
  });
}

function requestId(c: AppContext): string | null {
  const r = v.safeParse(Id, c.req.param("id"));
  return r.success ? r.output : null;
}

/** The signed-in account's pending follow requests (for a locked account), and the answers to them. */
export const followRequestRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/", async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const page = await listFollowRequests(c.get("deps"), signedIn(c).id, pageRequest(q.value.limit, q.value.cursor));
    return c.json({ items: await present(c, page.items), nextCursor: page.nextCursor });
  })
  .post("/:id/accept", async (c) => {
    const id = requestId(c);
    if (!id) return errorResponse(c, "not_found", "Follow request not found.");
    const r = await acceptFollowRequest(c.get("deps"), signedIn(c).id, id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.body(null, 204);
  })
  .post("/:id/reject", async (c) => {
    const id = requestId(c);
    if (!id) return errorResponse(c, "not_found", "Follow request not found.");
    const r = await rejectFollowRequest(c.get("deps"), signedIn(c).id, id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.body(null, 204);
  });
