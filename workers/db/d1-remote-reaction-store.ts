import { and, eq, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { remoteReactions } from "./schema";

/** Reactions of remote actors to local posts; counters are kept by triggers (migrations/0008). */
export class D1RemoteReactionStore {
  constructor(private readonly db: DrizzleD1Database) {}

  /** False when the actor already reacted to the post with this emoji (idempotent). */
  async add(postId: string, remoteActorId: string, emoji: string, activityIri: string | null, at: Date): Promise<boolean> {
    const r = await this.db
      .insert(remoteReactions)
      .values({ postId, remoteActorId, emoji, activityIri, createdAt: at })
      .onConflictDoNothing()
      .run();
    return Boolean(r.meta.changes);
  }

  /** Removes the actor's reaction named by its activity id; false when there was none. */
  async removeByActivity(actorIri: string, activityIri: string): Promise<boolean> {
    const r = await this.db
      .delete(remoteReactions)
      .where(and(eq(remoteReactions.remoteActorId, actorIdOf(actorIri)), eq(remoteReactions.activityIri, activityIri)))
      .run();
    return Boolean(r.meta.changes);
  }

  /** Removes the actor's reaction to the post with `emoji` (or with any emoji when null). */
  async remove(postId: string, actorIri: string, emoji: string | null): Promise<boolean> {
    const r = await this.db
      .delete(remoteReactions)
      .where(
        and(
          eq(remoteReactions.postId, postId),
          eq(remoteReactions.remoteActorId, actorIdOf(actorIri)),
          emoji === null ? undefined : eq(remoteReactions.emoji, emoji),
        ),
      )
      .run();
    return Boolean(r.meta.changes);
  }
}

const actorIdOf = (iri: string) => sql`(SELECT id FROM remote_actors WHERE iri = ${iri})`;
