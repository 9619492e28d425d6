import type { Page, PageRequest } from "../shared/ports";
import type { LocalReach, Post, ProfileReach, ReactionAcceptance, Viewer, Visibility } from "./post";

export interface NewPost {
  readonly id: string;
  readonly authorId: string;
  readonly text: string;
  readonly cw: string | null;
  readonly visibility: Visibility;
  readonly replyToId: string | null;
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
  readonly createdAt: Date;
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
}
