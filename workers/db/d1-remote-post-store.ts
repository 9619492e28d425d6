import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Page, PageRequest } from "../core/shared/ports";
import { inChunks } from "./chunks";
import { notSilencedOrSuspended } from "./d1-moderation-store";
import { remoteActors, remoteFollowings, remotePostAudience, remotePosts } from "./schema";

/**
 * Bounds of the remote-post cache (documented in FEDERATION.md): per actor on insert,
 * overall and by age in the scheduled `remote_posts` sweep.
 */
export const REMOTE_POST_LIMITS = {
  /** Newest posts kept per remote actor. */
  perActor: 200,
  /** Rows kept overall (tombstones included). */
  total: 100_000,
  /** How long a cached post lives. */
  ttlMs: 14 * 24 * 60 * 60 * 1000,
  /** Followed actors (most recently active first) a home page reads. */
  homeActors: 20,
} as const;

export type RemoteVisibility = (typeof remotePosts.$inferSelect)["visibility"];

export interface RemoteMedia {
  readonly url: string;
  readonly type: "image" | "video" | "audio" | "unknown";
  readonly mediaType: string | null;
  readonly alt: string;
  /** Pixel size as the sender declared it (rows cached before it was kept have none). */
  readonly width?: number | null;
  readonly height?: number | null;
  /** Mastodon's `blurhash` placeholder. */
  readonly blurhash?: string | null;
}

/** A custom emoji of a remote Note: `:shortcode:` in its content or cw, drawn from `url` on its server. */
export interface RemoteEmoji {
  readonly shortcode: string;
  readonly url: string;
}

/** A link card or a quoted post attached to a remote post (AT Protocol embeds), as links only. */
export type RemoteEmbed =
  | {
      readonly type: "external";
      readonly url: string;
      readonly title: string;
      readonly description: string;
      readonly thumbUrl: string | null;
    }
  | { readonly type: "quote"; readonly uri: string; readonly url: string | null };

export type RemoteProtocol = "activitypub" | "atproto";

export interface RemoteNote {
  readonly iri: string;
  /** Default "activitypub". */
  readonly protocol?: RemoteProtocol;
  readonly embed?: RemoteEmbed | null;
  readonly url: string | null;
  readonly content: string;
  readonly text: string;
  readonly cw: string | null;
  readonly visibility: RemoteVisibility;
  readonly inReplyTo: string | null;
  readonly publishedAt: Date;
  readonly updatedAt: Date | null;
  readonly media: readonly RemoteMedia[];
  /** Custom emoji (absent means none). */
  readonly emojis?: readonly RemoteEmoji[];
  readonly sensitive: boolean;
}

export interface RemotePost extends RemoteNote {
  readonly id: string;
  readonly emojis: readonly RemoteEmoji[];
  readonly protocol: RemoteProtocol;
  readonly embed: RemoteEmbed | null;
  readonly deleted: boolean;
  /** An Announce by `author`: the boosted cached post (our id). */
  readonly boostOfId: string | null;
  readonly author: {
    readonly id: string;
    readonly iri: string;
    readonly host: string;
    readonly handle: string | null;
    readonly name: string | null;
    readonly avatarUrl: string | null;
    /** Custom emoji of their display name. */
    readonly emojis: readonly RemoteEmoji[];
  };
}

const columns = {
  post: remotePosts,
  author: {
    id: remoteActors.id,
    iri: remoteActors.iri,
    host: remoteActors.host,
    handle: remoteActors.handle,
    name: remoteActors.name,
    avatarUrl: remoteActors.avatarUrl,
    emojis: remoteActors.emojis,
  },
};

type Row = { post: typeof remotePosts.$inferSelect; author: Omit<RemotePost["author"], "emojis"> & { emojis: string } };

/** A JSON array column we wrote ourselves (media, emojis); anything else reads as empty. */
function parseList<T>(json: string): T[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

function parseEmbed(json: string | null): RemoteEmbed | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" ? (v as RemoteEmbed) : null;
  } catch {
    return null;
  }
}

