/** OpenAPI paths and schemas for friend servers and relays (/api/admin/friends, /api/admin/relays). */
import { body, common, err, idParam, ok, ref } from "./openapi-builders";

const admin = { ...common, "403": err("forbidden: admins only"), "503": err("federation is not enabled") };
const state = { type: "string", enum: ["idle", "pending", "accepted", "rejected"] };
const friendEnvelope = { type: "object", required: ["friend"], properties: { friend: ref("FriendServer") } };
const relayEnvelope = { type: "object", required: ["relay"], properties: { relay: ref("Relay") } };
const urlBody = {
  type: "object",
  required: ["url"],
  additionalProperties: false,
  properties: { url: { type: "string", maxLength: 2048 } },
};

export const friendPaths = {
  "/api/admin/friends": {
    get: {
      summary: "Friend servers with their states, flags and delivery health (admins only)",
      responses: {
        "200": ok("The friend servers", {
          type: "object",
          required: ["items"],
          properties: { items: { type: "array", items: ref("FriendServer") } },
        }),
        ...admin,
      },
    },
    post: {
      summary: "Send a friend request (kmyblue Follow of as:Public) to another server, given its domain or base URL",
      requestBody: body(urlBody),
      responses: {
        "201": ok("The link, our request pending", friendEnvelope),
        "409": err("conflict: already requested or accepted, or our own server"),
        ...admin,
      },
    },
  },
  "/api/admin/friends/map": {
    get: {
      summary: "The friend map: our server, our friends and the friends they publish in NodeInfo, with link health",
      responses: { "200": ok("Nodes and edges", ref("FriendMap")), ...admin },
    },
  },
  "/api/admin/friends/{id}": {
    patch: {
      summary: "Change a friend's flags (available pauses or resumes sharing)",
      parameters: [idParam],
      requestBody: body({
        type: "object",
        additionalProperties: false,
        properties: {
          available: { type: "boolean" },
          sendAll: { type: "boolean" },
          receiveAll: { type: "boolean" },
          deliverLocalPublic: { type: "boolean" },
        },
      }),
      responses: { "200": ok("The updated link", friendEnvelope), "404": err("not_found"), ...admin },
    },
    delete: {
      summary: "Remove the link: Delete{object: Public} when friends, Undo(Follow)/Reject for pending requests",
      parameters: [idParam],
      responses: { "204": ok("Removed"), "404": err("not_found"), ...admin },
    },
  },
  "/api/admin/friends/{id}/accept": {
    post: {
      summary: "Accept their pending friend request",
      parameters: [idParam],
      responses: {
        "200": ok("The link", friendEnvelope),
        "404": err("not_found"),
        "409": err("conflict: no request from them"),
        ...admin,
      },
    },
  },
  "/api/admin/friends/{id}/reject": {
    post: {
      summary: "Reject their friend request",
      parameters: [idParam],
      responses: {
        "200": ok("The link", friendEnvelope),
        "404": err("not_found"),
        "409": err("conflict: no request from them"),
        ...admin,
      },
    },
  },
  "/api/admin/relays": {
    get: {
      summary: "Relay subscriptions (admins only)",
      responses: {
        "200": ok("The relays", {
          type: "object",
          required: ["items"],
          properties: { items: { type: "array", items: ref("Relay") } },
        }),
        ...admin,
      },
    },
    post: {
      summary: "Subscribe to a relay (Follow of as:Public from our instance actor) given its inbox URL",
      requestBody: body(urlBody),
      responses: { "201": ok("The subscription, pending", relayEnvelope), "409": err("conflict: already subscribed"), ...admin },
    },
    delete: {
      summary: "Unsubscribe (Undo(Follow)) from a relay named by id or inbox URL",
      requestBody: body({
        oneOf: [
          { type: "object", required: ["id"], properties: { id: { type: "string" } } },
          { type: "object", required: ["url"], properties: { url: { type: "string" } } },
        ],
      }),
      responses: { "204": ok("Unsubscribed"), "404": err("not_found"), ...admin },
    },
  },
  "/api/admin/relays/{id}": {
    delete: {
      summary: "Unsubscribe from a relay",
      parameters: [idParam],
      responses: { "204": ok("Unsubscribed"), "404": err("not_found"), ...admin },
    },
  },
};

export const friendSchemas = {
  FriendServer: {
    type: "object",
    required: [
      "id",
      "domain",
      "inboxUrl",
      "ourState",
      "theirState",
      "state",
      "available",
      "sendAll",
      "receiveAll",
      "deliverLocalPublic",
    ],
    properties: {
      id: { type: "string" },
      domain: { type: "string", description: "host[:port]" },
      inboxUrl: { type: "string" },
      ourState: { ...state, description: "Our request to them" },
      theirState: { ...state, description: "Their request to us" },
      state: { ...state, description: "accepted if either side accepted, else pending, else rejected, else idle" },
      available: { type: "boolean", description: "false: paused (nothing friend-only is shared)" },
      sendAll: { type: "boolean", description: "Send them every public and local_public post" },
      receiveAll: { type: "boolean", description: "Keep their posts even when nobody here follows the author" },
      deliverLocalPublic: { type: "boolean", description: "Send local_public as local-public (else unlisted)" },
      lastDeliveryAt: { type: ["string", "null"], format: "date-time" },
      failures: { type: "integer", description: "Failed deliveries in a row" },
      lastError: { type: ["string", "null"] },
      unavailableUntil: { type: ["string", "null"], format: "date-time" },
    },
  },
  Relay: {
    type: "object",
    required: ["id", "inboxUrl", "state", "createdAt"],
    properties: {
      id: { type: "string" },
      inboxUrl: { type: "string" },
      state: { type: "string", enum: ["pending", "accepted", "rejected"] },
      createdAt: { type: "string", format: "date-time" },
    },
  },
  FriendMap: {
    type: "object",
    required: ["nodes", "edges"],
    properties: {
      nodes: {
        type: "array",
        items: {
          type: "object",
          properties: { id: { type: "string" }, kind: { type: "string", enum: ["self", "friend", "remote"] } },
        },
      },
      edges: {
        type: "array",
        items: {
          type: "object",
          properties: {
            from: { type: "string" },
            to: { type: "string" },
            state: { type: "string", enum: ["idle", "pending", "accepted", "rejected", "known"] },
            paused: { type: "boolean" },
            health: { type: "string", enum: ["ok", "failing", "down", "unknown"] },
          },
        },
      },
    },
  },
};
