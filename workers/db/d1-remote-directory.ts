import { eq } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { RemoteActorRef, RemoteDirectory, RemotePostRef } from "../core/moderation/ports";
import { remoteActors, remoteFollowings, remoteFollows, remotePosts, remoteReactions } from "./schema";

/** Remote actors and cached remote posts, for moderation (the federation cache is the source). */
export class D1RemoteDirectory implements RemoteDirectory {
  constructor(private readonly db: DrizzleD1Database) {}

  async findActor(id: string): Promise<RemoteActorRef | null> {
    const row = await this.db
      .select({ id: remoteActors.id, handle: remoteActors.handle, host: remoteActors.host })
      .from(remoteActors)
      .where(eq(remoteActors.id, id))
      .get();
    return row ?? null;
  }

  async findPost(id: string): Promise<RemotePostRef | null> {
    const row = await this.db
      .select({ id: remotePosts.id, actorId: remotePosts.actorId, text: remotePosts.text, deleted: remotePosts.deleted })
      .from(remotePosts)
      .where(eq(remotePosts.id, id))
      .get();
    return row && !row.deleted ? { id: row.id, actorId: row.actorId, text: row.text } : null;
  }

  async dropActorContent(actorId: string): Promise<void> {
    // The reaction triggers fix counts; follower counts of local accounts are not kept for remote followers.
    await this.db.batch([
      this.db.delete(remoteFollows).where(eq(remoteFollows.remoteActorId, actorId)),
      this.db.delete(remoteFollowings).where(eq(remoteFollowings.remoteActorId, actorId)),
      this.db.delete(remoteReactions).where(eq(remoteReactions.remoteActorId, actorId)),
      this.db.delete(remotePosts).where(eq(remotePosts.actorId, actorId)),
    ]);
  }

  async dropPost(id: string): Promise<void> {
    await this.db.delete(remotePosts).where(eq(remotePosts.id, id));
  }
}

/** What the ActivityPub adapter needs for moderation: addresses of reported remote content, suspended senders. */
export class D1FederationModeration {
  constructor(private readonly raw: D1Database) {}

  /** Where a Flag about this remote actor goes. */
  async actorAddress(actorId: string): Promise<{ iri: string; inbox: string; sharedInbox: string | null } | null> {
    const row = await this.raw
      .prepare("SELECT iri, inbox, shared_inbox FROM remote_actors WHERE id = ?")
      .bind(actorId)
      .first<{ iri: string; inbox: string; shared_inbox: string | null }>();
    return row ? { iri: row.iri, inbox: row.inbox, sharedInbox: row.shared_inbox } : null;
  }

  async postIri(postId: string): Promise<string | null> {
    return this.raw.prepare("SELECT iri FROM remote_posts WHERE id = ?").bind(postId).first<string>("iri");
  }

  /** Whether the actor with this IRI is suspended here (its activities are refused). */
  async isSuspended(actorIri: string): Promise<boolean> {
    const row = await this.raw
      .prepare(
        `SELECT 1 AS x FROM remote_actors r JOIN account_moderation m ON m.account_id = r.id
         WHERE r.iri = ? AND m.suspended_at IS NOT NULL`,
      )
      .bind(actorIri)
      .first();
    return row !== null;
  }
}