function toRemotePost({ post, author }: Row): RemotePost {
  return {
    id: post.id,
    iri: post.iri,
    protocol: post.protocol,
    embed: parseEmbed(post.embed),
    url: post.url,
    content: post.content,
    text: post.text,
    cw: post.cw,
    visibility: post.visibility,
    inReplyTo: post.inReplyTo,
    publishedAt: post.publishedAt,
    updatedAt: post.updatedAt,
    media: parseList<RemoteMedia>(post.media),
    emojis: parseList<RemoteEmoji>(post.emojis),
    sensitive: post.sensitive,
    deleted: post.deleted,
    boostOfId: post.boostOfId,
    author: { ...author, emojis: parseList<RemoteEmoji>(author.emojis) },
  };
}

function toPage(rows: RemotePost[], limit: number): Page<RemotePost> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

const byIdDesc = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The remote-post cache in D1. Every read is a bounded index range scan. */
export class D1RemotePostStore {
  constructor(
    private readonly db: DrizzleD1Database,
    private readonly limits: { perActor: number; total: number; ttlMs: number; homeActors: number } = REMOTE_POST_LIMITS,
  ) {}

  private select() {
    return this.db.select(columns).from(remotePosts).innerJoin(remoteActors, eq(remoteActors.id, remotePosts.actorId));
  }

  async findByIri(iri: string): Promise<(RemotePost & { actorIri: string }) | null> {
    const row = await this.select().where(eq(remotePosts.iri, iri)).get();
    return row ? { ...toRemotePost(row), actorIri: row.author.iri } : null;
  }

  /**
   * Stores a Note of `actorId` unless its iri is already cached (idempotent; a tombstone
   * is never resurrected), then trims the actor's posts to the per-actor cap (reads at
   * most cap + 1 index entries). Returns whether a row was added.
   */
  async insert(id: string, actorId: string, note: RemoteNote, now: Date): Promise<boolean> {
    const inserted = await this.db
      .insert(remotePosts)
      .values({ id, actorId, ...this.values(note), fetchedAt: now, expiresAt: new Date(now.getTime() + this.limits.ttlMs) })
      .onConflictDoNothing()
      .returning({ id: remotePosts.id });
    if (inserted.length === 0) return false;
    await this.trimActor(actorId);
    return true;
  }

  private values(note: RemoteNote) {
    return {
      iri: note.iri,
      protocol: note.protocol ?? "activitypub",
      embed: note.embed ? JSON.stringify(note.embed) : null,
      url: note.url,
      content: note.content,
      text: note.text,
      cw: note.cw,
      visibility: note.visibility,
      inReplyTo: note.inReplyTo,
      publishedAt: note.publishedAt,
      updatedAt: note.updatedAt,
      media: JSON.stringify(note.media),
      emojis: JSON.stringify(note.emojis ?? []),
      sensitive: note.sensitive,
    };
  }

  /** Replaces a cached Note's content (the caller checked the author and that it is newer); never a tombstone. */
  async update(iri: string, note: RemoteNote, now: Date): Promise<void> {
    const { iri: _, ...set } = this.values(note);
    await this.db
      .update(remotePosts)
      .set({ ...set, fetchedAt: now })
      .where(and(eq(remotePosts.iri, iri), eq(remotePosts.deleted, false)));
  }

  /** Marks the Note deleted (content cleared), or stores a tombstone for it when not cached yet. */
  async tombstone(id: string, actorId: string, iri: string, now: Date): Promise<void> {
    const cleared = {
      content: "",
      text: "",
      cw: null,
      url: null,
      media: "[]",
      emojis: "[]",
      embed: null,
      deleted: true,
    };
    await this.db
      .insert(remotePosts)
      .values({
        id,
        actorId,
        iri,
        ...cleared,
        visibility: "direct",
        publishedAt: now,
        fetchedAt: now,
        expiresAt: new Date(now.getTime() + this.limits.ttlMs),
      })
      .onConflictDoUpdate({ target: remotePosts.iri, set: cleared, where: eq(remotePosts.actorId, actorId) });
    await this.trimActor(actorId);
  }

  private async trimActor(actorId: string): Promise<void> {
    await this.db.run(sql`
      DELETE FROM remote_posts WHERE id IN (
        SELECT id FROM remote_posts WHERE actor_id = ${actorId}
        ORDER BY id DESC LIMIT -1 OFFSET ${this.limits.perActor})`);
  }

