// Typed client for /api/admin/friends and /api/admin/relays (admins only).
import * as v from "valibot";
import { enc, request } from "./client";

export const LINK_STATES = ["idle", "pending", "accepted", "rejected"] as const;
const State = v.picklist(LINK_STATES);

export const FriendSchema = v.object({
  id: v.string(),
  domain: v.string(),
  inboxUrl: v.string(),
  ourState: State,
  theirState: State,
  state: State,
  available: v.boolean(),
  sendAll: v.boolean(),
  receiveAll: v.boolean(),
  deliverLocalPublic: v.boolean(),
  lastDeliveryAt: v.optional(v.nullable(v.string()), null),
  failures: v.optional(v.number(), 0),
  lastError: v.optional(v.nullable(v.string()), null),
  unavailableUntil: v.optional(v.nullable(v.string()), null),
});
export type Friend = v.InferOutput<typeof FriendSchema>;
export type FriendFlags = Partial<Pick<Friend, "available" | "sendAll" | "receiveAll" | "deliverLocalPublic">>;

export const RelaySchema = v.object({
  id: v.string(),
  inboxUrl: v.string(),
  state: v.picklist(["pending", "accepted", "rejected"]),
  createdAt: v.string(),
});
export type Relay = v.InferOutput<typeof RelaySchema>;

const MapSchema = v.object({
  nodes: v.array(v.object({ id: v.string(), kind: v.picklist(["self", "friend", "remote"]) })),
  edges: v.array(
    v.object({
      from: v.string(),
      to: v.string(),
      state: v.picklist([...LINK_STATES, "known"]),
      paused: v.boolean(),
      health: v.picklist(["ok", "failing", "down", "unknown"]),
    }),
  ),
});
export type FriendMap = v.InferOutput<typeof MapSchema>;

const FriendEnvelope = v.object({ friend: FriendSchema });
const Nothing = v.unknown();

export const friendsApi = {
  list: async () => (await request(v.object({ items: v.array(FriendSchema) }), "GET", "/api/admin/friends")).items,
  request: async (url: string) => (await request(FriendEnvelope, "POST", "/api/admin/friends", { json: { url } })).friend,
  accept: async (id: string) => (await request(FriendEnvelope, "POST", `/api/admin/friends/${enc(id)}/accept`)).friend,
  reject: async (id: string) => (await request(FriendEnvelope, "POST", `/api/admin/friends/${enc(id)}/reject`)).friend,
  update: async (id: string, flags: FriendFlags) =>
    (await request(FriendEnvelope, "PATCH", `/api/admin/friends/${enc(id)}`, { json: flags })).friend,
  remove: async (id: string) => {
    await request(Nothing, "DELETE", `/api/admin/friends/${enc(id)}`);
  },
  map: () => request(MapSchema, "GET", "/api/admin/friends/map"),
  relays: async () => (await request(v.object({ items: v.array(RelaySchema) }), "GET", "/api/admin/relays")).items,
  subscribe: async (url: string) =>
    (await request(v.object({ relay: RelaySchema }), "POST", "/api/admin/relays", { json: { url } })).relay,
  unsubscribe: async (id: string) => {
    await request(Nothing, "DELETE", `/api/admin/relays/${enc(id)}`);
  },
};
