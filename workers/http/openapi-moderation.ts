/** OpenAPI paths and schemas for moderation: reports, account actions, signups, invites, dashboard. */
import { body, common, err, idParam, ok, pageParams, ref } from "./openapi-builders";

const staff = { ...common, "403": err("forbidden: moderators and admins only") };
const adminOnly = { ...common, "403": err("forbidden: admins only") };
const notFound = { "404": err("not_found") };
const page = (item: string) => ({
  type: "object",
  required: ["items", "nextCursor"],
  properties: { items: { type: "array", items: ref(item) }, nextCursor: { type: ["string", "null"] } },
});
const list = (item: string) => ({
  type: "object",
  required: ["items"],
  properties: { items: { type: "array", items: ref(item) } },
});
const reason = { type: "string", maxLength: 1000 };
const actions = ["warn", "silence", "unsilence", "suspend", "unsuspend"];

const closeReport = (summary: string, withAction: boolean) => ({
  post: {
    summary,
    parameters: [idParam],
    requestBody: body({
      type: "object",
      additionalProperties: false,
      properties: {
        note: { type: "string", maxLength: 1000, description: "Shown in the report and the audit log" },
        ...(withAction
          ? {
              action: { type: "string", enum: [...actions, "delete_post"], description: "Act on the report first" },
              reason: { ...reason, description: "The action's reason (defaults to the note)" },
            }
          : {}),
      },
    }),
    responses: {
      "200": ok("The closed report", { type: "object", properties: { report: ref("Report") } }),
      "409": err("conflict: already closed"),
      ...staff,
      ...notFound,
    },
  },
});

