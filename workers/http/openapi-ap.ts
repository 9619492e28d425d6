/**
 * OpenAPI paths of the ActivityPub-facing parts of the API (locked accounts and follow
 * requests), kept apart from openapi.ts so each area owns its own paths.
 */
import { common, err, idParam, ok, pageParams } from "./openapi-builders";

const request = {
  type: "object",
  properties: {
    id: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
    account: {
      description: "who asks: a local Account, or a remote one (`remote: true`, `host`, `acct` = user@host)",
      type: "object",
    },
  },
};

export function apPaths() {
  return {
    "/api/follow-requests": {
      get: {
        summary:
          "Pending follow requests to your account (when it is locked: PATCH /api/me {locked: true}), newest first; local and remote requesters",
        parameters: [...pageParams],
        responses: {
          "200": ok("Page", {
            type: "object",
            properties: { items: { type: "array", items: request }, nextCursor: { type: ["string", "null"] } },
          }),
          "401": err("unauthenticated"),
        },
      },
    },
    "/api/follow-requests/{id}/accept": {
      post: {
        summary: "Accept a follow request: the requester follows you (a remote one is sent Accept)",
        parameters: [idParam],
        responses: { "204": ok("Accepted"), "404": err("not_found"), ...common },
      },
    },
    "/api/follow-requests/{id}/reject": {
      post: {
        summary: "Reject a follow request (a remote requester is sent Reject)",
        parameters: [idParam],
        responses: { "204": ok("Rejected"), "404": err("not_found"), ...common },
      },
    },
  };
}
