import type { Page, PageRequest } from "../shared/ports";
import type { LocalReach, Post, ProfileReach, ReactionAcceptance, Viewer, Visibility } from "./post";

export interface NewPost {
  readonly id: string;
  readonly authorId: string;
  readonly text: string;
  readonly cw: string | null;
  readonly visibility: Visibility;
  readonly replyToId: string | null;
  /** See Post.replyToExternal. */
  readonly replyToExternal?: string | null;
  readonly rootId: string;
  readonly mentionIds: readonly string[];
  readonly localReach: LocalReach;
  readonly profileReach: ProfileReach;
  readonly communityId: string | null;
  readonly seq: number | null;
  readonly quoteId?: string | null;
  readonly boostOfId?: string | null;
  readonly reactionAcceptance?: ReactionAcceptance;
  readonly sensitive?: boolean;
  /** Tags for the public hashtag timelines (empty unless the post may appear there). */
  readonly hashtags?: readonly string[];
  readonly createdAt: Date;
}

/** A new version of a post's text (the old one goes to its edit history). */
export interface PostEdit {
  readonly text: string;
  readonly cw: string | null;
  readonly mentionIds: readonly string[];
  readonly hashtags: readonly string[];
  readonly editId: string;
  readonly at: Date;
}

/** An earlier version of an edited post. */
export interface PostVersion {
  readonly text: string;
  readonly cw: string | null;
  readonly replacedAt: Date;
}

/** Whose home timelines receive a new post (fan-out on write). */
export interface HomeAudience {
  /** Also deliver to every follower of this account. */
  readonly followersOf: string | null;
  /** Deliver to these accounts (the author, mentioned accounts). */
  readonly accountIds: readonly string[];
}

export interface PostStore {
  /** Inserts the post, its counters and its home-timeline entries atomically. */
  insert(post: NewPost, audience: HomeAudience): Promise<Post>;
  /** Inserts several posts in one atomic write (a community's group commit); returns them in order. */
  insertMany(entries: readonly { post: NewPost; audience: HomeAudience }[]): Promise<Post[]>;
  /** Includes soft-deleted posts (with deletedAt set) so deletes are idempotent. */
  findById(id: string): Promise<Post | null>;
  /** Marks deleted, removes it from every timeline and fixes counters, atomically. */
  softDelete(post: Post, at: Date): Promise<void>;
  localTimeline(viewer: Viewer, page: PageRequest): Promise<Page<Post>>;
  /**
   * Home timeline: the account's fanned-out entries merged with the newest posts of
   * the given communities (each read as its own bounded range).
   */
  homeTimeline(accountId: string, communityIds: readonly string[], page: PageRequest): Promise<Page<Post>>;
  /** A community's posts, newest first. */
  communityTimeline(communityId: string, page: PageRequest): Promise<Page<Post>>;
  /** A community's posts (deleted ones included, so clients can drop them) with seq > `afterSeq`, oldest first. */
  communityPostsSince(communityId: string, afterSeq: number, limit: number): Promise<Post[]>;
  /** Recent posts of a community in a time range, newest first, at most `limit` (for highlights and catch-up). */
  communityPostsBetween(communityId: string, from: Date, to: Date, limit: number): Promise<Post[]>;
  /**
   * An account's posts reaching at least `reach` on its profile; community posts only
   * where the viewer may read the community.
   */
  accountPosts(authorId: string, reach: Exclude<ProfileReach, "nobody">, viewer: Viewer, page: PageRequest): Promise<Page<Post>>;
  /** Non-deleted replies in a thread, oldest first, at most `limit`. */
  threadPosts(rootId: string, limit: number): Promise<Post[]>;
  /** Adds the author's recent posts visible to followers into the follower's home timeline. */
  backfillHome(followerId: string, authorId: string, limit: number): Promise<void>;
  /** Removes the author's posts from the follower's home timeline (unless they mention the follower). */
  removeFromHome(followerId: string, authorId: string): Promise<void>;
  /** Posts by id (deleted ones included), in no particular order; batched. */
  findMany(ids: readonly string[]): Promise<Post[]>;
  /** Author summaries of accounts by id (for mentions); batched. */
  authors(ids: readonly string[]): Promise<Post["author"][]>;
  /** The account's boost of `postId` (deleted or not). */
  findBoost(accountId: string, postId: string): Promise<Post | null>;
  /** Which of `postIds` the account has boosted (live boosts only). */
  boostedAmong(accountId: string, postIds: readonly string[]): Promise<Set<string>>;
  /** Removes a boost entirely (counters and timelines fixed), so the account may boost again later. */
  removeBoost(boost: Post, at: Date): Promise<void>;
  /** Replaces the text, keeping the old version in the history, and re-derives mentions and hashtags, atomically. */
  edit(post: Post, edit: PostEdit): Promise<Post>;
  /** Earlier versions, newest first. */
  history(postId: string, limit: number): Promise<PostVersion[]>;
  /** Posts tagged `tag` (only those stored for the public hashtag timelines), newest first. */
  tagTimeline(tag: string, page: PageRequest): Promise<Page<Post>>;
}

export interface ReactionCount {
  readonly emoji: string;
  readonly count: number;
}

export interface Reactors extends ReactionCount {
  readonly accounts: Post["author"][];
}

export interface ReactionStore {
  /** False when the account already reacted with this emoji (idempotent). */
  add(postId: string, accountId: string, emoji: string, at: Date): Promise<boolean>;
  /** False when there was no such reaction. */
  remove(postId: string, accountId: string, emoji: string): Promise<boolean>;
  /** Per-emoji counts of each post, most used first (kept by triggers; batched). */
  countsFor(postIds: readonly string[]): Promise<Map<string, ReactionCount[]>>;
  /** The emoji the account reacted with on each of `postIds`. */
  mineAmong(accountId: string, postIds: readonly string[]): Promise<Map<string, Set<string>>>;
  /** Who reacted with what: at most `emojiLimit` emoji with at most `accountsPerEmoji` accounts each. */
  reactors(postId: string, emojiLimit: number, accountsPerEmoji: number): Promise<Reactors[]>;
}

export interface BookmarkStore {
  /** False when already bookmarked. */
  add(id: string, accountId: string, postId: string): Promise<boolean>;
  remove(accountId: string, postId: string): Promise<boolean>;
  among(accountId: string, postIds: readonly string[]): Promise<Set<string>>;
  /** The account's bookmarked posts, newest bookmark first; the cursor is a bookmark id. */
  page(accountId: string, page: PageRequest): Promise<Page<Post>>;
}

export interface PinStore {
  /** Pins unless the account already has `max` pins: "pinned", "already" or "full". */
  pin(accountId: string, postId: string, at: Date, max: number): Promise<"pinned" | "already" | "full">;
  unpin(accountId: string, postId: string): Promise<boolean>;
  /** Which of the posts are pinned by their authors. */
  pinnedAmong(posts: readonly { authorId: string; postId: string }[]): Promise<Set<string>>;
  /** The account's pinned posts, most recently pinned first. */
  list(accountId: string, limit: number): Promise<Post[]>;
}