  /**
   * Public remote posts and friends' local-public ones, newest first (a range scan of
   * the partial index remote_posts_public_idx).
   */
  async publicTimeline(page: PageRequest): Promise<Page<RemotePost>> {
    const conditions: SQL[] = [
      sql`${remotePosts.visibility} IN ('public', 'local_public')`,
      sql`${remotePosts.deleted} = 0`,
      // Moderation: silenced (and suspended) remote actors leave the federated timeline.
      notSilencedOrSuspended(remotePosts.actorId),
      // Boosts show with their booster in home timelines, not as posts of their own here.
      isNull(remotePosts.boostOfId),
    ];
    if (page.cursor) conditions.push(lt(remotePosts.id, page.cursor));
    const rows = await this.select()
      .where(and(...conditions))
      .orderBy(desc(remotePosts.id))
      .limit(page.limit + 1);
    return toPage(rows.map(toRemotePost), page.limit);
  }

  /**
   * Remote posts for a local account's home: of the actors it follows (accepted), the
   * `homeActors` most recently active, each one bounded range scan of
   * remote_posts_actor_idx, merged here. A page reads at most homeActors x (limit + 1)
   * posts, plus one index seek per followed actor (itself capped) to rank them.
   */
  async homeTimeline(accountId: string, page: PageRequest): Promise<Page<RemotePost>> {
    const latest = sql<string | null>`(SELECT max(id) FROM remote_posts WHERE actor_id = ${remoteFollowings.remoteActorId})`;
    const followed = await this.db
      .select({ id: remoteFollowings.remoteActorId, latest })
      .from(remoteFollowings)
      .where(and(eq(remoteFollowings.accountId, accountId), isNotNull(remoteFollowings.acceptedAt)))
      .orderBy(desc(latest))
      .limit(this.limits.homeActors);
    const actorIds = followed.filter((f) => f.latest !== null).map((f) => f.id);
    const results = await Promise.all([
      this.audiencePage(accountId, page),
      ...actorIds.map((actorId) => {
        const conditions: SQL[] = [
          eq(remotePosts.actorId, actorId),
          inArray(remotePosts.visibility, ["public", "local_public", "unlisted", "followers"]),
          eq(remotePosts.deleted, false),
        ];
        if (page.cursor) conditions.push(lt(remotePosts.id, page.cursor));
        return this.select()
          .where(and(...conditions))
          .orderBy(desc(remotePosts.id))
          .limit(page.limit + 1);
      }),
    ]);
    const unique = new Map(results.flat().map((r) => [r.post.id, r]));
    return toPage([...unique.values()].map(toRemotePost).sort(byIdDesc), page.limit);
  }

  /** Remote posts addressed to or mentioning the account (one range scan of its audience rows). */
  private audiencePage(accountId: string, page: PageRequest) {
    const conditions: SQL[] = [eq(remotePostAudience.accountId, accountId), eq(remotePosts.deleted, false)];
    if (page.cursor) conditions.push(lt(remotePostAudience.remotePostId, page.cursor));
    return this.db
      .select(columns)
      .from(remotePostAudience)
      .innerJoin(remotePosts, eq(remotePosts.id, remotePostAudience.remotePostId))
      .innerJoin(remoteActors, eq(remoteActors.id, remotePosts.actorId))
      .where(and(...conditions))
      .orderBy(desc(remotePostAudience.remotePostId))
      .limit(page.limit + 1);
  }

  /**
   * Stores an Announce by `actorId` of the cached post `boostOfId` (a row of its own, so
   * the booster's home-timeline scan finds it; no content). Idempotent on the Announce id.
   */
  async insertBoost(
    id: string,
    actorId: string,
    boost: { iri: string; boostOfId: string; visibility: RemoteVisibility; publishedAt: Date },
    now: Date,
  ): Promise<boolean> {
    const inserted = await this.db
      .insert(remotePosts)
      .values({
        id,
        actorId,
        iri: boost.iri,
        boostOfId: boost.boostOfId,
        visibility: boost.visibility,
        publishedAt: boost.publishedAt,
        fetchedAt: now,
        expiresAt: new Date(now.getTime() + this.limits.ttlMs),
      })
      .onConflictDoNothing()
      .returning({ id: remotePosts.id });
    if (inserted.length === 0) return false;
    await this.trimActor(actorId);
    return true;
  }

