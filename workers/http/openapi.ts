/**
 * The OpenAPI 3.1 document served at GET /api/openapi.json. Hand-written next to
 * the routes; a test checks that every route in the app is documented here.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const ok = (description: string, schema?: object) => ({ description, ...(schema ? { content: json(schema) } : {}) });
const err = (description: string) => ({ description, content: json(ref("Error")) });
const body = (schema: object) => ({ required: true, content: json(schema) });
const pageParams = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 40, default: 20 } },
  { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor of the previous page" },
];
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const handleParam = { name: "handle", in: "path", required: true, schema: { type: "string" } };
const page = (item: string) => ({
  type: "object",
  required: ["items", "nextCursor"],
  properties: { items: { type: "array", items: ref(item) }, nextCursor: { type: ["string", "null"] } },
});
const common = { "400": err("Invalid input"), "401": err("Not signed in"), "413": err("Body too large") };

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Commons API",
      version: "0.1.0",
      description:
        "JSON API of the Commons server. Sessions are HttpOnly cookies; state-changing requests from other origins are refused (403 csrf_rejected). Every error is `{ error: { code, message } }` with a 4xx status.",
    },
    servers: [{ url: origin }],
    paths: {
      "/api/instance": {
        get: { summary: "Server name, origin and version", responses: { "200": ok("Server info", ref("Instance")) } },
      },
      "/api/openapi.json": { get: { summary: "This document", responses: { "200": ok("OpenAPI document") } } },
      "/api/auth/signup": {
        post: {
          summary: "Create an account and sign in. The first account on a server becomes its admin.",
          requestBody: body({
            type: "object",
            required: ["username", "password"],
            properties: {
              username: { type: "string", pattern: "^[A-Za-z0-9_]{1,30}$" },
              password: { type: "string", minLength: 8, maxLength: 256 },
              displayName: { type: "string", maxLength: 50 },
            },
          }),
          responses: {
            "201": ok("Signed up; session cookie set", ref("AccountEnvelope")),
            "409": err("username_taken"),
            ...common,
          },
        },
      },
      "/api/auth/login": {
        post: {
          summary: "Sign in",
          requestBody: body({
            type: "object",
            required: ["username", "password"],
            properties: { username: { type: "string" }, password: { type: "string" } },
          }),
          responses: {
            "200": ok("Signed in; session cookie set", ref("AccountEnvelope")),
            "401": err("invalid_credentials"),
            "400": err("Invalid input"),
          },
        },
      },
      "/api/auth/logout": { post: { summary: "Sign out (ends the session)", responses: { "204": ok("Signed out") } } },
      "/api/me": {
        get: {
          summary: "The signed-in account",
          responses: { "200": ok("Account", ref("AccountEnvelope")), "401": err("unauthenticated") },
        },
        patch: {
          summary: "Update display name and bio",
          requestBody: body({
            type: "object",
            properties: { displayName: { type: "string", maxLength: 50 }, bio: { type: "string", maxLength: 500 } },
          }),
          responses: { "200": ok("Updated account", ref("AccountEnvelope")), ...common },
        },
      },
      "/api/me/avatar": {
        post: {
          summary: "Upload an avatar (PNG, JPEG, GIF, WebP or AVIF, at most 2 MB; the type is checked from the content)",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } },
            },
          },
          responses: { "200": ok("Updated account", ref("AccountEnvelope")), "415": err("unsupported_media_type"), ...common },
        },
      },
      "/api/posts": {
        post: {
          summary: "Publish a post",
          requestBody: body({
            type: "object",
            required: ["text"],
            properties: {
              text: { type: "string", maxLength: 3000, description: "1–3,000 characters (code points)" },
              visibility: ref("Visibility"),
              cw: { type: ["string", "null"], maxLength: 500 },
              replyToId: { type: ["string", "null"] },
            },
          }),
          responses: { "201": ok("Published", ref("PostEnvelope")), "404": err("replyToId not found"), ...common },
        },
      },
      "/api/posts/{id}": {
        get: {
          summary: "A post the viewer may see",
          parameters: [idParam],
          responses: { "200": ok("Post", ref("PostEnvelope")), "404": err("not_found") },
        },
        delete: {
          summary: "Delete your post (soft delete: it leaves every timeline)",
          parameters: [idParam],
          responses: { "204": ok("Deleted"), "403": err("forbidden"), "404": err("not_found"), "401": err("unauthenticated") },
        },
      },
      "/api/posts/{id}/thread": {
        get: {
          summary: "The post with its ancestors and descendants",
          parameters: [idParam],
          responses: {
            "200": ok("Thread", {
              type: "object",
              properties: {
                ancestors: { type: "array", items: ref("Post") },
                post: ref("Post"),
                descendants: { type: "array", items: ref("Post") },
              },
            }),
            "404": err("not_found"),
          },
        },
      },
      "/api/timelines/local": {
        get: {
          summary: "Local timeline (public and local_public posts; local_only too when signed in)",
          parameters: pageParams,
          responses: { "200": ok("Page", page("Post")) },
        },
      },
      "/api/timelines/home": {
        get: {
          summary: "Home timeline (own posts, followed accounts, mentions)",
          parameters: pageParams,
          responses: { "200": ok("Page", page("Post")), "401": err("unauthenticated") },
        },
      },
      "/api/accounts/{handle}": {
        get: {
          summary: "An account by username",
          parameters: [handleParam],
          responses: { "200": ok("Account", ref("AccountEnvelope")), "404": err("not_found") },
        },
      },
      "/api/accounts/{handle}/posts": {
        get: {
          summary: "An account's posts the viewer may see",
          parameters: [handleParam, ...pageParams],
          responses: { "200": ok("Page", page("Post")), "404": err("not_found") },
        },
      },
      "/api/follows": {
        post: {
          summary: "Follow an account",
          requestBody: body({
            type: "object",
            required: ["target"],
            properties: { target: { type: "string", description: "a local username" } },
          }),
          responses: { "200": ok("Relationship", ref("RelationshipEnvelope")), "404": err("not_found"), ...common },
        },
      },
      "/api/follows/{target}": {
        delete: {
          summary: "Unfollow an account",
          parameters: [{ name: "target", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": ok("Relationship", ref("RelationshipEnvelope")),
            "404": err("not_found"),
            "401": err("unauthenticated"),
          },
        },
      },
      "/media/{key}": {
        get: {
          summary: "Local media (avatars) from R2, immutable",
          parameters: [{ name: "key", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("The file"), "404": err("not_found") },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" } },
            },
          },
        },
        Instance: {
          type: "object",
          properties: { name: { type: "string" }, origin: { type: "string" }, version: { type: "string" } },
        },
        Visibility: {
          type: "string",
          enum: ["public", "local_public", "unlisted", "followers", "direct", "local_only"],
          default: "public",
        },
        Relationship: { type: "object", properties: { following: { type: "boolean" }, followedBy: { type: "boolean" } } },
        RelationshipEnvelope: { type: "object", properties: { relationship: ref("Relationship") } },
        Account: {
          type: "object",
          required: ["id", "username", "displayName"],
          properties: {
            id: { type: "string" },
            username: { type: "string" },
            acct: { type: "string" },
            displayName: { type: "string" },
            bio: { type: "string" },
            avatarUrl: { type: ["string", "null"] },
            role: { type: "string", enum: ["admin", "moderator", "user"] },
            createdAt: { type: "string", format: "date-time" },
            followersCount: { type: "integer" },
            followingCount: { type: "integer" },
            postsCount: { type: "integer" },
            url: { type: "string" },
            uri: { type: "string" },
            relationship: ref("Relationship"),
          },
        },
        AccountEnvelope: { type: "object", properties: { account: ref("Account") } },
        Post: {
          type: "object",
          required: ["id", "text", "visibility", "createdAt", "author"],
          properties: {
            id: { type: "string" },
            uri: { type: "string" },
            url: { type: "string" },
            text: { type: "string" },
            cw: { type: ["string", "null"] },
            visibility: ref("Visibility"),
            createdAt: { type: "string", format: "date-time" },
            author: {
              type: "object",
              properties: {
                id: { type: "string" },
                username: { type: "string" },
                displayName: { type: "string" },
                avatarUrl: { type: ["string", "null"] },
              },
            },
            replyToId: { type: ["string", "null"] },
            repliesCount: { type: "integer" },
            remote: { type: "boolean" },
            mine: { type: "boolean" },
          },
        },
        PostEnvelope: { type: "object", properties: { post: ref("Post") } },
      },
    },
  };
}
