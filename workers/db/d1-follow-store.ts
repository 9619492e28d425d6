import { and, eq, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { FollowStore, Relationship } from "../core/follows/ports";
import { follows } from "./schema";

/** Follower/following counters are maintained by triggers (migrations/0001_counter_triggers.sql). */
export class D1FollowStore implements FollowStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async follow(followerId: string, followeeId: string, at: Date): Promise<boolean> {
    const r = await this.db.insert(follows).values({ followerId, followeeId, createdAt: at }).onConflictDoNothing().run();
    return Boolean(r.meta.changes);
  }

  async unfollow(followerId: string, followeeId: string): Promise<boolean> {
    const r = await this.db
      .delete(follows)
      .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)))
      .run();
    return Boolean(r.meta.changes);
  }

  async isFollowing(followerId: string, followeeId: string): Promise<boolean> {
    const row = await this.db
      .select({ one: sql`1` })
      .from(follows)
      .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)))
      .get();
    return row !== undefined;
  }

  async relationship(viewerId: string, otherId: string): Promise<Relationship> {
    const [following, followedBy] = await Promise.all([this.isFollowing(viewerId, otherId), this.isFollowing(otherId, viewerId)]);
    return { following, followedBy, requested: false };
  }
}
