import type { CoreDeps } from "../deps";
import { canView } from "../posts/visibility";
import type { Page, PageRequest } from "../shared/ports";
import { fail, ok, type Result } from "../shared/result";
import { applyAccountAction } from "./account-actions";
import type { AccountActionType, Report, ReportCategory, ReportStatus } from "./ports";
import { isStaff } from "./staff";

export const COMMENT_MAX = 1000;
/** Reports one account may file: at most `max` in any rolling `windowMs` (a flood of reports is spam too). */
export const REPORT_RATE = { max: 30, windowMs: 60 * 60 * 1000 } as const;

type Deps = Pick<
  CoreDeps,
  "accounts" | "posts" | "follows" | "communities" | "moderation" | "reports" | "remoteDirectory" | "events" | "clock" | "ids"
>;

export interface ReportInput {
  readonly postId?: string;
  readonly accountId?: string;
  readonly category: ReportCategory;
  readonly comment: string;
  /** Send a copy to the reported account's server (remote targets only). */
  readonly forward?: boolean;
}

/**
 * A user reports a post (local or a cached remote one) or an account (local or remote).
 * A post report names its author as the target. Reports of remote content may be
 * forwarded: `report.filed` with `forward` makes the ActivityPub adapter send a Flag
 * from the instance actor. The reporter never learns more than "reported".
 */
export async function fileReport(deps: Deps, reporterId: string, input: ReportInput): Promise<Result<Report>> {
  const comment = input.comment.trim();
  if (comment.length > COMMENT_MAX) return fail("validation_failed", `The comment is at most ${COMMENT_MAX} characters.`);
  if (!input.postId && !input.accountId) return fail("validation_failed", "Name a post or an account to report.");
  const now = deps.clock.now();
  const recent = await deps.reports.countByReporterSince(reporterId, new Date(now.getTime() - REPORT_RATE.windowMs));
  if (recent >= REPORT_RATE.max)
    return fail("rate_limited", "You have sent many reports recently. Try again later.", { retryAfter: 600 });

  let targetAccountId: string | null = null;
  let targetRemote = false;
  let postId: string | null = null;
  let communityId: string | null = null;
  let snapshot: string | null = null;
  if (input.postId) {
    const post = await deps.posts.findById(input.postId);
    if (post && !post.deletedAt && (await canView(deps, reporterId, post))) {
      targetAccountId = post.author.id;
      postId = post.id;
      snapshot = post.cw ? `${post.cw}\n\n${post.text}` : post.text;
      if (post.communityId) communityId = (await deps.communities.findById(post.communityId))?.rootId ?? null;
    } else {
      const remotePost = await deps.remoteDirectory.findPost(input.postId);
      if (!remotePost) return fail("not_found", "Post not found.");
      targetAccountId = remotePost.actorId;
      targetRemote = true;
      postId = remotePost.id;
      snapshot = remotePost.text;
    }
    if (input.accountId && input.accountId !== targetAccountId)
      return fail("validation_failed", "The post is not by that account.");
  } else if (input.accountId) {
    const local = await deps.accounts.findById(input.accountId);
    const remote = local ? null : await deps.remoteDirectory.findActor(input.accountId);
    if (!local && !remote) return fail("not_found", "Account not found.");
    targetAccountId = input.accountId;
    targetRemote = remote !== null;
  }
  if (!targetAccountId) return fail("not_found", "Nothing to report.");
  if (targetAccountId === reporterId) return fail("validation_failed", "You can't report yourself.");

  const report: Report = {
    id: deps.ids.next(),
    reporterId,
    originHost: null,
    targetAccountId,
    targetRemote,
    postId,
    communityId,
    postSnapshot: snapshot,
    category: input.category,
    comment,
    forwarded: targetRemote && input.forward === true,
    status: "open",
    resolvedBy: null,
    resolvedAt: null,
    resolutionNote: "",
    flagIri: null,
    createdAt: now,
  };
  await deps.reports.insert(report);
  await deps.events.emit({ type: "report.filed", report });
  return ok(report);
}

/**
 * A report received from another server (an ActivityPub Flag, parsed at the edge):
 * about a local account and optionally some of its posts. Idempotent on the Flag id.
 */
export async function receiveReport(
  deps: Pick<CoreDeps, "accounts" | "posts" | "communities" | "reports" | "clock" | "ids">,
  input: { originHost: string; accountId: string; postId: string | null; comment: string; flagIri: string | null },
): Promise<Result<Report | null>> {
  const account = await deps.accounts.findById(input.accountId);
  if (!account) return fail("not_found", "Account not found.");
  const post = input.postId ? await deps.posts.findById(input.postId) : null;
  const usable = post && post.author.id === account.id ? post : null;
  const communityId = usable?.communityId ? ((await deps.communities.findById(usable.communityId))?.rootId ?? null) : null;
  const report: Report = {
    id: deps.ids.next(),
    reporterId: null,
    originHost: input.originHost,
    targetAccountId: account.id,
    targetRemote: false,
    postId: usable?.id ?? null,
    communityId,
    postSnapshot: usable ? usable.text : null,
    // Flags carry no category (Mastodon and Misskey send only a comment).
    category: "other",
    comment: input.comment.slice(0, COMMENT_MAX),
    forwarded: false,
    status: "open",
    resolvedBy: null,
    resolvedAt: null,
    resolutionNote: "",
    flagIri: input.flagIri,
    createdAt: deps.clock.now(),
  };
  return ok((await deps.reports.insert(report)) ? report : null);
}

