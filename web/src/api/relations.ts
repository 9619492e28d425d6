// Typed client for my mutes, blocks, boost hides and word filters.
import * as v from "valibot";
import { enc, request, send } from "./client";

export const RelationsSchema = v.object({
  muting: v.boolean(),
  mutingNotifications: v.boolean(),
  muteExpiresAt: v.nullable(v.string()),
  blocking: v.boolean(),
  blockedBy: v.boolean(),
  hidingBoosts: v.boolean(),
});
export type Relations = v.InferOutput<typeof RelationsSchema>;
const Envelope = v.object({ relations: RelationsSchema });

const EntrySchema = v.object({
  id: v.string(),
  acct: v.string(),
  displayName: v.nullable(v.string()),
  remote: v.boolean(),
  expiresAt: v.nullable(v.string()),
});
export type RelationEntry = v.InferOutput<typeof EntrySchema>;

export const WORD_FILTER_ACTIONS = ["hide", "warn"] as const;
const FilterSchema = v.object({ id: v.string(), phrase: v.string(), action: v.picklist(WORD_FILTER_ACTIONS) });
export type WordFilter = v.InferOutput<typeof FilterSchema>;

/** The handle as the API takes it: `name` for a local account, `@user@host` for a remote one. */
export const handleOf = (username: string) => enc(username.includes("@") ? `@${username.replace(/^@/, "")}` : username);

const action = async (username: string, what: string, json?: unknown) =>
  (await request(Envelope, "POST", `/api/accounts/${handleOf(username)}/${what}`, json === undefined ? undefined : { json }))
    .relations;

export const relationsApi = {
  get: async (username: string) => (await request(Envelope, "GET", `/api/accounts/${handleOf(username)}/relations`)).relations,
  mute: (username: string, durationSeconds: number | null = null) => action(username, "mute", { durationSeconds }),
  unmute: (username: string) => action(username, "unmute"),
  block: (username: string) => action(username, "block"),
  unblock: (username: string) => action(username, "unblock"),
  hideBoosts: (username: string) => action(username, "hide-boosts"),
  showBoosts: (username: string) => action(username, "show-boosts"),
  mutes: async () => (await request(v.object({ items: v.array(EntrySchema) }), "GET", "/api/mutes")).items,
  blocks: async () => (await request(v.object({ items: v.array(EntrySchema) }), "GET", "/api/blocks")).items,
  filters: async () => (await request(v.object({ items: v.array(FilterSchema) }), "GET", "/api/filters")).items,
  addFilter: async (phrase: string, filterAction: WordFilter["action"]) =>
    (await request(v.object({ filter: FilterSchema }), "POST", "/api/filters", { json: { phrase, action: filterAction } }))
      .filter,
  removeFilter: async (id: string): Promise<void> => {
    await send("DELETE", `/api/filters/${enc(id)}`);
  },
};

export const NotificationPolicySchema = v.object({
  notFollowing: v.boolean(),
  notFollowers: v.boolean(),
  newAccounts: v.boolean(),
  privateMentions: v.boolean(),
});
export type NotificationPolicy = v.InferOutput<typeof NotificationPolicySchema>;
const PolicyEnvelope = v.object({ policy: NotificationPolicySchema });

export const notificationPolicyApi = {
  get: async () => (await request(PolicyEnvelope, "GET", "/api/notifications/policy")).policy,
  set: async (policy: NotificationPolicy) =>
    (await request(PolicyEnvelope, "PUT", "/api/notifications/policy", { json: policy })).policy,
};
