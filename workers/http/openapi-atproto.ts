/**
 * OpenAPI for reading Bluesky over the AT Protocol (issue 7): the `protocol` query and
 * body field on the account and follow routes, the admin poll, and the schemas of a
 * Bluesky account and of the embeds on remote posts.
 */
import { common, err, handleParam, ok, page, pageParams, ref } from "./openapi-builders";

const protocolQuery = {
  name: "protocol",
  in: "query",
  required: false,
  schema: { type: "string", enum: ["atproto"] },
  description: "`atproto`: the handle is a Bluesky handle, a DID or an at:// URI, read over the AT Protocol",
};

// Functions, not constants: openapi.ts imports this module before its own builders exist.
export const atprotoPaths = () => ({
  "/api/atproto/poll": {
    post: {
      summary:
        "Admins: make every followed Bluesky repository due and run one bounded poll pass now (the cron does this every 10 minutes; used by the integration test)",
      responses: {
        "200": ok("Poll pass", {
          type: "object",
          properties: { polled: { type: "integer" }, failed: { type: "integer" } },
        }),
        "401": err("unauthenticated"),
        "403": err("forbidden: not an admin"),
      },
    },
  },
});

/** Parameters and responses the account and follow routes gain for `protocol=atproto`. */
export const atprotoAccountDocs = () => ({
  accountParams: [handleParam, protocolQuery],
  accountSummary:
    'An account by username, or a remote one by `@user@host` or actor URL (then `remote: true`, `host`, `uri`); with `?protocol=atproto` a Bluesky account by handle, DID or at:// URI (`protocol: "atproto"`, `did`, `status`; 401 for `!no-unauthenticated` accounts when signed out, 429 / 503 when Bluesky or the PDS cannot answer)',
  accountResponses: {
    "200": ok("Account", { oneOf: [ref("AccountEnvelope"), { type: "object", properties: { account: ref("BlueskyAccount") } }] }),
    "401": err("unauthenticated (`!no-unauthenticated` Bluesky account)"),
    "404": err("not_found"),
    "429": err("rate_limited"),
    "503": err("unavailable: the PDS or directory could not be reached"),
  },
  postsParams: [handleParam, protocolQuery, ...pageParams],
  postsResponses: { "200": ok("Page", page("Post")), "401": err("unauthenticated"), "404": err("not_found") },
  followProtocol: {
    type: "string",
    enum: ["activitypub", "atproto"],
    description: "`atproto`: `target` is a Bluesky handle (`alice.bsky.social`), a DID or an at:// URI; followed at once",
  },
  unfollowParams: [{ name: "target", in: "path", required: true, schema: { type: "string" } }, protocolQuery],
  followResponses: { "429": err("rate_limited"), "503": err("unavailable"), ...common },
});

export const atprotoSchemas = () => ({
  BlueskyAccount: {
    type: "object",
    properties: {
      id: { type: "string" },
      username: { type: "string", description: "the handle (or the DID when the handle does not verify)" },
      acct: { type: "string" },
      displayName: { type: "string" },
      bio: { type: "string", description: "escaped HTML" },
      avatarUrl: { type: ["string", "null"], description: "a link to the blob on the PDS or the AppView CDN (never copied)" },
      url: { type: "string", description: "the profile on bsky.app" },
      uri: { type: "string" },
      did: { type: "string" },
      host: { type: "string", description: "the PDS host" },
      remote: { type: "boolean", const: true },
      protocol: { type: "string", const: "atproto" },
      status: { type: "string", enum: ["ok", "unreachable", "not_found", "deactivated", "takendown", "rate_limited"] },
      labels: { type: "array", items: { type: "string" } },
      lastPolledAt: { type: ["string", "null"], format: "date-time" },
      relationship: ref("Relationship"),
    },
  },
  RemoteEmbed: {
    description: "remote posts: a link card or a quoted post, as links",
    oneOf: [
      {
        type: "object",
        properties: {
          type: { const: "external" },
          url: { type: "string" },
          title: { type: "string" },
          description: { type: "string" },
          thumbUrl: { type: ["string", "null"] },
        },
      },
      { type: "object", properties: { type: { const: "quote" }, uri: { type: "string" }, url: { type: ["string", "null"] } } },
    ],
  },
});