/**
 * Who may handle a report: server staff handle every report; the owner and moderators
 * of a community handle reports about posts in it (they see only those, may resolve or
 * dismiss them and may delete the post, but not act on the account server-wide).
 */
async function reportAccess(
  deps: Pick<CoreDeps, "accounts" | "communities" | "moderation" | "clock">,
  actorId: string,
  report: Report | null,
): Promise<Result<"staff" | "community">> {
  const actor = await deps.accounts.findById(actorId);
  if (isStaff(actor)) {
    await deps.moderation.markStaffActive(deps.clock.now());
    return ok("staff");
  }
  if (report?.communityId) {
    const membership = await deps.communities.membership(report.communityId, actorId);
    if (membership?.role === "owner" || membership?.role === "moderator") return ok("community");
  }
  return fail(report ? "not_found" : "forbidden", report ? "Report not found." : "Only moderators see reports.");
}

/** The report queue: everything for staff; community moderators get their communities' reports. */
export async function listReports(
  deps: Pick<CoreDeps, "accounts" | "communities" | "moderation" | "reports" | "clock">,
  actorId: string,
  filter: { status?: ReportStatus },
  page: PageRequest,
): Promise<Result<Page<Report>>> {
  const actor = await deps.accounts.findById(actorId);
  if (isStaff(actor)) {
    await deps.moderation.markStaffActive(deps.clock.now());
    return ok(await deps.reports.list(filter, page));
  }
  // Not a moderator anywhere: the queue is not theirs to see.
  if (!(await deps.reports.moderatesCommunities(actorId))) return fail("forbidden", "Only moderators see reports.");
  return ok(await deps.reports.list({ ...filter, communityModerator: actorId }, page));
}

export async function findReport(deps: Deps, actorId: string, reportId: string): Promise<Result<Report>> {
  const report = await deps.reports.find(reportId);
  const access = await reportAccess(deps, actorId, report);
  if (!access.ok) return access;
  if (!report) return fail("not_found", "Report not found.");
  return ok(report);
}

export type ReportAction = AccountActionType | "delete_post";

/**
 * Closes a report (resolved or dismissed), optionally acting on it first: an account
 * action (staff only) or deleting the reported post (staff, or the community's
 * moderators for a post in their community). Everything goes to the audit log.
 */
export async function closeReport(
  deps: Deps,
  actorId: string,
  reportId: string,
  input: { status: "resolved" | "dismissed"; note: string; action?: ReportAction; reason?: string },
): Promise<Result<Report>> {
  const report = await deps.reports.find(reportId);
  const access = await reportAccess(deps, actorId, report);
  if (!access.ok) return access;
  if (!report) return fail("not_found", "Report not found.");
  if (report.status !== "open") return fail("conflict", "This report is closed already.");
  const reason = (input.reason ?? input.note).trim();
  if (input.action && input.status === "dismissed") return fail("validation_failed", "A dismissed report takes no action.");

  if (input.action === "delete_post") {
    if (!report.postId) return fail("validation_failed", "This report names no post.");
    const deleted = await deletePostOf(deps, report);
    if (!deleted.ok) return deleted;
    await deps.moderation.log({
      id: deps.ids.next(),
      actorId,
      action: "delete_post",
      targetType: "post",
      targetId: report.postId,
      targetLabel: (report.postSnapshot ?? "").slice(0, 80),
      reason,
      reportId: report.id,
      createdAt: deps.clock.now(),
    });
  } else if (input.action) {
    if (access.value !== "staff") return fail("forbidden", "Only server moderators act on accounts.");
    const acted = await applyAccountAction(deps, actorId, report.targetAccountId, {
      type: input.action,
      reason,
      reportId: report.id,
    });
    if (!acted.ok) return acted;
  }
  const now = deps.clock.now();
  if (!(await deps.reports.close(report.id, input.status, actorId, now, input.note.trim())))
    return fail("conflict", "This report is closed already.");
  await deps.moderation.log({
    id: deps.ids.next(),
    actorId,
    action: input.status === "resolved" ? "resolve_report" : "dismiss_report",
    targetType: "report",
    targetId: report.id,
    targetLabel: report.category,
    reason: input.note.trim(),
    reportId: report.id,
    createdAt: now,
  });
  return ok({ ...report, status: input.status, resolvedBy: actorId, resolvedAt: now, resolutionNote: input.note.trim() });
}

async function deletePostOf(deps: Deps, report: Report): Promise<Result<null>> {
  if (!report.postId) return ok(null);
  if (report.targetRemote) {
    await deps.remoteDirectory.dropPost(report.postId);
    return ok(null);
  }
  const post = await deps.posts.findById(report.postId);
  if (!post || post.deletedAt) return ok(null);
  await deps.posts.softDelete(post, deps.clock.now());
  await deps.events.emit({ type: "post.deleted", post });
  return ok(null);
}
