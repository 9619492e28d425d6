import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { inChunks } from "./chunks";
import type { RemoteEmoji } from "./d1-remote-post-store";
import {
  followRequests,
  remoteActors,
  remoteBoosts,
  remoteFollowings,
  remoteFollows,
  remotePosts,
  remoteReactions,
} from "./schema";

/** What we keep of a remote actor, taken from its verified actor document. */
export interface RemoteActorInfo {
  readonly iri: string;
  readonly handle: string | null;
  readonly name: string | null;
  readonly inbox: string;
  readonly sharedInbox: string | null;
  /** Sanitised HTML. */
  readonly summary?: string | null;
  readonly avatarUrl?: string | null;
  readonly url?: string | null;
  /** Custom emoji of the display name (links; absent means none). */
  readonly emojis?: readonly RemoteEmoji[];
}

export interface RemoteActor extends RemoteActorInfo {
  readonly id: string;
  readonly host: string;
  /** It deleted itself: a tombstone. */
  readonly deleted?: boolean;
}

/** One page of a followers/following collection: actor IRIs, newest first. */
export interface IriPage {
  readonly items: string[];
  readonly nextCursor: string | null;
}

/** Remote actors (a refreshed cache) and the remote follows of local accounts. */
export class D1RemoteActorStore {
  constructor(
    private readonly db: DrizzleD1Database,
    private readonly raw: D1Database,
  ) {}

  /** Inserts or refreshes the actor by IRI; returns it with its id. A deleted actor stays a tombstone. */
  async upsert(info: RemoteActorInfo, newId: string, at: Date): Promise<RemoteActor> {
    const host = new URL(info.iri).host.toLowerCase();
    const row = await this.db
      .insert(remoteActors)
      .values({ id: newId, host, updatedAt: at, ...info, emojis: JSON.stringify(info.emojis ?? []) })
      .onConflictDoUpdate({
        target: remoteActors.iri,
        set: {
          handle: info.handle,
          name: info.name,
          inbox: info.inbox,
          sharedInbox: info.sharedInbox,
          summary: info.summary ?? null,
          avatarUrl: info.avatarUrl ?? null,
          url: info.url ?? null,
          emojis: JSON.stringify(info.emojis ?? []),
          updatedAt: at,
        },
        where: isNull(remoteActors.deletedAt),
      })
      .returning()
      .get();
    if (row) return toActor(row);
    const tombstone = await this.db.select().from(remoteActors).where(eq(remoteActors.iri, info.iri)).get();
    if (!tombstone) throw new Error(`remote actor ${info.iri} vanished during upsert`);
    return toActor(tombstone);
  }

  /** Of these actors (ids), those some local account follows (an accepted follow). */
  async followedLocally(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectDistinct({ id: remoteFollowings.remoteActorId })
      .from(remoteFollowings)
      .where(
        and(inArray(remoteFollowings.remoteActorId, [...new Set(ids)].slice(0, 100)), isNotNull(remoteFollowings.acceptedAt)),
      );
    return new Set(rows.map((r) => r.id));
  }

  /** Whether the actor deleted itself (its activities are no longer accepted). */
  async isDeleted(iri: string): Promise<boolean> {
    const row = await this.db
      .select({ one: sql`1` })
      .from(remoteActors)
      .where(and(eq(remoteActors.iri, iri), isNotNull(remoteActors.deletedAt)))
      .get();
    return row !== undefined;
  }

  /**
   * The actor deleted itself: its follows of local accounts and theirs of it, its follow
   * requests, reactions, boosts and cached posts go, in one atomic batch (counters follow
   * by trigger); the row stays as a tombstone without profile (notifications it caused
   * are no longer shown: findManyByIds skips tombstones).
   */
  async tombstone(id: string, at: Date): Promise<void> {
    await this.db.batch([
      this.db.delete(remoteFollows).where(eq(remoteFollows.remoteActorId, id)),
      this.db.delete(remoteFollowings).where(eq(remoteFollowings.remoteActorId, id)),
      this.db.delete(followRequests).where(eq(followRequests.remoteActorId, id)),
      this.db.delete(remoteReactions).where(eq(remoteReactions.remoteActorId, id)),
      this.db.delete(remoteBoosts).where(eq(remoteBoosts.remoteActorId, id)),
      this.db.delete(remotePosts).where(eq(remotePosts.actorId, id)),
      this.db
        .update(remoteActors)
        .set({ deletedAt: at, updatedAt: at, name: null, summary: null, avatarUrl: null, url: null })
        .where(eq(remoteActors.id, id)),
    ]);
  }

  /** By `@user@host` handle (as stored from their preferredUsername). */
  async findByHandle(handle: string): Promise<RemoteActor | null> {
    const row = await this.db.select().from(remoteActors).where(eq(remoteActors.handle, handle)).get();
    return row ? toActor(row) : null;
  }

  async findByIri(iri: string): Promise<RemoteActor | null> {
    const row = await this.db.select().from(remoteActors).where(eq(remoteActors.iri, iri)).get();
    return row ? toActor(row) : null;
  }

  /** By `user@host` handles, compared case-insensitively (as typed in a mention). */
  async findByHandles(handles: readonly string[]): Promise<RemoteActor[]> {
    const wanted = [...new Set(handles.map((h) => `@${h.replace(/^@/, "")}`.toLowerCase()))];
    if (wanted.length === 0) return [];
    const rows = await inChunks(wanted, (chunk) =>
      this.db
        .select()
        .from(remoteActors)
        .where(inArray(sql`lower(${remoteActors.handle})`, chunk)),
    );
    return rows.map(toActor);
  }

