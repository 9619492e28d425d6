// Typed client for our JSON API (same origin, cookie session). Every response is parsed
// at the edge with valibot, so nothing untyped reaches the components; every failure
// becomes an ApiError with a code (see error-message.ts for the user-facing text).
import * as v from "valibot";

export const VISIBILITIES = ["public", "local_public", "unlisted", "followers", "direct", "local_only"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const MAX_POST_LENGTH = 3000;

const RelationshipSchema = v.object({
  following: v.boolean(),
  /** A follow request to a locked account waits for its owner. */
  requested: v.optional(v.boolean(), false),
  followedBy: v.boolean(),
});
export type Relationship = v.InferOutput<typeof RelationshipSchema>;

export const AccountSchema = v.object({
  id: v.string(),
  username: v.string(),
  displayName: v.string(),
  bio: v.string(),
  avatarUrl: v.nullable(v.string()),
  role: v.picklist(["admin", "moderator", "user"]),
  createdAt: v.string(),
  followersCount: v.number(),
  followingCount: v.number(),
  postsCount: v.number(),
  /** Follows wait for approval (follow requests). */
  locked: v.optional(v.boolean()),
  relationship: v.optional(RelationshipSchema),
  /** A remote profile: `bio` is HTML sanitised by the server (rendered through RemoteHtml). */
  remote: v.optional(v.boolean()),
  /** Remote profiles: custom emoji of the display name. */
  emojis: v.optional(v.array(v.object({ shortcode: v.string(), url: v.string() }))),
});
export type Account = v.InferOutput<typeof AccountSchema>;

export const AuthorSchema = v.object({
  id: v.string(),
  username: v.string(),
  displayName: v.string(),
  avatarUrl: v.nullable(v.string()),
  /** Remote authors: custom emoji of the display name. */
  emojis: v.optional(v.array(v.object({ shortcode: v.string(), url: v.string() }))),
});
export type Author = v.InferOutput<typeof AuthorSchema>;

export const REACTION_ACCEPTANCES = ["all", "likes", "none"] as const;
export type ReactionAcceptance = (typeof REACTION_ACCEPTANCES)[number];

const ReactionSchema = v.object({
  emoji: v.string(),
  count: v.number(),
  me: v.optional(v.boolean(), false),
});
export type Reaction = v.InferOutput<typeof ReactionSchema>;

export const CustomEmojiSchema = v.object({
  shortcode: v.string(),
  url: v.string(),
  category: v.optional(v.nullable(v.string()), null),
});
export type CustomEmoji = v.InferOutput<typeof CustomEmojiSchema>;

export const MediaSchema = v.object({
  id: v.string(),
  url: v.string(),
  type: v.fallback(v.picklist(["image", "video", "audio", "unknown"]), "unknown"),
  contentType: v.optional(v.string(), ""),
  width: v.optional(v.nullable(v.number()), null),
  height: v.optional(v.nullable(v.number()), null),
  alt: v.optional(v.nullable(v.string()), null),
  /** Remote posts: the file on its server (`url` goes through our media proxy). */
  remoteUrl: v.optional(v.nullable(v.string())),
  blurhash: v.optional(v.nullable(v.string())),
});
export type Media = v.InferOutput<typeof MediaSchema>;

/** A remote post's link card or quoted post (Bluesky embeds), as links only. */
export const RemoteEmbedSchema = v.variant("type", [
  v.object({
    type: v.literal("external"),
    url: v.string(),
    title: v.string(),
    description: v.string(),
    thumbUrl: v.nullable(v.string()),
  }),
  v.object({ type: v.literal("quote"), uri: v.string(), url: v.nullable(v.string()) }),
]);
export type RemoteEmbed = v.InferOutput<typeof RemoteEmbedSchema>;

/** Fields every post has, however deeply it is embedded (a quote inside a boost). */
const BasePostEntries = {
  id: v.string(),
  uri: v.string(),
  url: v.string(),
  text: v.string(),
  cw: v.nullable(v.string()),
  visibility: v.picklist(VISIBILITIES),
  createdAt: v.string(),
  author: AuthorSchema,
  replyToId: v.nullable(v.string()),
  repliesCount: v.number(),
  mine: v.boolean(),
  /** Set on posts made in a community (and its sequence number there). */
  communityId: v.optional(v.nullable(v.string())),
  seq: v.optional(v.nullable(v.number())),
  reactions: v.optional(v.array(ReactionSchema), []),
  reactionAcceptance: v.fallback(v.optional(v.picklist(REACTION_ACCEPTANCES), "all"), "all"),
  reactionsCount: v.optional(v.number(), 0),
  emojis: v.optional(v.array(v.object({ shortcode: v.string(), url: v.string() })), []),
  boostsCount: v.optional(v.number(), 0),
  boosted: v.optional(v.boolean(), false),
  bookmarked: v.optional(v.boolean(), false),
  pinned: v.optional(v.boolean(), false),
  quoteId: v.optional(v.nullable(v.string()), null),
  media: v.optional(v.array(MediaSchema), []),
  sensitive: v.optional(v.boolean(), false),
  editedAt: v.optional(v.nullable(v.string()), null),
  mentions: v.optional(v.array(v.object({ id: v.string(), username: v.string() })), []),
  hashtags: v.optional(v.array(v.string()), []),
  /** Remote posts (cached from another server or from Bluesky): where they came from and their content as HTML (sanitised by the server). */
  remote: v.optional(v.boolean()),
  host: v.optional(v.nullable(v.string())),
  protocol: v.optional(v.nullable(v.string())),
  html: v.optional(v.nullable(v.string())),
  inReplyToUri: v.optional(v.nullable(v.string())),
  embed: v.optional(v.fallback(v.nullable(RemoteEmbedSchema), null)),
};

/** A post shown inside another one (a quote's own quote is not rendered). */
const EmbeddedPostSchema = v.object(BasePostEntries);
export type EmbeddedPost = v.InferOutput<typeof EmbeddedPostSchema>;

/** A post that may carry a quote card. */
const InnerPostSchema = v.object({ ...BasePostEntries, quote: v.optional(v.nullable(EmbeddedPostSchema), null) });
export type InnerPost = v.InferOutput<typeof InnerPostSchema>;

export const PostSchema = v.object({
  ...BasePostEntries,
  quote: v.optional(v.nullable(EmbeddedPostSchema), null),
  /** On a boost: the boosted post (the boost's own text is empty). */
  boostOf: v.optional(v.nullable(InnerPostSchema), null),
  /** My word filters (action "warn") that matched: shown folded. */
  filtered: v.optional(v.array(v.string())),
});
export type Post = v.InferOutput<typeof PostSchema>;

export const PageSchema = v.object({ items: v.array(PostSchema), nextCursor: v.nullable(v.string()) });
export type Page = v.InferOutput<typeof PageSchema>;

const ThreadSchema = v.object({
  ancestors: v.array(PostSchema),
  post: PostSchema,
  descendants: v.array(PostSchema),
});
export type Thread = v.InferOutput<typeof ThreadSchema>;

const InstanceSchema = v.object({
  name: v.string(),
  origin: v.string(),
  version: v.string(),
  signupMode: v.optional(v.string(), "open"),
  localPublic: v.optional(v.boolean(), true),
});
export type Instance = v.InferOutput<typeof InstanceSchema>;

const AccountEnvelope = v.object({ account: AccountSchema });
export const PostEnvelope = v.object({ post: PostSchema });
const RelationshipEnvelope = v.object({ relationship: RelationshipSchema });
const ErrorEnvelope = v.object({ error: v.object({ code: v.string(), message: v.string() }) });

/** A failed request. `status` is 0 for network failures and unreadable responses. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from the Retry-After header (429 responses), when the server sent one. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Body = { json: unknown } | { form: FormData } | undefined;

export async function send(method: string, path: string, body?: Body): Promise<Response> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body && "json" in body) {
    init.headers = { Accept: "application/json", "Content-Type": "application/json" };
    init.body = JSON.stringify(body.json);
  } else if (body) {
    init.body = body.form; // the browser sets the multipart boundary itself
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, "network_error", e instanceof Error ? e.message : String(e));
  }
  if (res.ok) return res;
  const payload: unknown = await res.json().catch(() => null);
  const parsed = v.safeParse(ErrorEnvelope, payload);
  const retry = Number(res.headers.get("Retry-After") ?? "NaN");
  const retryAfter = Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null;
  if (parsed.success) throw new ApiError(res.status, parsed.output.error.code, parsed.output.error.message, retryAfter);
  throw new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`, retryAfter);
}

/** Sends a request and parses the JSON response with `schema`. */
export async function request<S extends v.GenericSchema>(
  schema: S,
  method: string,
  path: string,
  body?: Body,
): Promise<v.InferOutput<S>> {
  const res = await send(method, path, body);
  const payload: unknown = await res.json().catch(() => null);
  const parsed = v.safeParse(schema, payload);
  if (!parsed.success) {
    throw new ApiError(0, "bad_response", `Unexpected response from ${method} ${path}`);
  }
  return parsed.output;
}

export function pageQuery(cursor: string | null | undefined, limit = 20): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (cursor) q.set("cursor", cursor);
  return q.toString();
}

