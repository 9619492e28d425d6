export interface Relationship {
  readonly following: boolean;
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
