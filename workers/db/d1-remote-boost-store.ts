import { and, eq, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { remoteBoosts } from "./schema";

/** Boosts (inbound Announce) of local posts by remote actors; posts.boosts_count is kept by triggers (migrations/0014). */
export class D1RemoteBoostStore {
  constructor(private readonly db: DrizzleD1Database) {}

  /** False when the actor already boosted the post (idempotent). */
  async add(postId: string, remoteActorId: string, activityIri: string | null, at: Date): Promise<boolean> {
    const r = await this.db
      .insert(remoteBoosts)
      .values({ postId, remoteActorId, activityIri, createdAt: at })
      .onConflictDoNothing()
      .run();
    return Boolean(r.meta.changes);
  }

  /** Removes the actor's boost named by its Announce id; false when there was none. */
  async removeByActivity(actorIri: string, activityIri: string): Promise<boolean> {
    const r = await this.db
      .delete(remoteBoosts)
      .where(and(eq(remoteBoosts.remoteActorId, actorIdOf(actorIri)), eq(remoteBoosts.activityIri, activityIri)))
      .run();
    return Boolean(r.meta.changes);
  }

  /** Removes the actor's boost of the post; false when there was none. */
  async remove(postId: string, actorIri: string): Promise<boolean> {
    const r = await this.db
      .delete(remoteBoosts)
      .where(and(eq(remoteBoosts.postId, postId), eq(remoteBoosts.remoteActorId, actorIdOf(actorIri))))
      .run();
    return Boolean(r.meta.changes);
  }
}

const actorIdOf = (iri: string) => sql`(SELECT id FROM remote_actors WHERE iri = ${iri})`;