  async findManyByIds(ids: readonly string[]): Promise<RemoteActor[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await inChunks(unique, (chunk) =>
      this.db
        .select()
        .from(remoteActors)
        .where(and(inArray(remoteActors.id, chunk), isNull(remoteActors.deletedAt))),
    );
    return rows.map(toActor);
  }

  /** False when the follow already existed (its Follow id is refreshed). */
  async addFollower(accountId: string, remoteActorId: string, followIri: string | null, at: Date): Promise<boolean> {
    const r = await this.db
      .insert(remoteFollows)
      .values({ accountId, remoteActorId, followIri, createdAt: at })
      .onConflictDoUpdate({ target: [remoteFollows.accountId, remoteFollows.remoteActorId], set: { followIri } })
      .run();
    return Boolean(r.meta.changes);
  }

  /** Removes the remote actor's follow of the account; false when there was none. */
  async removeFollower(accountId: string, actorIri: string): Promise<boolean> {
    const r = await this.db
      .delete(remoteFollows)
      .where(
        and(
          eq(remoteFollows.accountId, accountId),
          sql`${remoteFollows.remoteActorId} = (SELECT id FROM remote_actors WHERE iri = ${actorIri})`,
        ),
      )
      .run();
    return Boolean(r.meta.changes);
  }

  /** Drops the remote actor's pending follow request to the account (their Undo arrived first). */
  async withdrawRequest(accountId: string, remoteActorId: string): Promise<void> {
    await this.db
      .delete(followRequests)
      .where(and(eq(followRequests.accountId, accountId), eq(followRequests.remoteActorId, remoteActorId)));
  }

  /** Every remote follower of the account, for delivery (grouped by shared inbox by the sender). */
  async followers(accountId: string): Promise<RemoteActor[]> {
    const rows = await this.db
      .select({ actor: remoteActors })
      .from(remoteFollows)
      .innerJoin(remoteActors, eq(remoteActors.id, remoteFollows.remoteActorId))
      .where(eq(remoteFollows.accountId, accountId))
      .all();
    return rows.map((r) => toActor(r.actor));
  }

  async isFollower(accountId: string, actorIri: string): Promise<boolean> {
    const row = await this.raw
      .prepare(
        "SELECT 1 AS one FROM remote_follows f JOIN remote_actors a ON a.id = f.remote_actor_id WHERE f.account_id = ? AND a.iri = ?",
      )
      .bind(accountId, actorIri)
      .first();
    return row !== null;
  }

  /** Local and remote followers of the account. */
  async countFollowers(accountId: string): Promise<number> {
    const row = await this.raw
      .prepare(
        "SELECT (SELECT COUNT(*) FROM follows WHERE followee_id = ?1) + (SELECT COUNT(*) FROM remote_follows WHERE account_id = ?1) AS n",
      )
      .bind(accountId)
      .first<{ n: number }>();
    return row?.n ?? 0;
  }

  /**
   * A page of the account's followers (local accounts as `${origin}/users/name`, remote
   * actors by IRI), newest first; the cursor is "<created_at>:<iri>" of the last item.
   */
  async followersPage(accountId: string, origin: string, limit: number, cursor: string | null): Promise<IriPage> {
    const union = `SELECT ?2 || '/users/' || a.username AS iri, f.created_at AS at FROM follows f JOIN accounts a ON a.id = f.follower_id WHERE f.followee_id = ?1
      UNION ALL SELECT r.iri AS iri, rf.created_at AS at FROM remote_follows rf JOIN remote_actors r ON r.id = rf.remote_actor_id WHERE rf.account_id = ?1`;
    return this.page(union, [accountId, origin], limit, cursor);
  }

  /** A page of the local accounts the account follows (remote followees come with outbound follows). */
  async followingPage(accountId: string, origin: string, limit: number, cursor: string | null): Promise<IriPage> {
    const q = `SELECT ?2 || '/users/' || a.username AS iri, f.created_at AS at FROM follows f JOIN accounts a ON a.id = f.followee_id WHERE f.follower_id = ?1`;
    return this.page(q, [accountId, origin], limit, cursor);
  }

  private async page(source: string, params: string[], limit: number, cursor: string | null): Promise<IriPage> {
    const m = cursor ? /^(\d+):(.+)$/.exec(cursor) : null;
    const where = m ? "WHERE at < ?3 OR (at = ?3 AND iri < ?4)" : "";
    const rows = await this.raw
      .prepare(`SELECT iri, at FROM (${source}) ${where} ORDER BY at DESC, iri DESC LIMIT ${Math.floor(limit) + 1}`)
      .bind(...params, ...(m ? [Number(m[1]), m[2]] : []))
      .all<{ iri: string; at: number }>();
    const items = rows.results.slice(0, limit);
    const last = items.at(-1);
    return { items: items.map((r) => r.iri), nextCursor: rows.results.length > limit && last ? `${last.at}:${last.iri}` : null };
  }
}

function toActor(row: typeof remoteActors.$inferSelect): RemoteActor {
  return {
    id: row.id,
    iri: row.iri,
    host: row.host,
    handle: row.handle,
    name: row.name,
    inbox: row.inbox,
    sharedInbox: row.sharedInbox,
    summary: row.summary,
    avatarUrl: row.avatarUrl,
    url: row.url,
    deleted: row.deletedAt !== null,
    emojis: parseEmojis(row.emojis),
  };
}

function parseEmojis(json: string): RemoteEmoji[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as RemoteEmoji[]) : [];
  } catch {
    return [];
  }
}
