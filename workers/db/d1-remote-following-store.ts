import { and, eq, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { remoteFollowings } from "./schema";

export type FollowingState = "pending" | "accepted";

/** Local accounts' follows of remote actors (outbound Follow), pending until accepted. */
export class D1RemoteFollowingStore {
  constructor(private readonly db: DrizzleD1Database) {}

  /** Records a pending follow; an existing one is kept as it is (returned). */
  async request(
    accountId: string,
    remoteActorId: string,
    followIri: string,
    at: Date,
  ): Promise<{ state: FollowingState; followIri: string }> {
    await this.db
      .insert(remoteFollowings)
      .values({ accountId, remoteActorId, followIri, createdAt: at })
      .onConflictDoNothing()
      .run();
    const row = await this.db
      .select()
      .from(remoteFollowings)
      .where(and(eq(remoteFollowings.accountId, accountId), eq(remoteFollowings.remoteActorId, remoteActorId)))
      .get();
    return { state: row?.acceptedAt ? "accepted" : "pending", followIri: row?.followIri ?? followIri };
  }

  /** Marks the follow accepted when the accepting actor is its object; false when there is none. */
  async accept(followIri: string | null, accountId: string | null, actorIri: string, at: Date): Promise<boolean> {
    const r = await this.db
      .update(remoteFollowings)
      .set({ acceptedAt: at })
      .where(and(this.match(followIri, accountId), eq(remoteFollowings.remoteActorId, actorIdOf(actorIri))))
      .run();
    return Boolean(r.meta.changes);
  }

  /** Removes the follow (Reject from them, or our Undo); returns its Follow id, or null when there was none. */
  async remove(followIri: string | null, accountId: string | null, actorIri: string): Promise<string | null> {
    const row = await this.db
      .delete(remoteFollowings)
      .where(and(this.match(followIri, accountId), eq(remoteFollowings.remoteActorId, actorIdOf(actorIri))))
      .returning({ followIri: remoteFollowings.followIri })
      .get();
    return row?.followIri ?? null;
  }

  async state(accountId: string, actorIri: string): Promise<FollowingState | null> {
    const row = await this.db
      .select({ acceptedAt: remoteFollowings.acceptedAt })
      .from(remoteFollowings)
      .where(and(eq(remoteFollowings.accountId, accountId), eq(remoteFollowings.remoteActorId, actorIdOf(actorIri))))
      .get();
    if (!row) return null;
    return row.acceptedAt ? "accepted" : "pending";
  }

  private match(followIri: string | null, accountId: string | null) {
    if (followIri) return eq(remoteFollowings.followIri, followIri);
    return accountId ? eq(remoteFollowings.accountId, accountId) : sql`0`;
  }
}

const actorIdOf = (iri: string) => sql`(SELECT id FROM remote_actors WHERE iri = ${iri})`;