export const enc = encodeURIComponent;

export const api = {
  instance: () => request(InstanceSchema, "GET", "/api/instance"),

  /** `pending`: approval mode, the account waits for a moderator (no session). */
  signup: async (input: { username: string; password: string; displayName?: string; reason?: string; invite?: string }) =>
    await request(v.object({ ...AccountEnvelope.entries, pending: v.optional(v.boolean(), false) }), "POST", "/api/auth/signup", {
      json: input,
    }),
  login: async (input: { username: string; password: string }) =>
    (await request(AccountEnvelope, "POST", "/api/auth/login", { json: input })).account,
  logout: async (): Promise<void> => {
    await send("POST", "/api/auth/logout");
  },

  me: async () => (await request(AccountEnvelope, "GET", "/api/me")).account,
  updateMe: async (input: { displayName?: string; bio?: string; locked?: boolean }) =>
    (await request(AccountEnvelope, "PATCH", "/api/me", { json: input })).account,
  uploadAvatar: async (file: File) => {
    const form = new FormData();
    form.append("file", file);
    return (await request(AccountEnvelope, "POST", "/api/me/avatar", { form })).account;
  },

  createPost: async (input: {
    text: string;
    visibility?: Visibility;
    cw?: string;
    replyToId?: string;
    communityId?: string;
    quoteId?: string;
    mediaIds?: string[];
    reactionAcceptance?: ReactionAcceptance;
    sensitive?: boolean;
  }) => (await request(PostEnvelope, "POST", "/api/posts", { json: input })).post,
  post: async (id: string) => (await request(PostEnvelope, "GET", `/api/posts/${enc(id)}`)).post,
  deletePost: async (id: string): Promise<void> => {
    await send("DELETE", `/api/posts/${enc(id)}`);
  },
  thread: (id: string) => request(ThreadSchema, "GET", `/api/posts/${enc(id)}/thread`),

  homeTimeline: (cursor?: string | null) => request(PageSchema, "GET", `/api/timelines/home?${pageQuery(cursor)}`),
  localTimeline: (cursor?: string | null) => request(PageSchema, "GET", `/api/timelines/local?${pageQuery(cursor)}`),

  account: async (username: string) => (await request(AccountEnvelope, "GET", `/api/accounts/${enc(username)}`)).account,
  accountPosts: (username: string, cursor?: string | null) =>
    request(PageSchema, "GET", `/api/accounts/${enc(username)}/posts?${pageQuery(cursor)}`),

  follow: async (username: string) =>
    (await request(RelationshipEnvelope, "POST", "/api/follows", { json: { target: username } })).relationship,
  unfollow: async (username: string) =>
    (await request(RelationshipEnvelope, "DELETE", `/api/follows/${enc(username)}`)).relationship,
};
