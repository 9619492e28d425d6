/** OpenAPI paths and schemas for ingest policies, domain blocks, mutes and blocks. */
import { body, common, err, handleParam, idParam, ok, pageParams, ref } from "./openapi-builders";

const mod = { ...common, "403": err("forbidden: moderators only") };
const domainParam = { name: "domain", in: "path", required: true, schema: { type: "string" } };

const relationAction = (summary: string, withBody = false) => ({
  post: {
    summary,
    parameters: [handleParam],
    ...(withBody ? { requestBody: { required: false, content: { "application/json": { schema: ref("MuteInput") } } } } : {}),
    responses: { "200": ok("My relations with the account now", ref("RelationsEnvelope")), "404": err("not_found"), ...common },
  },
});

export const policyPaths = {
  "/api/accounts/{handle}/relations": {
    get: {
      summary: "My mute, block and boost-hiding state towards an account",
      parameters: [handleParam],
      responses: { "200": ok("Relations", ref("RelationsEnvelope")), "404": err("not_found"), ...common },
    },
  },
  "/api/accounts/{handle}/mute": relationAction(
    "Mute an account (optionally for durationSeconds; notifications: false keeps its notifications)",
    true,
  ),
  "/api/accounts/{handle}/unmute": relationAction("Unmute an account"),
  "/api/accounts/{handle}/block": relationAction(
    "Block an account: mutual invisibility, follows removed both ways; a remote account is sent ActivityPub Block",
  ),
  "/api/accounts/{handle}/unblock": relationAction("Unblock an account (a remote one is sent Undo(Block))"),
  "/api/accounts/{handle}/hide-boosts": relationAction("Hide this account's boosts from my timelines"),
  "/api/accounts/{handle}/show-boosts": relationAction("Show this account's boosts again"),
  "/api/notifications/filtered": {
    get: {
      summary: "Notifications my notification filter held back (the Filtered tab), newest first",
      parameters: pageParams,
      responses: { "200": ok("A page of notifications, as GET /api/notifications"), ...common },
    },
  },
  "/api/notifications/policy": {
    get: {
      summary: "My notification filter",
      responses: { "200": ok("The policy", ref("NotificationPolicyEnvelope")), ...common },
    },
    put: {
      summary:
        "Set my notification filter: send notifications from people I don't follow / who don't follow me / accounts under 30 days / unsolicited private mentions to the Filtered tab",
      requestBody: body(ref("NotificationPolicy")),
      responses: { "200": ok("The policy", ref("NotificationPolicyEnvelope")), ...common },
    },
  },
  "/api/mutes": {
    get: { summary: "Accounts I mute (unexpired)", responses: { "200": ok("List", ref("RelationList")), ...common } },
  },
  "/api/blocks": {
    get: { summary: "Accounts I block", responses: { "200": ok("List", ref("RelationList")), ...common } },
  },
  "/api/filters": {
    get: { summary: "My word filters", responses: { "200": ok("Filters", ref("WordFilterList")), ...common } },
    post: {
      summary: "Add a word filter on my timelines (hide, or warn: shown folded)",
      requestBody: body(ref("WordFilterInput")),
      responses: { "201": ok("The filter", ref("WordFilterEnvelope")), "409": err("conflict"), ...common },
    },
  },
  "/api/filters/{id}": {
    delete: {
      summary: "Remove a word filter",
      parameters: [idParam],
      responses: { "204": ok("Removed"), "404": err("not_found"), ...common },
    },
  },
  "/api/admin/domain-blocks": {
    get: {
      summary: "Domain blocks (moderators)",
      responses: { "200": ok("Every domain block", ref("DomainBlockList")), ...mod },
    },
    post: {
      summary:
        "Block a domain or change its block (suspend: refused at the inbox and purged; silence: followers only; flags). Subdomains are covered.",
      requestBody: body(ref("DomainBlockInput")),
      responses: { "201": ok("The block", ref("DomainBlockEnvelope")), ...mod },
    },
  },
  "/api/admin/domain-blocks/{domain}": {
    delete: {
      summary: "Lift a domain block",
      parameters: [domainParam],
      responses: { "204": ok("Lifted"), "404": err("not_found"), ...mod },
    },
  },
  "/api/admin/policy-stats": {
    get: {
      summary: "How often each ingest rule refused or changed something (moderators)",
      responses: { "200": ok("One entry per rule", ref("PolicyStats")), ...mod },
    },
  },
};

