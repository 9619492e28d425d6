/**
 * D1 schema (drizzle). D1 is the source of truth for local data. Timestamps are
 * integer milliseconds; ids are UUIDv7 text so that id order is time order and
 * timelines page by id (keyset pagination, never OFFSET).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  username: text("username").notNull(),
  usernameLower: text("username_lower").notNull().unique(),
  displayName: text("display_name").notNull().default(""),
  bio: text("bio").notNull().default(""),
  avatarKey: text("avatar_key"),
  role: text("role", { enum: ["admin", "moderator", "user"] })
    .notNull()
    .default("user"),
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  followersCount: integer("followers_count").notNull().default(0),
  followingCount: integer("following_count").notNull().default(0),
  postsCount: integer("posts_count").notNull().default(0),
  /** Notifications up to this id have been read (ids are UUIDv7, so "unread" is id > this). */
  notificationsReadId: text("notifications_read_id"),
  /** Locked: every follow (local or remote) waits for the owner's approval (follow_requests). */
  locked: integer("locked", { mode: "boolean" }).notNull().default(false),
});

export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_account_idx").on(t.accountId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const posts = sqliteTable(
  "posts",
  {
    id: text("id").primaryKey(),
    authorId: text("author_id")
      .notNull()
      .references(() => accounts.id),
    text: text("text").notNull(),
    cw: text("cw"),
    visibility: text("visibility", {
      enum: ["public", "local_public", "unlisted", "followers", "direct", "local_only"],
    }).notNull(),
    replyToId: text("reply_to_id"),
    rootId: text("root_id").notNull(),
    /** JSON array of mentioned local account ids (visibility checks need them with the post). */
    mentionIds: text("mention_ids").notNull().default("[]"),
    /** 2 = on the local timeline for everyone, 1 = for signed-in users only, 0 = not on it. */
    localReach: integer("local_reach").notNull().default(0),
    /**
     * Who sees it on the author's profile: 3 = anyone, 2 = signed-in users, 1 = followers,
     * 0 = the author only (direct), -1 = nobody (deleted, or in a members-only community).
     */
    profileReach: integer("profile_reach").notNull().default(3),
    repliesCount: integer("replies_count").notNull().default(0),
    /** The community (or room) the post was written in; null for profile posts. */
    communityId: text("community_id"),
    /** Per-community sequence number assigned by the community's Durable Object. */
    seq: integer("seq"),
    /** The post this one quotes (shown as a card). */
    quoteId: text("quote_id"),
    /** Set on a boost (renote): the boosted post. A boost has no text of its own. */
    boostOfId: text("boost_of_id"),
    /**
     * A reply to a post of another server: the parent's id there (its ActivityPub IRI).
     * `reply_to_id` stays null (the parent is not ours, and the remote cache expires).
     */
    inReplyToUri: text("in_reply_to_uri"),
    /** Which reactions the author accepts: every emoji, likes only, or none (Misskey's reaction acceptance). */
    reactionAcceptance: text("reaction_acceptance", { enum: ["all", "likes", "none"] })
      .notNull()
      .default("all"),
    /** Media marked sensitive: blurred until clicked. */
    sensitive: integer("sensitive", { mode: "boolean" }).notNull().default(false),
    boostsCount: integer("boosts_count").notNull().default(0),
    reactionsCount: integer("reactions_count").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Partial indexes: a local timeline page is one range scan over exactly the rows it shows.
    index("posts_local_everyone_idx").on(t.id).where(sql`local_reach = 2`),
    index("posts_local_signed_in_idx").on(t.id).where(sql`local_reach >= 1`),
    index("posts_author_idx").on(t.authorId, t.id),
    index("posts_profile_anyone_idx").on(t.authorId, t.id).where(sql`profile_reach = 3`),
    index("posts_profile_signed_in_idx").on(t.authorId, t.id).where(sql`profile_reach >= 2`),
    index("posts_profile_followers_idx").on(t.authorId, t.id).where(sql`profile_reach >= 1`),
    index("posts_profile_self_idx").on(t.authorId, t.id).where(sql`profile_reach >= 0`),
    index("posts_root_idx").on(t.rootId, t.id),
    index("posts_community_idx").on(t.communityId, t.id).where(sql`community_id IS NOT NULL`),
    index("posts_community_seq_idx").on(t.communityId, t.seq).where(sql`community_id IS NOT NULL`),
    // One boost per account and post; also finds "did I boost this".
    uniqueIndex("posts_boost_unique").on(t.authorId, t.boostOfId).where(sql`boost_of_id IS NOT NULL`),
    index("posts_boost_of_idx").on(t.boostOfId).where(sql`boost_of_id IS NOT NULL`),
    index("posts_quote_idx").on(t.quoteId).where(sql`quote_id IS NOT NULL`),
  ],
);

