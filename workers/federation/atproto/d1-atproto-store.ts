/**
 * D1 storage of the AT Protocol adapter: handle resolutions, per-DID state
 * (atproto_repos) and, through the shared tables, the account's remote_actors row and
 * local follows (remote_followings, accepted at once: reading a public repository needs
 * no consent). Posts go through D1RemotePostStore, the same bounded cache as ActivityPub.
 */
import { and, asc, desc, eq, exists, isNotNull, lt, lte, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { atprotoHandles, atprotoRepos, remoteActors, remoteFollowings, remotePosts } from "../../db/schema";

export type RepoStatus = (typeof atprotoRepos.$inferSelect)["status"];

export interface Repo {
  readonly did: string;
  readonly actorId: string;
  readonly handle: string | null;
  readonly pds: string;
  readonly identityCheckedAt: Date;
  readonly status: RepoStatus;
  readonly noUnauthenticated: boolean;
  readonly labels: string[];
  readonly lastPolledAt: Date | null;
  readonly nextPollAt: Date;
  readonly failures: number;
  readonly lastError: string | null;
  readonly name: string | null;
  readonly summary: string | null;
  readonly avatarUrl: string | null;
}

export interface RepoIdentity {
  readonly did: string;
  readonly handle: string | null;
  readonly pds: string;
}

export interface RepoProfile {
  readonly name: string | null;
  /** Escaped HTML. */
  readonly summary: string | null;
  readonly avatarUrl: string | null;
  readonly labels: string[];
}

function parseLabels(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

const repoColumns = {
  repo: atprotoRepos,
  name: remoteActors.name,
  summary: remoteActors.summary,
  avatarUrl: remoteActors.avatarUrl,
};

function toRepo(row: {
  repo: typeof atprotoRepos.$inferSelect;
  name: string | null;
  summary: string | null;
  avatarUrl: string | null;
}): Repo {
  const r = row.repo;
  return {
    did: r.did,
    actorId: r.remoteActorId,
    handle: r.handle,
    pds: r.pds,
    identityCheckedAt: r.identityCheckedAt,
    status: r.status,
    noUnauthenticated: r.noUnauthenticated,
    labels: parseLabels(r.labels),
    lastPolledAt: r.lastPolledAt,
    nextPollAt: r.nextPollAt,
    failures: r.failures,
    lastError: r.lastError,
    name: row.name,
    summary: row.summary,
    avatarUrl: row.avatarUrl,
  };
}

export class D1AtprotoStore {
  constructor(private readonly db: DrizzleD1Database) {}

  /** A cached resolution: a DID, null for a cached failure, undefined when none is cached. */
  async cachedHandle(handle: string, now: Date): Promise<string | null | undefined> {
    const row = await this.db.select().from(atprotoHandles).where(eq(atprotoHandles.handle, handle)).get();
    if (!row || row.expiresAt.getTime() <= now.getTime()) return undefined;
    return row.did;
  }

  async cacheHandle(handle: string, did: string | null, expiresAt: Date): Promise<void> {
    await this.db
      .insert(atprotoHandles)
      .values({ handle, did, expiresAt })
      .onConflictDoUpdate({ target: atprotoHandles.handle, set: { did, expiresAt } });
  }

  async find(did: string): Promise<Repo | null> {
    const row = await this.db
      .select(repoColumns)
      .from(atprotoRepos)
      .innerJoin(remoteActors, eq(remoteActors.id, atprotoRepos.remoteActorId))
      .where(eq(atprotoRepos.did, did))
      .get();
    return row ? toRepo(row) : null;
  }

  async findByActorId(actorId: string): Promise<Repo | null> {
    const row = await this.db
      .select(repoColumns)
      .from(atprotoRepos)
      .innerJoin(remoteActors, eq(remoteActors.id, atprotoRepos.remoteActorId))
      .where(eq(atprotoRepos.remoteActorId, actorId))
      .get();
    return row ? toRepo(row) : null;
  }

  /** Creates or refreshes the repository's identity (and its remote_actors row); returns it. */
  async saveIdentity(identity: RepoIdentity, newId: string, now: Date): Promise<Repo> {
    const host = URL.canParse(identity.pds) ? new URL(identity.pds).host.toLowerCase() : "bsky";
    const url = `https://bsky.app/profile/${identity.handle ?? identity.did}`;
    const actor = await this.db
      .insert(remoteActors)
      .values({
        id: newId,
        iri: identity.did,
        protocol: "atproto",
        host,
        handle: identity.handle,
        inbox: "",
        url,
        updatedAt: now,
      })
      .onConflictDoUpdate({ target: remoteActors.iri, set: { host, handle: identity.handle, url, updatedAt: now } })
      .returning({ id: remoteActors.id })
      .get();
    await this.db
      .insert(atprotoRepos)
      .values({
        did: identity.did,
        remoteActorId: actor.id,
        handle: identity.handle,
        pds: identity.pds,
        identityCheckedAt: now,
        nextPollAt: now,
      })
      .onConflictDoUpdate({
        target: atprotoRepos.did,
        set: { handle: identity.handle, pds: identity.pds, identityCheckedAt: now },
      });
    const repo = await this.find(identity.did);
    if (!repo) throw new Error(`atproto repo ${identity.did} vanished after saving`);
    return repo;
  }

  async saveProfile(repo: Repo, profile: RepoProfile, now: Date): Promise<void> {
    await this.db.batch([
      this.db
        .update(remoteActors)
        .set({ name: profile.name, summary: profile.summary, avatarUrl: profile.avatarUrl, updatedAt: now })
        .where(eq(remoteActors.id, repo.actorId)),
      this.db
        .update(atprotoRepos)
        .set({ labels: JSON.stringify(profile.labels), noUnauthenticated: profile.labels.includes("!no-unauthenticated") })
        .where(eq(atprotoRepos.did, repo.did)),
    ]);
  }

  /** Records a poll's outcome: the state, when to poll next and the failure streak. */
  async recordPoll(
    did: string,
    outcome: { status: RepoStatus; failures: number; nextPollAt: Date; error: string | null; polledAt: Date },
  ): Promise<void> {
    await this.db
      .update(atprotoRepos)
      .set({
        status: outcome.status,
        failures: outcome.failures,
        nextPollAt: outcome.nextPollAt,
        lastError: outcome.error,
        lastPolledAt: outcome.polledAt,
      })
      .where(eq(atprotoRepos.did, did));
  }

  /** Repositories that some local account follows and whose poll is due, the longest-waiting first. */
  async due(now: Date, limit: number): Promise<Repo[]> {
    const followed = this.db
      .select({ one: sql`1` })
      .from(remoteFollowings)
      .where(and(eq(remoteFollowings.remoteActorId, atprotoRepos.remoteActorId), isNotNull(remoteFollowings.acceptedAt)));
    const rows = await this.db
      .select(repoColumns)
      .from(atprotoRepos)
      .innerJoin(remoteActors, eq(remoteActors.id, atprotoRepos.remoteActorId))
      .where(and(lte(atprotoRepos.nextPollAt, now), exists(followed)))
      .orderBy(asc(atprotoRepos.nextPollAt))
      .limit(limit);
    return rows.map(toRepo);
  }

  /** Makes every followed repository due now (the admin "poll now" and the integration test). */
  async makeAllDue(now: Date): Promise<void> {
    await this.db.update(atprotoRepos).set({ nextPollAt: now });
  }

  /** The actor's cached posts (tombstones included; at most the per-actor cap): iri -> deleted. */
  async cachedPosts(actorId: string): Promise<Map<string, boolean>> {
    const rows = await this.db
      .select({ iri: remotePosts.iri, deleted: remotePosts.deleted })
      .from(remotePosts)
      .where(eq(remotePosts.actorId, actorId))
      .orderBy(desc(remotePosts.id))
      .limit(1000);
    return new Map(rows.map((r) => [r.iri, r.deleted]));
  }

  /** A repository that is gone (deleted, deactivated, taken down): its cached posts leave the cache. */
  async dropPosts(actorId: string): Promise<void> {
    await this.db.delete(remotePosts).where(eq(remotePosts.actorId, actorId));
  }

  /** The actor's cached posts for its profile page, newest first (a range scan of remote_posts_actor_idx). */
  async posts(actorId: string, limit: number, cursor: string | null) {
    const conditions = [eq(remotePosts.actorId, actorId), eq(remotePosts.deleted, false)];
    if (cursor) conditions.push(lt(remotePosts.id, cursor));
    const rows = await this.db
      .select({ id: remotePosts.id })
      .from(remotePosts)
      .where(and(...conditions))
      .orderBy(desc(remotePosts.id))
      .limit(limit + 1);
    return { ids: rows.slice(0, limit).map((r) => r.id), more: rows.length > limit };
  }

  async follow(accountId: string, actorId: string, did: string, now: Date): Promise<void> {
    await this.db
      .insert(remoteFollowings)
      .values({
        accountId,
        remoteActorId: actorId,
        followIri: `${did}#followed-by-${accountId}`,
        acceptedAt: now,
        createdAt: now,
      })
      .onConflictDoNothing();
    await this.db
      .update(atprotoRepos)
      .set({ nextPollAt: now })
      .where(and(eq(atprotoRepos.did, did), eq(atprotoRepos.failures, 0)));
  }

  async unfollow(accountId: string, actorId: string): Promise<void> {
    await this.db
      .delete(remoteFollowings)
      .where(and(eq(remoteFollowings.accountId, accountId), eq(remoteFollowings.remoteActorId, actorId)));
  }

  async following(accountId: string, actorId: string): Promise<boolean> {
    const row = await this.db
      .select({ one: sql`1` })
      .from(remoteFollowings)
      .where(and(eq(remoteFollowings.accountId, accountId), eq(remoteFollowings.remoteActorId, actorId)))
      .get();
    return row !== undefined;
  }

  /**
   * Bluesky accounts nobody follows any more whose last read is older than `before`
   * (profiles opened once, unfollowed accounts): the remote_actors row goes, and with it
   * (cascade) its atproto_repos row and cached posts. At most `limit` per call.
   */
  async pruneUnfollowed(before: Date, limit: number): Promise<number> {
    const r = await this.db.run(sql`
      DELETE FROM remote_actors WHERE id IN (
        SELECT r.remote_actor_id FROM atproto_repos r
        WHERE coalesce(r.last_polled_at, r.identity_checked_at) < ${before.getTime()}
          AND NOT EXISTS (SELECT 1 FROM remote_followings f WHERE f.remote_actor_id = r.remote_actor_id)
        LIMIT ${limit})`);
    return r.meta.changes ?? 0;
  }

  /** Expired handle resolutions (the cron). */
  async pruneHandles(now: Date): Promise<number> {
    const r = await this.db.delete(atprotoHandles).where(lte(atprotoHandles.expiresAt, now));
    return r.meta.changes ?? 0;
  }
}
