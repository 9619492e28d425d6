// Typed client for reports and the moderation area (/api/reports, /api/admin/*).
import * as v from "valibot";
import { AccountSchema, pageQuery, request, send } from "./client";

export const REPORT_CATEGORIES = ["spam", "abuse", "illegal", "other"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export const ACCOUNT_ACTIONS = ["warn", "silence", "unsilence", "suspend", "unsuspend"] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];
export type ReportAction = AccountAction | "delete_post";

const Party = v.object({
  id: v.string(),
  username: v.string(),
  displayName: v.string(),
  remote: v.boolean(),
  host: v.nullable(v.string()),
});
const ReportSchema = v.object({
  id: v.string(),
  status: v.string(),
  category: v.string(),
  comment: v.string(),
  reporter: v.nullable(Party),
  originHost: v.nullable(v.string()),
  target: v.nullable(v.object({ ...Party.entries, silenced: v.boolean(), suspended: v.boolean() })),
  postId: v.nullable(v.string()),
  postText: v.nullable(v.string()),
  communityId: v.nullable(v.string()),
  forwarded: v.boolean(),
  resolutionNote: v.string(),
  createdAt: v.string(),
});
export type Report = v.InferOutput<typeof ReportSchema>;
const page = <S extends v.GenericSchema>(item: S) => v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) });
const list = <S extends v.GenericSchema>(item: S) => v.object({ items: v.array(item) });

const ModeratedAccountSchema = v.object({
  ...AccountSchema.entries,
  role: v.string(),
  silenced: v.boolean(),
  suspended: v.boolean(),
  pending: v.boolean(),
});
export type ModeratedAccount = v.InferOutput<typeof ModeratedAccountSchema>;
const SignupRequestSchema = v.object({ account: AccountSchema, reason: v.string(), createdAt: v.string() });
export type SignupRequest = v.InferOutput<typeof SignupRequestSchema>;
const InviteSchema = v.object({
  code: v.string(),
  url: v.string(),
  maxUses: v.nullable(v.number()),
  uses: v.number(),
  expiresAt: v.nullable(v.string()),
  revoked: v.boolean(),
  valid: v.boolean(),
  createdAt: v.string(),
});
export type Invite = v.InferOutput<typeof InviteSchema>;
const AuditEntrySchema = v.object({
  id: v.string(),
  action: v.string(),
  actor: v.nullable(v.string()),
  targetType: v.string(),
  targetLabel: v.string(),
  reason: v.string(),
  createdAt: v.string(),
});
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;
const DashboardSchema = v.object({
  users: v.number(),
  posts: v.number(),
  activeUsers7d: v.number(),
  pendingSignups: v.number(),
  openReports: v.number(),
  deadLetters: v.number(),
  parkedTasks: v.number(),
  peers: v.number(),
  unavailablePeers: v.number(),
  remoteActors: v.number(),
  remotePosts: v.number(),
  lastStaffActivity: v.nullable(v.string()),
});
export type Dashboard = v.InferOutput<typeof DashboardSchema>;
const PeerSchema = v.object({
  host: v.string(),
  state: v.string(),
  consecutiveFailures: v.number(),
  lastSuccessAt: v.nullable(v.string()),
  lastFailureAt: v.nullable(v.string()),
  unavailableUntil: v.nullable(v.string()),
  lastError: v.nullable(v.string()),
});
export type Peer = v.InferOutput<typeof PeerSchema>;
const DeadLetterSchema = v.object({
  id: v.string(),
  host: v.string(),
  inbox: v.string(),
  activityType: v.nullable(v.string()),
  reason: v.string(),
  error: v.string(),
  attempts: v.number(),
  createdAt: v.string(),
});
export type DeadLetter = v.InferOutput<typeof DeadLetterSchema>;

export const moderationApi = {
  report: async (input: {
    postId?: string;
    accountId?: string;
    category: ReportCategory;
    comment: string;
    forward?: boolean;
  }) => {
    await send("POST", "/api/reports", { json: input });
  },
  reports: (status: string, cursor?: string | null) =>
    request(page(ReportSchema), "GET", `/api/admin/reports?status=${encodeURIComponent(status)}&${pageQuery(cursor)}`),
  closeReport: async (id: string, verb: "resolve" | "dismiss", input: { note: string; action?: ReportAction; reason?: string }) =>
    (await request(v.object({ report: ReportSchema }), "POST", `/api/admin/reports/${id}/${verb}`, { json: input })).report,
  accounts: (query: { q?: string; status?: string }, cursor?: string | null) => {
    const params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    if (query.status) params.set("status", query.status);
    return request(page(ModeratedAccountSchema), "GET", `/api/admin/accounts?${params}&${pageQuery(cursor)}`);
  },
  act: async (id: string, type: AccountAction, reason: string) => {
    await send("POST", `/api/admin/accounts/${id}/actions`, { json: { type, reason } });
  },
  setRole: async (id: string, role: "moderator" | "user") => {
    await send("PUT", `/api/admin/accounts/${id}/role`, { json: { role } });
  },
  signupRequests: async () => (await request(list(SignupRequestSchema), "GET", "/api/admin/signup-requests")).items,
  decideSignup: async (id: string, verb: "approve" | "reject") => {
    await send("POST", `/api/admin/signup-requests/${id}/${verb}`, { json: {} });
  },
  invites: async () => (await request(list(InviteSchema), "GET", "/api/admin/invites")).items,
  createInvite: async (input: { maxUses: number | null; expiresInDays: number | null }) =>
    (await request(v.object({ invite: InviteSchema }), "POST", "/api/admin/invites", { json: input })).invite,
  revokeInvite: async (code: string) => {
    await send("DELETE", `/api/admin/invites/${encodeURIComponent(code)}`);
  },
  auditLog: (cursor?: string | null) => request(page(AuditEntrySchema), "GET", `/api/admin/audit-log?${pageQuery(cursor)}`),
  dashboard: () => request(DashboardSchema, "GET", "/api/admin/dashboard"),
  peers: async () => (await request(list(PeerSchema), "GET", "/api/admin/peers")).items,
  deadLetters: async () => (await request(list(DeadLetterSchema), "GET", "/api/admin/dead-letters")).items,
  /**
   * Blocks a whole server (from a report about a remote account). Domain blocks are
   * their own feature (POST /api/admin/domain-blocks, binding contract); this only calls it.
   */
  blockDomain: async (domain: string) => {
    await send("POST", "/api/admin/domain-blocks", { json: { domain, severity: "suspend" } });
  },
  replay: async (id: string) => {
    await send("POST", `/api/admin/dead-letters/${id}/replay`);
  },
};