/** Home timelines, fanned out on write: one row per (reader, post). */
export const homeEntries = sqliteTable(
  "home_entries",
  {
    accountId: text("account_id").notNull(),
    postId: text("post_id").notNull(),
    authorId: text("author_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.postId] }),
    index("home_entries_post_idx").on(t.postId),
    index("home_entries_author_idx").on(t.accountId, t.authorId),
  ],
);

export const follows = sqliteTable(
  "follows",
  {
    followerId: text("follower_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    followeeId: text("followee_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.followerId, t.followeeId] }), index("follows_followee_idx").on(t.followeeId, t.followerId)],
);

/**
 * Communities and their sub-communities (rooms). Membership, roles and the join
 * policy belong to the root community; rooms inherit them (as channels do in
 * Discord), and a room may be narrower (members-only inside a public community).
 */
export const communities = sqliteTable(
  "communities",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    slugLower: text("slug_lower").notNull().unique(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    rules: text("rules").notNull().default(""),
    iconKey: text("icon_key"),
    bannerKey: text("banner_key"),
    ownerId: text("owner_id")
      .notNull()
      .references(() => accounts.id),
    parentId: text("parent_id"),
    rootId: text("root_id").notNull(),
    depth: integer("depth").notNull().default(0),
    joinPolicy: text("join_policy", { enum: ["open", "approval", "invite"] })
      .notNull()
      .default("open"),
    visibility: text("visibility", { enum: ["public", "members"] })
      .notNull()
      .default("public"),
    slowModeSeconds: integer("slow_mode_seconds").notNull().default(0),
    membersCount: integer("members_count").notNull().default(0),
    postsCount: integer("posts_count").notNull().default(0),
    /** Highest per-community sequence number assigned (by the community's Durable Object). */
    lastSeq: integer("last_seq").notNull().default(0),
    lastPostAt: integer("last_post_at", { mode: "timestamp_ms" }),
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("communities_parent_idx").on(t.parentId),
    index("communities_root_idx").on(t.rootId),
    index("communities_directory_idx").on(t.visibility, t.lastPostAt),
  ],
);

export const communityMembers = sqliteTable(
  "community_members",
  {
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "moderator", "member"] })
      .notNull()
      .default("member"),
    mutedUntil: integer("muted_until", { mode: "timestamp_ms" }),
    joinedAt: integer("joined_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.accountId] }), index("community_members_account_idx").on(t.accountId)],
);

export const communityJoinRequests = sqliteTable(
  "community_join_requests",
  {
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    message: text("message").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.accountId] })],
);

export const communityInvites = sqliteTable("community_invites", {
  code: text("code").primaryKey(),
  communityId: text("community_id")
    .notNull()
    .references(() => communities.id, { onDelete: "cascade" }),
  createdBy: text("created_by")
    .notNull()
    .references(() => accounts.id),
  maxUses: integer("max_uses"),
  uses: integer("uses").notNull().default(0),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Per-user read position in each community (unread = lastSeq - seq). */
export const communityReadMarkers = sqliteTable(
  "community_read_markers",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.communityId] })],
);

/** Emoji reactions: one per account, post and emoji. */
export const reactions = sqliteTable(
  "reactions",
  {
    postId: text("post_id").notNull(),
    accountId: text("account_id").notNull(),
    /** A Unicode emoji, or `:shortcode:` for a custom emoji of this server. */
    emoji: text("emoji").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.emoji, t.accountId] }), index("reactions_account_idx").on(t.accountId, t.postId)],
);

/** Per-post, per-emoji counts kept by triggers, so rendering a page never counts rows. */
export const reactionCounts = sqliteTable(
  "reaction_counts",
  {
    postId: text("post_id").notNull(),
    emoji: text("emoji").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.emoji] })],
);