export const moderationPaths = {
  "/api/reports": {
    post: {
      summary:
        "Report a post (local or cached remote) or an account. `forward` sends a Flag to the remote server for remote targets.",
      requestBody: body(ref("ReportInput")),
      responses: {
        "201": ok("Reported", {
          type: "object",
          properties: {
            report: {
              type: "object",
              properties: { id: { type: "string" }, status: { type: "string" }, forwarded: { type: "boolean" } },
            },
          },
        }),
        ...common,
        ...notFound,
        "429": err("rate_limited: at most 30 reports an hour"),
      },
    },
  },
  "/api/admin/reports": {
    get: {
      summary:
        "The report queue. Staff see every report; community owners/moderators see reports about their communities' posts.",
      parameters: [
        ...pageParams,
        { name: "status", in: "query", schema: { type: "string", enum: ["open", "resolved", "dismissed"] } },
      ],
      responses: { "200": ok("Reports, newest first", page("Report")), ...staff },
    },
  },
  "/api/admin/reports/{id}": {
    get: {
      summary: "One report",
      parameters: [idParam],
      responses: { "200": ok("The report", { type: "object", properties: { report: ref("Report") } }), ...staff, ...notFound },
    },
  },
  "/api/admin/reports/{id}/resolve": closeReport(
    "Resolve a report, optionally acting first (account actions: staff; delete_post: staff or the community's moderators)",
    true,
  ),
  "/api/admin/reports/{id}/dismiss": closeReport("Dismiss a report (no action)", false),
  "/api/admin/accounts": {
    get: {
      summary: "Search accounts (staff)",
      parameters: [
        ...pageParams,
        { name: "q", in: "query", schema: { type: "string", maxLength: 100 }, description: "username or display name" },
        { name: "role", in: "query", schema: { type: "string", enum: ["admin", "moderator", "user"] } },
        { name: "status", in: "query", schema: { type: "string", enum: ["pending", "silenced", "suspended"] } },
      ],
      responses: { "200": ok("Accounts, newest first", page("ModeratedAccount")), ...staff },
    },
  },
  "/api/admin/accounts/{id}/actions": {
    post: {
      summary:
        "Act on a local account or a remote actor (by its id): warn (local only), silence, unsilence, suspend, unsuspend. Audit-logged.",
      parameters: [idParam],
      requestBody: body({
        type: "object",
        required: ["type"],
        additionalProperties: false,
        properties: { type: { type: "string", enum: actions }, reason },
      }),
      responses: { "200": ok("The account's standing now", ref("Standing")), ...staff, ...notFound },
    },
  },
  "/api/admin/accounts/{id}/role": {
    put: {
      summary: "Grant or revoke the moderator role (admins only)",
      parameters: [idParam],
      requestBody: body({
        type: "object",
        required: ["role"],
        additionalProperties: false,
        properties: { role: { type: "string", enum: ["moderator", "user"] }, reason },
      }),
      responses: { "200": ok("The account", ref("AccountEnvelope")), ...adminOnly, ...notFound },
    },
  },
  "/api/admin/signup-requests": {
    get: {
      summary: "Accounts waiting for approval (approval mode), oldest first",
      responses: { "200": ok("Pending signups", list("SignupRequest")), ...staff },
    },
  },
  "/api/admin/signup-requests/{id}/approve": {
    post: {
      summary: "Approve a pending signup: the account may log in",
      parameters: [idParam],
      requestBody: body({ type: "object", additionalProperties: false, properties: { reason } }),
      responses: { "204": ok("Approved"), ...staff, ...notFound },
    },
  },
  "/api/admin/signup-requests/{id}/reject": {
    post: {
      summary: "Reject a pending signup: the account is deleted",
      parameters: [idParam],
      requestBody: body({ type: "object", additionalProperties: false, properties: { reason } }),
      responses: { "204": ok("Rejected"), ...staff, ...notFound },
    },
  },
  "/api/admin/invites": {
    get: { summary: "Server invite links", responses: { "200": ok("Invites, newest first", list("SignupInvite")), ...staff } },
    post: {
      summary: "Create an invite link (/signup?invite=CODE)",
      requestBody: body({
        type: "object",
        additionalProperties: false,
        properties: {
          maxUses: { type: ["integer", "null"], minimum: 1, maximum: 1000 },
          expiresInDays: { type: ["integer", "null"], minimum: 1, maximum: 365 },
        },
      }),
      responses: { "201": ok("The invite", { type: "object", properties: { invite: ref("SignupInvite") } }), ...staff },
    },
  },
  "/api/admin/invites/{code}": {
    delete: {
      summary: "Revoke an invite",
      parameters: [{ name: "code", in: "path", required: true, schema: { type: "string" } }],
      responses: { "204": ok("Revoked"), ...staff, ...notFound },
    },
  },
  "/api/admin/audit-log": {
    get: {
      summary: "Every moderation action, newest first",
      parameters: pageParams,
      responses: { "200": ok("Audit log", page("AuditEntry")), ...staff },
    },
  },
  "/api/admin/dashboard": {
    get: { summary: "Server figures for moderators", responses: { "200": ok("Figures", ref("Dashboard")), ...staff } },
  },
  "/api/admin/peers": {
    get: {
      summary: "Remote servers we deliver to and their circuit-breaker state",
      responses: { "200": ok("Peers", list("PeerHealth")), ...staff },
    },
  },
  "/api/admin/dead-letters": {
    get: {
      summary: "Deliveries given up (retries exhausted or inbox gone), newest 100",
      responses: { "200": ok("Dead letters", list("DeadLetter")), ...staff },
    },
  },
  "/api/admin/dead-letters/{id}/replay": {
    post: {
      summary: "Re-enqueue a dead delivery (admins only); the record is removed",
      parameters: [idParam],
      responses: {
        "202": ok("Queued again", { type: "object", properties: { replayed: { type: "string" } } }),
        ...adminOnly,
        "413": err("payload_too_large: too large for one queue message"),
        ...notFound,
      },
    },
  },
};

const party = {
  type: ["object", "null"],
  properties: {
    id: { type: "string" },
    username: { type: "string", description: "user, or user@host for a remote account" },
    displayName: { type: "string" },
    remote: { type: "boolean" },
    host: { type: ["string", "null"] },
  },
};
const iso = { type: ["string", "null"], format: "date-time" };

