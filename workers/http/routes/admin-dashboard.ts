import { Hono } from "hono";
import * as v from "valibot";
import { requireStaff } from "../../core/moderation/staff";
import type { QueueMessage } from "../../queues/messages";
import type { AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { presentAuditLog } from "../moderation-view";
import { Id, PageQuery, parseQuery } from "../parse";
import { requireSignIn, signedIn } from "../session";

/** Queue messages are limited to 128 KB; a larger task can't be replayed from here. */
const REPLAY_MAX_BYTES = 100_000;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** /api/admin/dashboard, /peers, /dead-letters (staff; replay: admins), /audit-log (staff). */
export const adminDashboardRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/dashboard", async (c) => {
    const deps = c.get("deps");
    const staff = await requireStaff(deps, signedIn(c).id);
    if (!staff.ok) return domainErrorResponse(c, staff.error);
    const [figures, lastStaffActivity] = await Promise.all([
      deps.dashboard.figures(deps.clock.now()),
      deps.moderation.lastStaffActivity(),
    ]);
    return c.json({ ...figures, lastStaffActivity: iso(lastStaffActivity) });
  })
  .get("/peers", async (c) => {
    const deps = c.get("deps");
    const staff = await requireStaff(deps, signedIn(c).id);
    if (!staff.ok) return domainErrorResponse(c, staff.error);
    const now = deps.clock.now();
    const items = (await deps.dashboard.peers(200)).map((p) => ({
      host: p.host,
      state: p.unavailableUntil && p.unavailableUntil > now ? "open" : p.consecutiveFailures > 0 ? "failing" : "healthy",
      consecutiveFailures: p.consecutiveFailures,
      lastSuccessAt: iso(p.lastSuccessAt),
      lastFailureAt: iso(p.lastFailureAt),
      unavailableUntil: iso(p.unavailableUntil),
      lastError: p.lastError,
    }));
    return c.json({ items });
  })
  .get("/dead-letters", async (c) => {
    const deps = c.get("deps");
    const staff = await requireStaff(deps, signedIn(c).id);
    if (!staff.ok) return domainErrorResponse(c, staff.error);
    const items = (await deps.dashboard.deadLetters(100)).map(({ task: _task, ...d }) => ({
      ...d,
      createdAt: d.createdAt.toISOString(),
    }));
    return c.json({ items });
  })
  .post("/dead-letters/:id/replay", async (c) => {
    const deps = c.get("deps");
    const admin = await requireStaff(deps, signedIn(c).id, "admin");
    if (!admin.ok) return domainErrorResponse(c, admin.error);
    const id = v.safeParse(Id, c.req.param("id"));
    if (!id.success) return errorResponse(c, "not_found", "No such dead letter.");
    const letter = await deps.dashboard.takeDeadLetter(id.output);
    if (!letter) return errorResponse(c, "not_found", "No such dead letter.");
    const task = letter.task as NonNullable<Extract<QueueMessage, { kind: "fedify" }>["task"]>;
    const body = { v: 1, kind: "fedify", task } satisfies QueueMessage;
    if (new TextEncoder().encode(JSON.stringify(body)).byteLength > REPLAY_MAX_BYTES) {
      await deps.dashboard.putBack(letter);
      return errorResponse(c, "payload_too_large", "This delivery is too large to replay from here.");
    }
    // The task is secret-free; the consumer restores the signing keys, and the peer's circuit breaker still applies.
    await c.env.DELIVERY_QUEUE.send(body);
    await deps.moderation.log({
      id: deps.ids.next(),
      actorId: admin.value.id,
      action: "replay_delivery",
      targetType: "settings",
      targetId: letter.id,
      targetLabel: `${letter.activityType ?? "activity"} → ${letter.host}`,
      reason: "",
      reportId: null,
      createdAt: deps.clock.now(),
    });
    return c.json({ replayed: letter.id }, 202);
  })
  .get("/audit-log", async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.response;
    const deps = c.get("deps");
    const staff = await requireStaff(deps, signedIn(c).id);
    if (!staff.ok) return domainErrorResponse(c, staff.error);
    const limit = Math.min(Math.max(q.value.limit ?? 20, 1), 40);
    const page = await deps.moderation.auditLog({ limit, cursor: q.value.cursor });
    return c.json({ items: await presentAuditLog(deps, page.items), nextCursor: page.nextCursor });
  });
