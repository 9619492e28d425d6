import { Hono } from "hono";
import * as v from "valibot";
import { ACCOUNT_ACTIONS } from "../../core/moderation/ports";
import { closeReport, findReport, listReports } from "../../core/moderation/reports";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { presentReports } from "../moderation-view";
import { Id, PageQuery, parseJson, parseQuery } from "../parse";
import { requireSignIn, signedIn } from "../session";

const ReportQuery = v.object({
  ...PageQuery.entries,
  status: v.optional(v.picklist(["open", "resolved", "dismissed"])),
});

const CloseBody = v.strictObject({
  note: v.optional(v.pipe(v.string(), v.maxLength(1000)), ""),
  /** Resolve only: act on the reported account or post first. */
  action: v.optional(v.picklist([...ACCOUNT_ACTIONS, "delete_post"])),
  reason: v.optional(v.pipe(v.string(), v.maxLength(1000))),
});

/** /api/admin/reports: the moderators' queue (staff: every report; community moderators: their communities'). */
export const adminReportRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/", async (c) => {
    const q = parseQuery(c, ReportQuery);
    if (!q.ok) return q.response;
    const limit = Math.min(Math.max(q.value.limit ?? 20, 1), 40);
    const r = await listReports(c.get("deps"), signedIn(c).id, { status: q.value.status }, { limit, cursor: q.value.cursor });
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ items: await presentReports(c.get("deps"), r.value.items), nextCursor: r.value.nextCursor });
  })
  .get("/:id", async (c) => {
    const id = v.safeParse(Id, c.req.param("id"));
    if (!id.success) return domainErrorResponse(c, { code: "not_found", message: "Report not found." });
    const r = await findReport(c.get("deps"), signedIn(c).id, id.output);
    if (!r.ok) return domainErrorResponse(c, r.error);
    const [report] = await presentReports(c.get("deps"), [r.value]);
    return c.json({ report });
  })
  .post("/:id/resolve", (c) => close(c, "resolved"))
  .post("/:id/dismiss", (c) => close(c, "dismissed"));

async function close(c: AppContext, status: "resolved" | "dismissed") {
  const id = v.safeParse(Id, c.req.param("id"));
  const body = await parseJson(c, CloseBody);
  if (!body.ok) return body.response;
  if (!id.success) return domainErrorResponse(c, { code: "not_found", message: "Report not found." });
  const r = await closeReport(c.get("deps"), signedIn(c).id, id.output, { status, ...body.value });
  if (!r.ok) return domainErrorResponse(c, r.error);
  const [report] = await presentReports(c.get("deps"), [r.value]);
  return c.json({ report });
}
