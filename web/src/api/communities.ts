// Typed client for /api/communities (see workers/http/openapi.ts). Like client.ts, every
// response is checked with valibot before it reaches a component.
import * as v from "valibot";
import { enc, PageSchema, PostSchema, pageQuery, request, send } from "./client";

export const JOIN_POLICIES = ["open", "approval", "invite"] as const;
export type JoinPolicy = (typeof JOIN_POLICIES)[number];
export const COMMUNITY_VISIBILITIES = ["public", "members"] as const;
export type CommunityVisibility = (typeof COMMUNITY_VISIBILITIES)[number];
/** Community names (the part after /c/). */
export const COMMUNITY_NAME_PATTERN = "[A-Za-z0-9_-]{1,40}";
/** Visibilities a community post may have (followers and direct are refused in communities). */
export const COMMUNITY_POST_VISIBILITIES = ["public", "local_public", "unlisted", "local_only"] as const;

const MeSchema = v.object({
  member: v.boolean(),
  role: v.nullable(v.string()),
  requested: v.boolean(),
  unread: v.optional(v.number()),
});
export type CommunityMe = v.InferOutput<typeof MeSchema>;

export const CommunitySchema = v.object({
  id: v.string(),
  name: v.string(),
  title: v.string(),
  description: v.string(),
  rules: v.string(),
  iconUrl: v.nullable(v.string()),
  bannerUrl: v.nullable(v.string()),
  parentId: v.nullable(v.string()),
  rootId: v.string(),
  depth: v.number(),
  joinPolicy: v.picklist(JOIN_POLICIES),
  visibility: v.picklist(COMMUNITY_VISIBILITIES),
  slowModeSeconds: v.number(),
  membersCount: v.number(),
  postsCount: v.number(),
  lastSeq: v.number(),
  lastPostAt: v.nullable(v.string()),
  archived: v.boolean(),
  createdAt: v.string(),
  url: v.string(),
  me: v.optional(MeSchema),
});
export type Community = v.InferOutput<typeof CommunitySchema>;

const ListSchema = v.object({ items: v.array(CommunitySchema) });
const CommunityEnvelope = v.object({ community: CommunitySchema });
const DetailSchema = v.object({ community: CommunitySchema, rooms: v.array(CommunitySchema) });
export type CommunityDetail = v.InferOutput<typeof DetailSchema>;

const JoinSchema = v.object({ status: v.picklist(["joined", "requested"]) });

const MemberSchema = v.object({
  account: v.object({ id: v.string(), username: v.string(), displayName: v.string(), avatarUrl: v.nullable(v.string()) }),
  role: v.string(),
  joinedAt: v.string(),
});
export type Member = v.InferOutput<typeof MemberSchema>;
const MembersSchema = v.object({ items: v.array(MemberSchema), nextCursor: v.nullable(v.string()) });
export type MembersPage = v.InferOutput<typeof MembersSchema>;

const JoinRequestSchema = v.object({
  accountId: v.string(),
  username: v.string(),
  displayName: v.string(),
  message: v.string(),
  createdAt: v.string(),
});
export type JoinRequest = v.InferOutput<typeof JoinRequestSchema>;
const JoinRequestsSchema = v.object({ items: v.array(JoinRequestSchema) });

const InviteSchema = v.object({
  invite: v.object({ code: v.string(), url: v.string(), maxUses: v.nullable(v.number()), expiresAt: v.nullable(v.string()) }),
});
export type Invite = v.InferOutput<typeof InviteSchema>["invite"];

const MoreSchema = v.object({ type: v.literal("more"), count: v.number(), from: v.string(), to: v.string() });
export type MoreMarker = v.InferOutput<typeof MoreSchema>;
const HighlightsSchema = v.object({
  items: v.array(v.variant("type", [v.object({ ...PostSchema.entries, type: v.literal("post") }), MoreSchema])),
  nextCursor: v.nullable(v.string()),
});
export type HighlightsPage = v.InferOutput<typeof HighlightsSchema>;

const CatchUpSchema = v.object({
  sinceSeq: v.number(),
  lastSeq: v.number(),
  newPosts: v.number(),
  topPosts: v.array(PostSchema),
  activeMembers: v.array(v.object({ accountId: v.string(), username: v.string(), displayName: v.string(), posts: v.number() })),
  truncated: v.boolean(),
});
export type CatchUp = v.InferOutput<typeof CatchUpSchema>;

export interface NewCommunity {
  name: string;
  title: string;
  description?: string;
  rules?: string;
  parentId?: string;
  joinPolicy?: JoinPolicy;
  visibility?: CommunityVisibility;
}

export interface CommunityPatch {
  title?: string;
  description?: string;
  rules?: string;
  joinPolicy?: JoinPolicy;
  visibility?: CommunityVisibility;
  slowModeSeconds?: number;
  archived?: boolean;
}

const base = (id: string) => `/api/communities/${enc(id)}`;

export const communitiesApi = {
  directory: async (q: string) =>
    (await request(ListSchema, "GET", `/api/communities${q.trim() ? `?q=${enc(q.trim())}` : ""}`)).items,
  joined: async () => (await request(ListSchema, "GET", "/api/communities/joined")).items,
  get: (id: string) => request(DetailSchema, "GET", base(id)),
  create: async (input: NewCommunity) =>
    (await request(CommunityEnvelope, "POST", "/api/communities", { json: input })).community,
  update: async (id: string, patch: CommunityPatch) =>
    (await request(CommunityEnvelope, "PATCH", base(id), { json: patch })).community,
  join: async (id: string, input: { inviteCode?: string; message?: string } = {}) =>
    (await request(JoinSchema, "POST", `${base(id)}/join`, { json: input })).status,
  leave: async (id: string): Promise<void> => {
    await send("POST", `${base(id)}/leave`);
  },
  members: (id: string, cursor?: string | null) =>
    request(MembersSchema, "GET", `${base(id)}/members${cursor ? `?cursor=${enc(cursor)}` : ""}`),
  requests: async (id: string) => (await request(JoinRequestsSchema, "GET", `${base(id)}/requests`)).items,
  decide: async (id: string, accountId: string, decision: "approve" | "reject"): Promise<void> => {
    await send("POST", `${base(id)}/requests/${enc(accountId)}/${decision}`);
  },
  createInvite: async (id: string) => (await request(InviteSchema, "POST", `${base(id)}/invites`, { json: {} })).invite,
  uploadImage: async (id: string, kind: "icon" | "banner", file: File) => {
    const form = new FormData();
    form.append("file", file);
    return (await request(CommunityEnvelope, "POST", `${base(id)}/${kind}`, { form })).community;
  },
  timeline: (id: string, cursor?: string | null) => request(PageSchema, "GET", `${base(id)}/timeline?${pageQuery(cursor)}`),
  highlights: (id: string, cursor?: string | null) =>
    request(HighlightsSchema, "GET", `${base(id)}/timeline?mode=highlights${cursor ? `&cursor=${enc(cursor)}` : ""}`),
  catchUp: (id: string) => request(CatchUpSchema, "GET", `${base(id)}/catch-up`),
  markRead: async (id: string, seq: number): Promise<void> => {
    await send("POST", `${base(id)}/read`, { json: { seq } });
  },
  /** ws:// or wss:// URL of the live timeline, resuming after `since` when given. */
  liveUrl: (id: string, since: number | null, loc: { protocol: string; host: string } = location) =>
    `${loc.protocol === "https:" ? "wss:" : "ws:"}//${loc.host}${base(id)}/live${since !== null ? `?since=${since}` : ""}`,
};