export const moderationSchemas = {
  ReportInput: {
    type: "object",
    required: ["category"],
    additionalProperties: false,
    description: "Name a post, an account, or both (the post's author)",
    properties: {
      postId: { type: "string" },
      accountId: { type: "string" },
      category: { type: "string", enum: ["spam", "abuse", "illegal", "other"] },
      comment: { type: "string", maxLength: 1000 },
      forward: { type: "boolean", description: "Remote targets: also send a Flag to their server" },
    },
  },
  Report: {
    type: "object",
    properties: {
      id: { type: "string" },
      status: { type: "string", enum: ["open", "resolved", "dismissed"] },
      category: { type: "string" },
      comment: { type: "string" },
      reporter: party,
      originHost: { type: ["string", "null"], description: "The server a Flag came from" },
      target: { ...party, properties: { ...party.properties, silenced: { type: "boolean" }, suspended: { type: "boolean" } } },
      postId: { type: ["string", "null"] },
      postText: { type: ["string", "null"], description: "The post's text when it was reported" },
      communityId: { type: ["string", "null"] },
      forwarded: { type: "boolean" },
      resolvedBy: { type: ["string", "null"] },
      resolvedAt: iso,
      resolutionNote: { type: "string" },
      createdAt: { type: "string", format: "date-time" },
    },
  },
  Standing: {
    type: "object",
    properties: { id: { type: "string" }, silenced: { type: "boolean" }, suspended: { type: "boolean" } },
  },
  ModeratedAccount: {
    allOf: [
      ref("Account"),
      {
        type: "object",
        properties: { silenced: { type: "boolean" }, suspended: { type: "boolean" }, pending: { type: "boolean" } },
      },
    ],
  },
  PendingSignup: {
    type: "object",
    properties: { account: ref("Account"), pending: { type: "boolean", const: true } },
  },
  SignupRequest: {
    type: "object",
    properties: { account: ref("Account"), reason: { type: "string" }, createdAt: { type: "string", format: "date-time" } },
  },
  SignupInvite: {
    type: "object",
    properties: {
      code: { type: "string" },
      url: { type: "string" },
      maxUses: { type: ["integer", "null"] },
      uses: { type: "integer" },
      expiresAt: iso,
      revoked: { type: "boolean" },
      valid: { type: "boolean" },
      createdAt: { type: "string", format: "date-time" },
    },
  },
  AuditEntry: {
    type: "object",
    properties: {
      id: { type: "string" },
      action: { type: "string" },
      actor: { type: ["string", "null"], description: "Username of the staff member; null when the server acted" },
      targetType: { type: "string" },
      targetId: { type: ["string", "null"] },
      targetLabel: { type: "string" },
      reason: { type: "string" },
      reportId: { type: ["string", "null"] },
      createdAt: { type: "string", format: "date-time" },
    },
  },
  Dashboard: {
    type: "object",
    properties: Object.fromEntries(
      [
        "users",
        "posts",
        "activeUsers7d",
        "pendingSignups",
        "openReports",
        "deadLetters",
        "parkedTasks",
        "peers",
        "unavailablePeers",
        "remoteActors",
        "remotePosts",
      ]
        .map((k) => [k, { type: "integer" }] as [string, object])
        .concat([["lastStaffActivity", iso]]),
    ),
  },
  PeerHealth: {
    type: "object",
    properties: {
      host: { type: "string" },
      state: { type: "string", enum: ["healthy", "failing", "open"] },
      consecutiveFailures: { type: "integer" },
      lastSuccessAt: iso,
      lastFailureAt: iso,
      unavailableUntil: iso,
      lastError: { type: ["string", "null"] },
    },
  },
  DeadLetter: {
    type: "object",
    properties: {
      id: { type: "string" },
      host: { type: "string" },
      inbox: { type: "string" },
      activityId: { type: ["string", "null"] },
      activityType: { type: ["string", "null"] },
      reason: { type: "string", enum: ["retries_exhausted", "gone"] },
      error: { type: "string" },
      attempts: { type: "integer" },
      createdAt: { type: "string", format: "date-time" },
    },
  },
};
