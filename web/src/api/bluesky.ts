// Bluesky accounts over the AT Protocol (issue 7): profiles by handle, DID or at:// URI,
// their cached posts, and following them. Parsed with valibot like the rest of the API.
import * as v from "valibot";
import { enc, PageSchema, pageQuery, request } from "./client";

export const BLUESKY_STATUSES = ["ok", "unreachable", "not_found", "deactivated", "takendown", "rate_limited"] as const;
export type BlueskyStatus = (typeof BLUESKY_STATUSES)[number];

const RelationshipSchema = v.object({ following: v.boolean(), followedBy: v.optional(v.boolean(), false) });

export const BlueskyAccountSchema = v.object({
  id: v.string(),
  username: v.string(),
  displayName: v.string(),
  /** Escaped HTML from the server (rendered with RemoteHtml, never as raw HTML). */
  bio: v.string(),
  avatarUrl: v.nullable(v.string()),
  url: v.string(),
  did: v.string(),
  status: v.fallback(v.picklist(BLUESKY_STATUSES), "ok"),
  labels: v.optional(v.array(v.string()), []),
  lastPolledAt: v.optional(v.nullable(v.string()), null),
  relationship: v.optional(RelationshipSchema),
});
export type BlueskyAccount = v.InferOutput<typeof BlueskyAccountSchema>;

const Envelope = v.object({ account: BlueskyAccountSchema });
const FollowEnvelope = v.object({ relationship: RelationshipSchema });

/** Whether a search or a handle looks like a Bluesky account: `alice.bsky.social`, `did:plc:…`, `at://…`. */
export function blueskyTarget(input: string): string | null {
  const s = input.trim().replace(/^@/, "");
  if (/^at:\/\/[^\s/]+/.test(s)) return s;
  if (/^did:(plc|web):[a-zA-Z0-9._:%-]+$/.test(s)) return s;
  if (/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*$/i.test(s) && !s.includes("@")) return s.toLowerCase();
  return null;
}

/** The web client's page for a Bluesky account. */
export const blueskyPath = (handle: string) => `/@${handle}?protocol=atproto`;

export const blueskyApi = {
  account: async (handle: string) => (await request(Envelope, "GET", `/api/accounts/${enc(handle)}?protocol=atproto`)).account,
  posts: (handle: string, cursor?: string | null) =>
    request(PageSchema, "GET", `/api/accounts/${enc(handle)}/posts?protocol=atproto&${pageQuery(cursor)}`),
  follow: async (target: string) =>
    (await request(FollowEnvelope, "POST", "/api/follows", { json: { target, protocol: "atproto" } })).relationship,
  unfollow: async (target: string) =>
    (await request(FollowEnvelope, "DELETE", `/api/follows/${enc(target)}?protocol=atproto`)).relationship,
};