/** The server's custom emoji, uploaded by admins, stored in R2. */
export const customEmojis = sqliteTable("custom_emojis", {
  shortcode: text("shortcode").primaryKey(),
  key: text("key").notNull(),
  category: text("category").notNull().default(""),
  createdBy: text("created_by").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Earlier versions of edited posts (the post row holds the current one). */
export const postEdits = sqliteTable(
  "post_edits",
  {
    id: text("id").primaryKey(),
    postId: text("post_id").notNull(),
    text: text("text").notNull(),
    cw: text("cw"),
    /** When this version was replaced. */
    replacedAt: integer("replaced_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("post_edits_post_idx").on(t.postId, t.id)],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    type: text("type", {
      enum: [
        "mention",
        "reply",
        "reaction",
        "boost",
        "quote",
        "follow",
        "follow_request",
        "community_join_request",
        "moderation_warning",
        "moderation_notice",
      ],
    }).notNull(),
    actorId: text("actor_id").notNull(),
    postId: text("post_id"),
    communityId: text("community_id"),
    /** For reactions: which emoji. */
    emoji: text("emoji"),
    /** Free text of a moderation warning or notice (the reason), shown as written. */
    text: text("text"),
    /**
     * Held by the server's policy (unknown sender, new-account hold): kept for the
     * Filtered tab, never counted as unread or pushed live.
     */
    filtered: integer("filtered", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("notifications_account_idx").on(t.accountId, t.id)],
);

/** Local media (R2 under MEDIA). Attached to at most one post. */
export const media = sqliteTable(
  "media",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    key: text("key").notNull(),
    contentType: text("content_type").notNull(),
    kind: text("kind", { enum: ["image", "video"] }).notNull(),
    width: integer("width"),
    height: integer("height"),
    size: integer("size").notNull(),
    alt: text("alt").notNull().default(""),
    postId: text("post_id"),
    position: integer("position").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("media_post_idx").on(t.postId, t.position), index("media_account_idx").on(t.accountId, t.id)],
);

/** Hashtags of posts that may appear on public hashtag timelines. */
export const postHashtags = sqliteTable(
  "post_hashtags",
  {
    tag: text("tag").notNull(),
    postId: text("post_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tag, t.postId] }), index("post_hashtags_post_idx").on(t.postId)],
);

export const bookmarks = sqliteTable(
  "bookmarks",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    postId: text("post_id").notNull(),
  },
  (t) => [uniqueIndex("bookmarks_unique").on(t.accountId, t.postId), index("bookmarks_account_idx").on(t.accountId, t.id)],
);

export const pins = sqliteTable(
  "pins",
  {
    accountId: text("account_id").notNull(),
    postId: text("post_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.postId] })],
);

/* ---------------------------------------------------------------------------
 * Federation (ActivityPub). Remote actors are not accounts: they are cached
 * profiles keyed by a UUIDv7 with the IRI in a unique column.
 * ------------------------------------------------------------------------- */

/**
 * Fedify's key–value store (caches, idempotence, double-knock memory). Keys are
 * the key parts, each URI-encoded, joined by "/" so a prefix is a range scan.
 */
export const fedifyKv = sqliteTable(
  "fedify_kv",
  {
    key: text("key").primaryKey(),
    /** JSON. */
    value: text("value").notNull(),
    /** Milliseconds; null never expires. Expired rows read as absent and are swept by the cron. */
    expiresAt: integer("expires_at"),
  },
  (t) => [index("fedify_kv_expires_idx").on(t.expiresAt).where(sql`expires_at IS NOT NULL`)],
);

/**
 * Signing keys of local actors: per account and for the instance actor (owner "instance").
 * Private keys are JWK and never leave the server (not logged, not in API answers, not in queue messages).
 */
export const actorKeys = sqliteTable(
  "actor_keys",
  {
    ownerId: text("owner_id").notNull(),
    /** "rsa": RSASSA-PKCS1-v1_5 SHA-256, 2048 bits (HTTP signatures); "ed25519": object integrity proofs. */
    algorithm: text("algorithm", { enum: ["rsa", "ed25519"] }).notNull(),
    publicJwk: text("public_jwk").notNull(),
    privateJwk: text("private_jwk").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.algorithm] })],
);

/** Remote ActivityPub actors we have heard from (a cache refreshed from verified actor documents). */
export const remoteActors = sqliteTable(
  "remote_actors",
  {
    id: text("id").primaryKey(),
    /** The actor's IRI; for an AT Protocol account, its DID. */
    iri: text("iri").notNull().unique(),
    /** Which adapter owns the row: ActivityPub actors, or Bluesky accounts read over the AT Protocol (see atproto_repos). */
    protocol: text("protocol", { enum: ["activitypub", "atproto"] })
      .notNull()
      .default("activitypub"),
    /** Lower-cased host of the IRI (peer of the actor). */
    host: text("host").notNull(),
    /** `@user@host`, when the actor has a preferredUsername. */
    handle: text("handle"),
    name: text("name"),
    inbox: text("inbox").notNull(),
    sharedInbox: text("shared_inbox"),
    /** Their bio, sanitised to Mastodon's allow-list when stored. */
    summary: text("summary"),
    /** Their avatar on their server (linked, never copied: remote media is not stored). */
    avatarUrl: text("avatar_url"),
    /** Their profile page. */
    url: text("url"),
    /** JSON array of `{ shortcode, url }`: custom emoji of their display name (links, shown through the media proxy). */
    emojis: text("emojis").notNull().default("[]"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    /** The actor deleted itself (Delete of the actor): a tombstone; nothing from it is accepted again. */
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("remote_actors_host_idx").on(t.host)],
);

/** Remote actors following local accounts (accepted at once: there are no locked accounts yet). */
export const remoteFollows = sqliteTable(
  "remote_follows",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    remoteActorId: text("remote_actor_id")
      .notNull()
      .references(() => remoteActors.id, { onDelete: "cascade" }),
    /** The id of their Follow activity (an Undo may name it). */
    followIri: text("follow_iri"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.remoteActorId] }),
    index("remote_follows_account_idx").on(t.accountId, t.createdAt),
    index("remote_follows_actor_idx").on(t.remoteActorId),
  ],
);

