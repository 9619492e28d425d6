/**
 * D1 schema (drizzle). D1 is the source of truth for local data. Timestamps are
 * integer milliseconds; ids are UUIDv7 text so that id order is time order and
 * timelines page by id (keyset pagination, never OFFSET).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
    repliesCount: integer("replies_count").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Partial indexes: a local timeline page is one range scan over exactly the rows it shows.
    index("posts_local_everyone_idx").on(t.id).where(sql`local_reach = 2`),
    index("posts_local_signed_in_idx").on(t.id).where(sql`local_reach >= 1`),
    index("posts_author_idx").on(t.authorId, t.id),
    index("posts_root_idx").on(t.rootId, t.id),
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
