// Typed client for /api/admin/* (admins only; the server answers 403 to others).
import * as v from "valibot";
import { request } from "./client";

export const SIGNUP_MODES = ["open", "approval", "invite", "closed"] as const;
export const UNKNOWN_SENDER_POLICIES = ["allow", "filter", "drop"] as const;

export const SettingsSchema = v.object({
  autoAcceptFriends: v.boolean(),
  forbidLocalPublic: v.boolean(),
  signupMode: v.picklist(SIGNUP_MODES),
  prohibitedWords: v.array(v.string()),
  sensitiveWords: v.array(v.string()),
  mentionLimit: v.number(),
  strangerMentionLimit: v.number(),
  unknownSenderPolicy: v.picklist(UNKNOWN_SENDER_POLICIES),
  newAccountHoldHours: v.number(),
  inboxActorPerMinute: v.number(),
  inboxPeerPerMinute: v.number(),
  postsPerMinute: v.number(),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;
const SettingsEnvelope = v.object({ settings: SettingsSchema });

export const adminApi = {
  settings: async () => (await request(SettingsEnvelope, "GET", "/api/admin/settings")).settings,
  updateSettings: async (patch: Partial<Settings>) =>
    (await request(SettingsEnvelope, "PATCH", "/api/admin/settings", { json: patch })).settings,
};