/** Health of each remote server we deliver to (the per-peer circuit breaker's state). */
export const peers = sqliteTable("peers", {
  host: text("host").primaryKey(),
  /** Last delivery the peer answered (2xx, or a definite 4xx: it is up). */
  lastSuccessAt: integer("last_success_at", { mode: "timestamp_ms" }),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  /** While in the future, deliveries to this peer are not attempted (the circuit is open). */
  unavailableUntil: integer("unavailable_until", { mode: "timestamp_ms" }),
  lastError: text("last_error"),
});

/** Deliveries that were given up (retries exhausted, or the inbox is gone): kept for inspection and replay. */
export const deliveryDeadLetters = sqliteTable(
  "delivery_dead_letters",
  {
    id: text("id").primaryKey(),
    host: text("host").notNull(),
    inbox: text("inbox").notNull(),
    activityId: text("activity_id"),
    activityType: text("activity_type"),
    /** "retries_exhausted", "gone" (the peer answered 404/410) or "refused" (the SSRF guard refused the inbox's address). */
    reason: text("reason", { enum: ["retries_exhausted", "gone", "refused"] }).notNull(),
    error: text("error").notNull().default(""),
    attempts: integer("attempts").notNull(),
    /** The Fedify outbox task, secret-free (private keys replaced by their key ids), JSON. */
    task: text("task").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("delivery_dead_letters_host_idx").on(t.host, t.id)],
);

/**
 * Reactions of remote actors to local posts (inbound `Like` / `EmojiReact`). Kept apart
 * from `reactions` (whose reactors are local accounts); the same triggers keep
 * reaction_counts and posts.reactions_count, so counts include them.
 */
export const remoteReactions = sqliteTable(
  "remote_reactions",
  {
    postId: text("post_id").notNull(),
    remoteActorId: text("remote_actor_id")
      .notNull()
      .references(() => remoteActors.id, { onDelete: "cascade" }),
    /** A Unicode emoji (remote custom emoji are taken as ❤️). */
    emoji: text("emoji").notNull(),
    /** The id of their Like/EmojiReact (an Undo may name only it). */
    activityIri: text("activity_iri"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.emoji, t.remoteActorId] }),
    index("remote_reactions_actor_idx").on(t.remoteActorId, t.activityIri),
  ],
);

/** Remote actors local accounts follow (outbound Follow): pending until their Accept arrives. */
export const remoteFollowings = sqliteTable(
  "remote_followings",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    remoteActorId: text("remote_actor_id")
      .notNull()
      .references(() => remoteActors.id, { onDelete: "cascade" }),
    /** The id of our Follow activity (their Accept and our Undo name it). */
    followIri: text("follow_iri").notNull(),
    /** Null while pending. */
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.remoteActorId] }), index("remote_followings_actor_idx").on(t.remoteActorId)],
);

/**
 * Remote posts (inbound `Create(Note)`), a bounded expiring cache, never the source of
 * truth: at most REMOTE_POST_LIMITS.perActor newest per actor (enforced on insert), at
 * most REMOTE_POST_LIMITS.total rows overall and nothing older than
 * REMOTE_POST_LIMITS.ttlMs (the scheduled `remote_posts` sweep). Media are links only.
 */
