import { Hono } from "hono";
import * as v from "valibot";
import { REPORT_CATEGORIES } from "../../core/moderation/ports";
import { COMMENT_MAX, fileReport } from "../../core/moderation/reports";
import type { AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { Id, parseJson } from "../parse";
import { requireSignIn, signedIn } from "../session";

export const ReportBody = v.strictObject({
  postId: v.optional(Id),
  accountId: v.optional(Id),
  category: v.picklist(REPORT_CATEGORIES),
  comment: v.optional(v.pipe(v.string(), v.maxLength(COMMENT_MAX * 2)), ""),
  forward: v.optional(v.boolean()),
});

/** POST /api/reports: a signed-in user reports a post or an account. */
export const reportRoutes = new Hono<AppEnv>().post("/", requireSignIn, async (c) => {
  const body = await parseJson(c, ReportBody);
  if (!body.ok) return body.response;
  const r = await fileReport(c.get("deps"), signedIn(c).id, body.value);
  if (!r.ok) return domainErrorResponse(c, r.error);
  return c.json({ report: { id: r.value.id, status: r.value.status, forwarded: r.value.forwarded } }, 201);
});
