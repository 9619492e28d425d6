import type { Page, PageRequest } from "../shared/ports";
import type { LocalReach, Post, Viewer, Visibility } from "./post";

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
  /** Includes soft-deleted posts (with deletedAt set) so deletes are idempotent. */
  findById(id: string): Promise<Post | null>;
  /** Marks deleted, removes it from every timeline and fixes counters, atomically. */
  softDelete(post: Post, at: Date): Promise<void>;
  localTimeline(viewer: Viewer, page: PageRequest): Promise<Page<Post>>;
  homeTimeline(accountId: string, page: PageRequest): Promise<Page<Post>>;
  accountPosts(authorId: string, visibilities: readonly Visibility[], page: PageRequest): Promise<Page<Post>>;
  /** Non-deleted replies in a thread, oldest first, at most `limit`. */
  threadPosts(rootId: string, limit: number): Promise<Post[]>;
  /** Adds the author's recent posts visible to followers into the follower's home timeline. */
  backfillHome(followerId: string, authorId: string, limit: number): Promise<void>;
  /** Removes the author's posts from the follower's home timeline (unless they mention the follower). */
  removeFromHome(followerId: string, authorId: string): Promise<void>;
}