export const remotePosts = sqliteTable(
  "remote_posts",
  {
    /** Ours (UUIDv7 at receipt), so timelines page remote and local posts by the same id order. */
    id: text("id").primaryKey(),
    /** The Note's id; for an AT Protocol post, its at:// URI. */
    iri: text("iri").notNull().unique(),
    protocol: text("protocol", { enum: ["activitypub", "atproto"] })
      .notNull()
      .default("activitypub"),
    actorId: text("actor_id")
      .notNull()
      .references(() => remoteActors.id, { onDelete: "cascade" }),
    url: text("url"),
    /** The Note's content, sanitised to Mastodon's allow-list. */
    content: text("content").notNull().default(""),
    /** A plain-text rendering of content (search, previews, clients that show text). */
    text: text("text").notNull().default(""),
    cw: text("cw"),
    /** local_public only for posts of an accepted, available friend server (kmyblue:LocalPublic). */
    visibility: text("visibility", { enum: ["public", "local_public", "unlisted", "followers", "direct"] }).notNull(),
    inReplyTo: text("in_reply_to"),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    /**
     * JSON array of `{ url, type, mediaType, alt, width, height, blurhash }`: links to
     * their server, never copied (shown through the media proxy).
     */
    media: text("media").notNull().default("[]"),
    /** JSON array of `{ shortcode, url }`: the Note's custom emoji (links, shown through the media proxy). */
    emojis: text("emojis").notNull().default("[]"),
    sensitive: integer("sensitive", { mode: "boolean" }).notNull().default(false),
    /** An Announce (boost) by `actor_id`: the boosted cached post (our id); content stays empty. */
    boostOfId: text("boost_of_id"),
    /** JSON `{ type: "external" | "quote", ... }`: a link card or a quoted post, as links only (AT Protocol embeds). */
    embed: text("embed"),
    /** A tombstone: deleted by its author; content cleared, kept so a late Create cannot resurrect it. */
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    fetchedAt: integer("fetched_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("remote_posts_actor_idx").on(t.actorId, t.id),
    index("remote_posts_public_idx").on(t.id).where(sql`visibility IN ('public', 'local_public') AND deleted = 0`),
    index("remote_posts_expires_idx").on(t.expiresAt),
  ],
);

/** Server-wide settings (workers/core/settings): one row per key, JSON value, defaults in code. */
export const instanceSettings = sqliteTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

// --- friend servers & relays ---

const LINK_STATES = ["idle", "pending", "accepted", "rejected"] as const;

/**
 * Friend servers (kmyblue-compatible; FEDERATION.md, "Friend servers"): one row per
 * other server. `ourState` is our request to them, `theirState` theirs to us; the
 * friendship is on when either is accepted and `available` is true.
 */
export const friendServers = sqliteTable("friend_servers", {
  id: text("id").primaryKey(),
  /** host[:port], lower case. */
  domain: text("domain").notNull().unique(),
  /** Where friend deliveries go (their `inboxUrl`, else their shared inbox). */
  inboxUrl: text("inbox_url").notNull(),
  /** Their instance actor, once known (from their signed messages). */
  actorIri: text("actor_iri"),
  ourState: text("our_state", { enum: LINK_STATES }).notNull().default("idle"),
  theirState: text("their_state", { enum: LINK_STATES }).notNull().default("idle"),
  /** The id of our Follow (what their Accept/Reject names). */
  ourFollowId: text("our_follow_id"),
  /** The id of their Follow (what our Accept/Reject names). */
  theirFollowId: text("their_follow_id"),
  available: integer("available", { mode: "boolean" }).notNull().default(true),
  sendAll: integer("send_all", { mode: "boolean" }).notNull().default(false),
  receiveAll: integer("receive_all", { mode: "boolean" }).notNull().default(false),
  deliverLocalPublic: integer("deliver_local_public", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Relay subscriptions (Mastodon-style: Follow of as:Public from our instance actor to the relay's inbox). */
export const relays = sqliteTable("relays", {
  id: text("id").primaryKey(),
  inboxUrl: text("inbox_url").notNull().unique(),
  /** The relay's actor, once it answered. */
  actorIri: text("actor_iri"),
  followId: text("follow_id").notNull(),
  state: text("state", { enum: ["pending", "accepted", "rejected"] })
    .notNull()
    .default("pending"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});
// --- moderation: signup, actions, reports ---

/**
 * Moderation state of an account: a local account (`remote` false) or a remote actor
 * (`remote` true, `account_id` = remote_actors.id). No row means "in good standing".
 * Read paths hide posts of suspended authors everywhere and of silenced authors on
 * the local and federated timelines (workers/db/d1-post-store.ts, d1-remote-post-store.ts).
 */
export const accountModeration = sqliteTable(
  "account_moderation",
  {
    accountId: text("account_id").primaryKey(),
    remote: integer("remote", { mode: "boolean" }).notNull().default(false),
    silencedAt: integer("silenced_at", { mode: "timestamp_ms" }),
    suspendedAt: integer("suspended_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("account_moderation_suspended_idx").on(t.accountId).where(sql`suspended_at IS NOT NULL`),
    index("account_moderation_silenced_idx").on(t.accountId).where(sql`silenced_at IS NOT NULL`),
  ],
);

/** The audit log: every moderation action, by whom (null: the server itself), on what, why. */
export const moderationLog = sqliteTable(
  "moderation_log",
  {
    id: text("id").primaryKey(),
    /** The staff account that acted; null for the server's own actions (the 7-day signup switch). */
    actorId: text("actor_id"),
    action: text("action").notNull(),
    /** "account" | "remote_actor" | "post" | "report" | "invite" | "settings". */
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    /** A readable name of the target at the time (username, handle, invite code). */
    targetLabel: text("target_label").notNull().default(""),
    reason: text("reason").notNull().default(""),
    reportId: text("report_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("moderation_log_actor_idx").on(t.actorId, t.id)],
);

/** Reports by local users (or received as ActivityPub Flag) about a post or an account. */
export const reports = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    /** The local reporter; null for a report received from another server. */
    reporterId: text("reporter_id"),
    /** The remote server a Flag came from (host). */
    originHost: text("origin_host"),
    /** The reported account: a local account id or a remote actor id (see targetRemote). */
    targetAccountId: text("target_account_id").notNull(),
    targetRemote: integer("target_remote", { mode: "boolean" }).notNull().default(false),
    /** The reported post: a local post id or a cached remote post id. */
    postId: text("post_id"),
    /** The community the reported post was written in (its moderators may act). */
    communityId: text("community_id"),
    /** The post's text when it was reported (it may be edited or deleted later). */
    postSnapshot: text("post_snapshot"),
    category: text("category", { enum: ["spam", "abuse", "illegal", "other"] }).notNull(),
    comment: text("comment").notNull().default(""),
    /** Forwarded to the remote server as a Flag. */
    forwarded: integer("forwarded", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: ["open", "resolved", "dismissed"] })
      .notNull()
      .default("open"),
    resolvedBy: text("resolved_by"),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolutionNote: text("resolution_note").notNull().default(""),
    /** The Flag activity's id, so a redelivered Flag does not make a second report. */
    flagIri: text("flag_iri").unique(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("reports_status_idx").on(t.status, t.id),
    index("reports_target_idx").on(t.targetAccountId, t.id),
    index("reports_community_idx").on(t.communityId, t.status).where(sql`community_id IS NOT NULL`),
    // Per-reporter rate limit (reports.ts REPORT_RATE).
    index("reports_reporter_idx").on(t.reporterId, t.createdAt).where(sql`reporter_id IS NOT NULL`),
  ],
);

/** Accounts that signed up in approval mode and wait for a moderator (they cannot log in). */
export const signupRequests = sqliteTable("signup_requests", {
  accountId: text("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  reason: text("reason").notNull().default(""),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Server invite links for invite-only signup (/signup?invite=CODE). */
export const signupInvites = sqliteTable("signup_invites", {
  code: text("code").primaryKey(),
  createdBy: text("created_by").notNull(),
  /** Null: unlimited. */
  maxUses: integer("max_uses"),
  uses: integer("uses").notNull().default(0),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Fixed-window signup counters per client IP (the key is `ip|window start`); swept by the cron. */
export const signupRateCounters = sqliteTable(
  "signup_rate_counters",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull().default(0),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("signup_rate_counters_expires_idx").on(t.expiresAt)],
);

/** Small moderation timestamps by key: when staff last acted ("staff_active"). */
export const moderationMarks = sqliteTable("moderation_marks", {
  key: text("key").primaryKey(),
  at: integer("at", { mode: "timestamp_ms" }).notNull(),
});
// --- AP: mentions, follow requests ---

/**
 * Pending follows of locked accounts: by a local account (`requester_id`) or a remote
 * actor (`remote_actor_id` plus the id of their Follow, which Accept/Reject must name).
 * Exactly one of the two requester columns is set.
 */
export const followRequests = sqliteTable(
  "follow_requests",
  {
    id: text("id").primaryKey(),
    /** The locked account being followed. */
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    requesterId: text("requester_id").references(() => accounts.id, { onDelete: "cascade" }),
    remoteActorId: text("remote_actor_id").references(() => remoteActors.id, { onDelete: "cascade" }),
    followIri: text("follow_iri"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("follow_requests_account_idx").on(t.accountId, t.id),
    uniqueIndex("follow_requests_local_unique").on(t.accountId, t.requesterId).where(sql`requester_id IS NOT NULL`),
    uniqueIndex("follow_requests_remote_unique").on(t.accountId, t.remoteActorId).where(sql`remote_actor_id IS NOT NULL`),
  ],
);

/**
 * Local accounts a cached remote post is addressed to or mentions. Direct remote posts
 * are shown only to these accounts; mentions reach their home timelines through it.
 */
export const remotePostAudience = sqliteTable(
  "remote_post_audience",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    remotePostId: text("remote_post_id")
      .notNull()
      .references(() => remotePosts.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.remotePostId] }), index("remote_post_audience_post_idx").on(t.remotePostId)],
);

/** Announces (boosts) of local posts by remote actors; triggers keep posts.boosts_count. */
export const remoteBoosts = sqliteTable(
  "remote_boosts",
  {
    postId: text("post_id").notNull(),
    remoteActorId: text("remote_actor_id")
      .notNull()
      .references(() => remoteActors.id, { onDelete: "cascade" }),
    /** The id of their Announce (an Undo may name only it). */
    activityIri: text("activity_iri"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.remoteActorId] }),
    index("remote_boosts_actor_idx").on(t.remoteActorId, t.activityIri),
  ],
);

// --- remote media & interactions ---

/**
 * Our accounts' reactions to cached remote posts (sent as `Like`). Keyed by the cached
 * row, so they go with it when the cache drops the post; `activity_iri` is the Like's
 * id, named again by the `Undo`.
 */
export const remotePostReactions = sqliteTable(
  "remote_post_reactions",
  {
    remotePostId: text("remote_post_id")
      .notNull()
      .references(() => remotePosts.id, { onDelete: "cascade" }),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** A Unicode emoji, or `:shortcode:` for a custom emoji of this server. */
    emoji: text("emoji").notNull(),
    activityIri: text("activity_iri").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.remotePostId, t.emoji, t.accountId] })],
);

/**
 * Our accounts' boosts of cached remote posts (sent as `Announce`). The id is ours
 * (UUIDv7 at boost time) so boosts page with posts in profile and home timelines; the
 * row goes with the cached post.
 */
export const remotePostBoosts = sqliteTable(
  "remote_post_boosts",
  {
    id: text("id").primaryKey(),
    remotePostId: text("remote_post_id")
      .notNull()
      .references(() => remotePosts.id, { onDelete: "cascade" }),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    activityIri: text("activity_iri").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("remote_post_boosts_unique").on(t.accountId, t.remotePostId),
    index("remote_post_boosts_account_idx").on(t.accountId, t.id),
    index("remote_post_boosts_post_idx").on(t.remotePostId),
  ],
);
// --- AT Protocol ---

/**
 * Bluesky accounts (AT Protocol repositories) that local accounts follow: identity and
 * polling state per DID. Each has a remote_actors row (protocol "atproto", iri = DID), so
 * follows (remote_followings) and cached posts (remote_posts) are the same tables the
 * ActivityPub adapter uses; only what is AT-specific lives here.
 */
export const atprotoRepos = sqliteTable(
  "atproto_repos",
  {
    did: text("did").primaryKey(),
    remoteActorId: text("remote_actor_id")
      .notNull()
      .unique()
      .references(() => remoteActors.id, { onDelete: "cascade" }),
    /** The verified handle (it resolves back to this DID), or null when it does not. */
    handle: text("handle"),
    /** The PDS endpoint from the DID document. */
    pds: text("pds").notNull(),
    /** When the DID document was last read (refreshed after 24 h, honouring handle and PDS moves). */
    identityCheckedAt: integer("identity_checked_at", { mode: "timestamp_ms" }).notNull(),
    /** "ok", or why the repository cannot be read now. */
    status: text("status", { enum: ["ok", "unreachable", "not_found", "deactivated", "takendown", "rate_limited"] })
      .notNull()
      .default("ok"),
    /** The account asked not to be shown to signed-out viewers (`!no-unauthenticated`). */
    noUnauthenticated: integer("no_unauthenticated", { mode: "boolean" }).notNull().default(false),
    /** Self-labels of the profile (JSON array of label values). */
    labels: text("labels").notNull().default("[]"),
    lastPolledAt: integer("last_polled_at", { mode: "timestamp_ms" }),
    /** The cron polls the repositories whose time has come, oldest first (backoff after failures). */
    nextPollAt: integer("next_poll_at", { mode: "timestamp_ms" }).notNull(),
    /** Failures in a row (the backoff's exponent); 0 after a successful poll. */
    failures: integer("failures").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("atproto_repos_next_poll_idx").on(t.nextPollAt)],
);

/** Handle -> DID resolutions (DNS, /.well-known/atproto-did or resolveHandle), cached for a day; failures briefly. */
export const atprotoHandles = sqliteTable("atproto_handles", {
  handle: text("handle").primaryKey(),
  /** Null: the handle did not resolve (cached for a few minutes). */
  did: text("did"),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});

// --- moderation: policies, mutes, blocks ---

/**
 * Admin policies per remote domain (workers/core/moderation/domain-blocks.ts). A row
 * with severity `none` carries only the reject flags (Mastodon's "noop" block).
 */
export const domainBlocks = sqliteTable("domain_blocks", {
  /** Lower-cased host, without port or trailing dot. */
  domain: text("domain").primaryKey(),
  severity: text("severity", { enum: ["suspend", "silence", "none"] }).notNull(),
  rejectMedia: integer("reject_media", { mode: "boolean" }).notNull().default(false),
  rejectReports: integer("reject_reports", { mode: "boolean" }).notNull().default(false),
  rejectFriends: integer("reject_friends", { mode: "boolean" }).notNull().default(false),
  /** Moderators' private note. */
  comment: text("comment"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** How often each ingest rule refused or changed something (shown to moderators). */
export const policyHits = sqliteTable("policy_hits", {
  rule: text("rule").primaryKey(),
  count: integer("count").notNull().default(0),
  lastHitAt: integer("last_hit_at", { mode: "timestamp_ms" }).notNull(),
});

/** Token buckets of the inbox rate limits: `peer:<host>` and `actor:<iri>`. */
export const inboxRateBuckets = sqliteTable("inbox_rate_buckets", {
  key: text("key").primaryKey(),
  tokens: integer("tokens", { mode: "number" }).notNull(),
  /** When `tokens` was last computed (ms). */
  updatedAt: integer("updated_at").notNull(),
});

/**
 * A local account's mutes, blocks and boost hides of another account. `target_id` is a
 * local account id or a remote actor id (both UUIDv7, never equal); `remote` says which.
 */
export const accountMutes = sqliteTable(
  "account_mutes",
  {
    accountId: text("account_id").notNull(),
    targetId: text("target_id").notNull(),
    remote: integer("remote", { mode: "boolean" }).notNull(),
    /** Also hide their notifications (Mastodon's default: yes). */
    notifications: integer("notifications", { mode: "boolean" }).notNull().default(true),
    /** null: until unmuted. */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetId] })],
);

export const accountBlocks = sqliteTable(
  "account_blocks",
  {
    accountId: text("account_id").notNull(),
    targetId: text("target_id").notNull(),
    remote: integer("remote", { mode: "boolean" }).notNull(),
    /** The IRI of the Block activity we sent (for its Undo). */
    activityIri: text("activity_iri"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetId] }), index("account_blocks_target_idx").on(t.targetId)],
);

export const boostHides = sqliteTable(
  "boost_hides",
  {
    accountId: text("account_id").notNull(),
    targetId: text("target_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetId] })],
);

/** A person's own word filters on their timelines. */
export const wordFilters = sqliteTable(
  "word_filters",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    phrase: text("phrase").notNull(),
    action: text("action", { enum: ["hide", "warn"] }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("word_filters_account_idx").on(t.accountId)],
);

/**
 * A person's notification filter (Mastodon 4.3's): notifications from these kinds of
 * accounts go to the Filtered tab instead of the main list. Absent row: nothing filtered.
 */
export const notificationPolicies = sqliteTable("notification_policies", {
  accountId: text("account_id").primaryKey(),
  notFollowing: integer("not_following", { mode: "boolean" }).notNull().default(false),
  notFollowers: integer("not_followers", { mode: "boolean" }).notNull().default(false),
  newAccounts: integer("new_accounts", { mode: "boolean" }).notNull().default(false),
  privateMentions: integer("private_mentions", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