const domainBlockProperties = {
  domain: { type: "string", example: "spam.example" },
  severity: { type: "string", enum: ["suspend", "silence", "none"] },
  rejectMedia: { type: "boolean", default: false },
  rejectReports: { type: "boolean", default: false },
  rejectFriends: { type: "boolean", default: false },
  comment: { type: ["string", "null"], maxLength: 1000 },
};

const wordFilter = {
  type: "object",
  required: ["id", "phrase", "action", "createdAt"],
  properties: {
    id: { type: "string" },
    phrase: { type: "string" },
    action: { type: "string", enum: ["hide", "warn"] },
    createdAt: { type: "string", format: "date-time" },
  },
};

export const policySchemas = {
  NotificationPolicy: {
    type: "object",
    additionalProperties: false,
    required: ["notFollowing", "notFollowers", "newAccounts", "privateMentions"],
    properties: {
      notFollowing: { type: "boolean", description: "from people I don't follow" },
      notFollowers: { type: "boolean", description: "from people who don't follow me" },
      newAccounts: { type: "boolean", description: "from accounts created less than 30 days ago" },
      privateMentions: { type: "boolean", description: "direct posts from people I don't follow" },
    },
  },
  NotificationPolicyEnvelope: { type: "object", required: ["policy"], properties: { policy: ref("NotificationPolicy") } },
  MuteInput: {
    type: "object",
    additionalProperties: false,
    properties: {
      durationSeconds: { type: ["integer", "null"], minimum: 1, maximum: 31536000, description: "null: until unmuted" },
      notifications: { type: "boolean", default: true },
    },
  },
  RelationsEnvelope: {
    type: "object",
    required: ["relations"],
    properties: {
      relations: {
        type: "object",
        properties: {
          muting: { type: "boolean" },
          mutingNotifications: { type: "boolean" },
          muteExpiresAt: { type: ["string", "null"], format: "date-time" },
          blocking: { type: "boolean" },
          blockedBy: { type: "boolean" },
          hidingBoosts: { type: "boolean" },
        },
      },
    },
  },
  RelationList: {
    type: "object",
    required: ["items"],
    properties: {
      items: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: { type: "string" },
            acct: { type: "string" },
            displayName: { type: ["string", "null"] },
            remote: { type: "boolean" },
            notifications: { type: "boolean" },
            expiresAt: { type: ["string", "null"], format: "date-time" },
            createdAt: { type: "string", format: "date-time" },
          },
        },
      },
    },
  },
  WordFilterInput: {
    type: "object",
    additionalProperties: false,
    required: ["phrase", "action"],
    properties: { phrase: { type: "string", minLength: 1, maxLength: 100 }, action: { type: "string", enum: ["hide", "warn"] } },
  },
  WordFilterEnvelope: { type: "object", required: ["filter"], properties: { filter: wordFilter } },
  WordFilterList: { type: "object", required: ["items"], properties: { items: { type: "array", items: wordFilter } } },
  DomainBlockInput: {
    type: "object",
    additionalProperties: false,
    required: ["domain", "severity"],
    properties: domainBlockProperties,
  },
  DomainBlock: {
    type: "object",
    required: [...Object.keys(domainBlockProperties), "createdAt", "updatedAt"],
    properties: {
      ...domainBlockProperties,
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
  DomainBlockEnvelope: { type: "object", required: ["domainBlock"], properties: { domainBlock: ref("DomainBlock") } },
  DomainBlockList: { type: "object", required: ["items"], properties: { items: { type: "array", items: ref("DomainBlock") } } },
  PolicyStats: {
    type: "object",
    required: ["items"],
    properties: {
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["rule", "count", "lastHitAt"],
          properties: {
            rule: { type: "string" },
            count: { type: "integer" },
            lastHitAt: { type: ["string", "null"], format: "date-time" },
          },
        },
      },
    },
  },
};
