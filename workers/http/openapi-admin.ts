/** OpenAPI paths and schemas for the admin area (/api/admin/*). */
import { body, common, err, ok, ref } from "./openapi-builders";

const admin = { ...common, "403": err("forbidden: admins only") };

export const adminPaths = {
  "/api/admin/settings": {
    get: {
      summary: "Server-wide settings (admins only)",
      responses: { "200": ok("The effective settings", ref("SettingsEnvelope")), ...admin },
    },
    patch: {
      summary: "Change some server settings (admins only). Unknown fields are refused.",
      requestBody: body(ref("SettingsPatch")),
      responses: { "200": ok("The new effective settings", ref("SettingsEnvelope")), ...admin },
    },
  },
};

const words = { type: "array", maxItems: 500, items: { type: "string", maxLength: 100 } };
const settingsProperties = {
  autoAcceptFriends: { type: "boolean", description: "Accept friend requests without an admin", default: false },
  forbidLocalPublic: {
    type: "boolean",
    description: "local_public posts fall back to unlisted on this server",
    default: false,
  },
  signupMode: { type: "string", enum: ["open", "approval", "invite", "closed"], default: "open" },
  prohibitedWords: { ...words, description: "Posts containing one of these are refused" },
  sensitiveWords: { ...words, description: "Posts containing one of these get a content warning" },
  mentionLimit: { type: "integer", minimum: 0, maximum: 1000, default: 20 },
  strangerMentionLimit: {
    type: "integer",
    minimum: 0,
    maximum: 1000,
    default: 5,
    description: "Mention cap for posts from accounts nobody here follows",
  },
  unknownSenderPolicy: { type: "string", enum: ["allow", "filter", "drop"], default: "allow" },
  newAccountHoldHours: {
    type: "integer",
    minimum: 0,
    maximum: 2160,
    default: 0,
    description: "Remote accounts first seen less than this many hours ago don't notify (0: off)",
  },
  inboxActorPerMinute: { type: "integer", minimum: 1, maximum: 100000, default: 60 },
  inboxPeerPerMinute: { type: "integer", minimum: 1, maximum: 1000000, default: 600 },
  postsPerMinute: {
    type: "integer",
    minimum: 1,
    maximum: 10000,
    default: 30,
    description: "posts outside communities one account may publish per minute (token bucket; the burst too); 429 beyond",
  },
};

export const adminSchemas = {
  Settings: { type: "object", required: Object.keys(settingsProperties), properties: settingsProperties },
  SettingsPatch: { type: "object", additionalProperties: false, properties: settingsProperties },
  SettingsEnvelope: { type: "object", required: ["settings"], properties: { settings: ref("Settings") } },
};
