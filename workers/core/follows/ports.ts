import type { Page, PageRequest } from "../shared/ports";

export interface Relationship {
  readonly following: boolean;
  /** A follow request to a locked account waits for its owner. */
  readonly requested: boolean;
  readonly followedBy: boolean;
}

export interface FollowStore {
  /** Returns false when the follow already existed. Keeps both accounts' counters in step. */
  follow(followerId: string, followeeId: string, at: Date): Promise<boolean>;
  /** Returns false when there was nothing to remove. */
  unfollow(followerId: string, followeeId: string): Promise<boolean>;
  isFollowing(followerId: string, followeeId: string): Promise<boolean>;
  relationship(viewerId: string, otherId: string): Promise<Relationship>;
}

/**
 * Who asked to follow a locked account: a local account, or an account of another
 * server (`remoteId` is the protocol adapter's own id for it; `ref` names its request
 * there, so the answer can quote it).
 */
export type FollowRequester =
  | { readonly kind: "local"; readonly accountId: string }
  | { readonly kind: "remote"; readonly remoteId: string; readonly ref: string | null };

export interface FollowRequest {
  readonly id: string;
  /** The locked account. */
  readonly accountId: string;
  readonly requester: FollowRequester;
  readonly createdAt: Date;
}

export interface FollowRequestStore {
  /** Records a pending request; an existing one is kept (its `ref` refreshed). Returns false when it existed. */
  add(request: FollowRequest): Promise<boolean>;
  find(accountId: string, id: string): Promise<FollowRequest | null>;
  /** Whether `requesterId` (a local account) has a pending request to `accountId`. */
  isPending(requesterId: string, accountId: string): Promise<boolean>;
  /** The account's pending requests, newest first. */
  page(accountId: string, page: PageRequest): Promise<Page<FollowRequest>>;
  /** Turns the request into a follow (local or remote) in one atomic write; false when it was gone. */
  accept(request: FollowRequest, at: Date): Promise<boolean>;
  /** Drops the request; false when it was gone. */
  remove(request: FollowRequest): Promise<boolean>;
  /** Withdraws a local account's request (it unfollowed before an answer); false when there was none. */
  withdraw(requesterId: string, accountId: string): Promise<boolean>;
}