  /** Withdraws an Announce (Undo) by its id, only by its own actor; false when there was none. */
  async removeBoost(iri: string, actorIri: string): Promise<boolean> {
    const r = await this.db
      .delete(remotePosts)
      .where(
        and(
          eq(remotePosts.iri, iri),
          isNotNull(remotePosts.boostOfId),
          sql`${remotePosts.actorId} = (SELECT id FROM remote_actors WHERE iri = ${actorIri})`,
        ),
      )
      .run();
    return Boolean(r.meta.changes);
  }

  /** Records the local accounts a cached post is addressed to or mentions (its readers when direct). */
  async addAudience(remotePostId: string, accountIds: readonly string[]): Promise<void> {
    const unique = [...new Set(accountIds)];
    if (unique.length === 0) return;
    await this.db
      .insert(remotePostAudience)
      .values(unique.map((accountId) => ({ accountId, remotePostId })))
      .onConflictDoNothing();
  }

  /**
   * The posts a local account may read: public and unlisted ones; followers-only ones of
   * actors it follows (accepted); direct ones it is addressed by; never tombstones.
   */
  async visibleTo(accountId: string, list: readonly RemotePost[]): Promise<RemotePost[]> {
    const live = list.filter((p) => !p.deleted);
    const closed = live.filter((p) => p.visibility === "followers" || p.visibility === "direct");
    if (closed.length === 0) return live;
    const [audience, followed] = await Promise.all([
      inChunks(
        closed.map((p) => p.id),
        (chunk) =>
          this.db
            .select({ id: remotePostAudience.remotePostId })
            .from(remotePostAudience)
            .where(and(eq(remotePostAudience.accountId, accountId), inArray(remotePostAudience.remotePostId, chunk))),
      ),
      inChunks(
        closed.map((p) => p.author.id),
        (chunk) =>
          this.db
            .select({ id: remoteFollowings.remoteActorId })
            .from(remoteFollowings)
            .where(
              and(
                eq(remoteFollowings.accountId, accountId),
                inArray(remoteFollowings.remoteActorId, chunk),
                isNotNull(remoteFollowings.acceptedAt),
              ),
            ),
      ),
    ]);
    const addressed = new Set(audience.map((r) => r.id));
    const follows = new Set(followed.map((r) => r.id));
    return live.filter(
      (p) =>
        p.visibility === "public" ||
        p.visibility === "unlisted" ||
        addressed.has(p.id) ||
        (p.visibility === "followers" && follows.has(p.author.id)),
    );
  }

  async findMany(ids: readonly string[]): Promise<RemotePost[]> {
    const rows = await inChunks(ids, (chunk) => this.select().where(inArray(remotePosts.id, chunk)));
    return rows.map(toRemotePost);
  }

  /** The scheduled sweep: expired rows, then the oldest beyond the overall cap. Returns how many went. */
  async prune(now: Date): Promise<number> {
    // Counted from RETURNING: D1's `changes` would also count what triggers write (the search index).
    const expired = await this.db.delete(remotePosts).where(lte(remotePosts.expiresAt, now)).returning({ id: remotePosts.id });
    const over = await this.db.all<{ id: string }>(sql`
      DELETE FROM remote_posts WHERE id IN (
        SELECT id FROM remote_posts ORDER BY id DESC LIMIT -1 OFFSET ${this.limits.total}) RETURNING id`);
    return expired.length + over.length;
  }

  /** Whether any local account follows the actor (accepted). */
  async followedLocally(actorIri: string): Promise<boolean> {
    const row = await this.db
      .select({ one: sql`1` })
      .from(remoteFollowings)
      .innerJoin(remoteActors, eq(remoteActors.id, remoteFollowings.remoteActorId))
      .where(and(eq(remoteActors.iri, actorIri), isNotNull(remoteFollowings.acceptedAt)))
      .limit(1)
      .get();
    return row !== undefined;
  }
}
