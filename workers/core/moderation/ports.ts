import type { Account, Role } from "../accounts/account";
import type { Page, PageRequest } from "../shared/ports";

/** What a moderator can do to an account (POST /api/admin/accounts/:id/actions). */
export const ACCOUNT_ACTIONS = ["warn", "silence", "unsilence", "suspend", "unsuspend"] as const;
export type AccountActionType = (typeof ACCOUNT_ACTIONS)[number];

export const REPORT_CATEGORIES = ["spam", "abuse", "illegal", "other"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export type ReportStatus = "open" | "resolved" | "dismissed";

/** Silence and suspension of one account, local or remote. */
export interface Standing {
  readonly silencedAt: Date | null;
  readonly suspendedAt: Date | null;
}

/** One audit-log line. `actorId` null: the server acted on its own (the 7-day signup switch). */
export interface AuditEntry {
  readonly id: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly targetType: "account" | "remote_actor" | "post" | "report" | "invite" | "settings";
  readonly targetId: string | null;
  readonly targetLabel: string;
  readonly reason: string;
  readonly reportId: string | null;
  readonly createdAt: Date;
}

export interface Report {
  readonly id: string;
  readonly reporterId: string | null;
  readonly originHost: string | null;
  readonly targetAccountId: string;
  readonly targetRemote: boolean;
  readonly postId: string | null;
  readonly communityId: string | null;
  readonly postSnapshot: string | null;
  readonly category: ReportCategory;
  readonly comment: string;
  readonly forwarded: boolean;
  readonly status: ReportStatus;
  readonly resolvedBy: string | null;
  readonly resolvedAt: Date | null;
  readonly resolutionNote: string;
  readonly flagIri: string | null;
  readonly createdAt: Date;
}

export interface SignupRequest {
  readonly account: Account;
  readonly reason: string;
  readonly createdAt: Date;
}

export interface SignupInvite {
  readonly code: string;
  readonly createdBy: string;
  readonly maxUses: number | null;
  readonly uses: number;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly createdAt: Date;
}

/** A remote actor as moderation sees it (the federation cache keeps the rest). */
export interface RemoteActorRef {
  readonly id: string;
  readonly handle: string | null;
  readonly host: string;
}

/** A cached remote post as a report sees it. */
export interface RemotePostRef {
  readonly id: string;
  readonly actorId: string;
  readonly text: string;
}

/** Account search filter for the admin's account list. */
export interface AccountQuery {
  readonly query?: string;
  readonly role?: Role;
  readonly status?: "pending" | "silenced" | "suspended";
}

export interface ModeratedAccount {
  readonly account: Account;
  readonly standing: Standing;
  readonly pending: boolean;
}

/** Moderation state, audit log, staff activity and local-account side effects. */
export interface ModerationStore {
  standing(accountId: string): Promise<Standing>;
  setStanding(accountId: string, remote: boolean, standing: Standing, at: Date): Promise<void>;
  log(entry: AuditEntry): Promise<void>;
  auditLog(page: PageRequest): Promise<Page<AuditEntry>>;
  /** Records that staff acted (throttled in the store: at most one write per 10 minutes). */
  markStaffActive(at: Date): Promise<void>;
  /** When staff last acted, or null when never recorded. */
  lastStaffActivity(): Promise<Date | null>;
  /** Admins and moderators. */
  staff(): Promise<Account[]>;
  /** Whether any account exists (the very first signup is always admitted: it makes the admin). */
  hasAccounts(): Promise<boolean>;
  /** Ends every session of the account. */
  revokeSessions(accountId: string): Promise<void>;
  searchAccounts(query: AccountQuery, page: PageRequest): Promise<Page<ModeratedAccount>>;
}

export interface ReportStore {
  /** False when a report with the same Flag id exists already. */
  insert(report: Report): Promise<boolean>;
  find(id: string): Promise<Report | null>;
  /** Newest first. `communityModerator` limits to reports about communities that account moderates. */
  list(filter: { status?: ReportStatus; communityModerator?: string }, page: PageRequest): Promise<Page<Report>>;
  close(id: string, status: Exclude<ReportStatus, "open">, by: string, at: Date, note: string): Promise<boolean>;
  countOpen(): Promise<number>;
  /** Reports filed by the account since `since` (a range of reports_reporter_idx). */
  countByReporterSince(reporterId: string, since: Date): Promise<number>;
  /** Whether the account owns or moderates any community (community moderators see their reports). */
  moderatesCommunities(accountId: string): Promise<boolean>;
}

export interface SignupStore {
  addRequest(accountId: string, reason: string, at: Date): Promise<void>;
  isPending(accountId: string): Promise<boolean>;
  requests(limit: number): Promise<SignupRequest[]>;
  /** Approves: the request row goes, the account may log in. False when there was none. */
  approve(accountId: string): Promise<boolean>;
  /** Rejects: the pending account is deleted. False when there was no pending request. */
  reject(accountId: string): Promise<boolean>;
  createInvite(invite: SignupInvite): Promise<void>;
  invites(limit: number): Promise<SignupInvite[]>;
  /** Uses the invite once if it is valid at `at` (atomic); false otherwise. */
  redeemInvite(code: string, at: Date): Promise<boolean>;
  /** Gives back a use (the signup failed after redeeming). */
  releaseInvite(code: string): Promise<void>;
  revokeInvite(code: string, at: Date): Promise<boolean>;
  /** Counts one signup attempt of `ip` in the fixed window starting at `windowStart`; returns the count. */
  countAttempt(ip: string, windowStart: Date, windowMs: number): Promise<number>;
  sweepCounters(now: Date): Promise<number>;
}

/** Remote actors and cached remote posts, as far as moderation needs them. */
export interface RemoteDirectory {
  findActor(id: string): Promise<RemoteActorRef | null>;
  findPost(id: string): Promise<RemotePostRef | null>;
  /** Drops the remote actor's follows (both ways), reactions and cached posts. */
  dropActorContent(actorId: string): Promise<void>;
  /** Removes one cached remote post. */
  dropPost(id: string): Promise<void>;
}
