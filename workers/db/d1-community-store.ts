import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Community, MemberRole, Membership } from "../core/communities/community";
import type { CommunityPatch, CommunityStore, Invite, JoinRequest, Member, NewCommunity } from "../core/communities/ports";
import type { Page } from "../core/shared/ports";
import { accounts, communities, communityInvites, communityJoinRequests, communityMembers, communityReadMarkers } from "./schema";

type Row = typeof communities.$inferSelect;

function toCommunity(r: Row): Community {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    description: r.description,
    rules: r.rules,
    iconKey: r.iconKey,
    bannerKey: r.bannerKey,
    ownerId: r.ownerId,
    parentId: r.parentId,
    rootId: r.rootId,
    depth: r.depth,
    joinPolicy: r.joinPolicy,
    visibility: r.visibility,
    slowModeSeconds: r.slowModeSeconds,
    membersCount: r.membersCount,
    postsCount: r.postsCount,
    lastSeq: r.lastSeq,
    lastPostAt: r.lastPostAt,
    archivedAt: r.archivedAt,
    createdAt: r.createdAt,
  };
}

/** LIKE pattern for a user's search text, with LIKE's wildcards escaped. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class D1CommunityStore implements CommunityStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async create(c: NewCommunity): Promise<Community | null> {
    const insert = this.db
      .insert(communities)
      .values({ ...c, slugLower: c.slug.toLowerCase() })
      .onConflictDoNothing();
    if (c.parentId === null) {
      const [inserted] = await this.db.batch([
        insert,
        // Only if the community row was inserted (a taken slug inserts nothing).
        this.db.insert(communityMembers).select(
          this.db
            .select({
              communityId: communities.id,
              accountId: sql<string>`${c.ownerId}`.as("account_id"),
              role: sql<"owner">`'owner'`.as("role"),
              mutedUntil: sql<null>`NULL`.as("muted_until"),
              joinedAt: sql<number>`${c.createdAt.getTime()}`.as("joined_at"),
            })
            .from(communities)
            .where(eq(communities.id, c.id)),
        ),
      ]);
      if (!inserted.meta.changes) return null;
    } else {
      const r = await insert.run();
      if (!r.meta.changes) return null;
    }
    return this.findById(c.id);
  }

  async findById(id: string): Promise<Community | null> {
    const row = await this.db.select().from(communities).where(eq(communities.id, id)).get();
    return row ? toCommunity(row) : null;
  }

  async findBySlug(slug: string): Promise<Community | null> {
    const row = await this.db.select().from(communities).where(eq(communities.slugLower, slug.toLowerCase())).get();
    return row ? toCommunity(row) : null;
  }

  async update(id: string, patch: CommunityPatch): Promise<Community | null> {
    if (Object.keys(patch).length === 0) return this.findById(id);
    const row = await this.db.update(communities).set(patch).where(eq(communities.id, id)).returning().get();
    return row ? toCommunity(row) : null;
  }

  async tree(rootId: string): Promise<Community[]> {
    const rows = await this.db
      .select()
      .from(communities)
      .where(eq(communities.rootId, rootId))
      .orderBy(asc(communities.depth), asc(communities.id));
    return rows.map(toCommunity);
  }

  async directory(query: string | null, limit: number): Promise<Community[]> {
    const conditions = [eq(communities.visibility, "public"), isNull(communities.archivedAt), isNull(communities.parentId)];
    if (query) {
      const p = likePattern(query);
      conditions.push(or(sql`${communities.slug} LIKE ${p} ESCAPE '\\'`, sql`${communities.title} LIKE ${p} ESCAPE '\\'`)!);
    }
    const rows = await this.db
      .select()
      .from(communities)
      .where(and(...conditions))
      .orderBy(desc(communities.lastPostAt), desc(communities.membersCount))
      .limit(limit);
    return rows.map(toCommunity);
  }

  async joined(accountId: string): Promise<Community[]> {
    const rows = await this.db
      .select({ c: communities })
      .from(communityMembers)
      .innerJoin(communities, eq(communities.rootId, communityMembers.communityId))
      .where(eq(communityMembers.accountId, accountId))
      .orderBy(asc(communities.rootId), asc(communities.depth), asc(communities.id));
    return rows.map((r) => toCommunity(r.c));
  }

  async membership(rootId: string, accountId: string): Promise<Membership | null> {
    const row = await this.db
      .select({ role: communityMembers.role, mutedUntil: communityMembers.mutedUntil })
      .from(communityMembers)
      .where(and(eq(communityMembers.communityId, rootId), eq(communityMembers.accountId, accountId)))
      .get();
    return row ?? null;
  }

  async memberRoots(accountId: string, rootIds: readonly string[]): Promise<Set<string>> {
    if (rootIds.length === 0) return new Set();
    const rows = await this.db
      .select({ id: communityMembers.communityId })
      .from(communityMembers)
      .where(and(eq(communityMembers.accountId, accountId), inArray(communityMembers.communityId, [...rootIds].slice(0, 90))));
    return new Set(rows.map((r) => r.id));
  }

  async members(rootId: string, limit: number, afterAccountId?: string): Promise<Page<Member>> {
    const conditions = [eq(communityMembers.communityId, rootId)];
    if (afterAccountId) conditions.push(gt(communityMembers.accountId, afterAccountId));
    const rows = await this.db
      .select({
        accountId: communityMembers.accountId,
        role: communityMembers.role,
        joinedAt: communityMembers.joinedAt,
        username: accounts.username,
        displayName: accounts.displayName,
        avatarKey: accounts.avatarKey,
      })
      .from(communityMembers)
      .innerJoin(accounts, eq(accounts.id, communityMembers.accountId))
      .where(and(...conditions))
      .orderBy(asc(communityMembers.accountId))
      .limit(limit + 1);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.accountId ?? null) : null };
  }

  async addMember(rootId: string, accountId: string, role: MemberRole, at: Date): Promise<boolean> {
    const r = await this.db
      .insert(communityMembers)
      .values({ communityId: rootId, accountId, role, joinedAt: at })
      .onConflictDoNothing()
      .run();
    return Boolean(r.meta.changes);
  }

  async removeMember(rootId: string, accountId: string): Promise<boolean> {
    const r = await this.db
      .delete(communityMembers)
      .where(and(eq(communityMembers.communityId, rootId), eq(communityMembers.accountId, accountId)))
      .run();
    return Boolean(r.meta.changes);
  }

  async setMemberRole(rootId: string, accountId: string, role: MemberRole): Promise<boolean> {
    const r = await this.db
      .update(communityMembers)
      .set({ role })
      .where(and(eq(communityMembers.communityId, rootId), eq(communityMembers.accountId, accountId)))
      .run();
    return Boolean(r.meta.changes);
  }

  async muteMember(rootId: string, accountId: string, until: Date | null): Promise<void> {
    await this.db
      .update(communityMembers)
      .set({ mutedUntil: until })
      .where(and(eq(communityMembers.communityId, rootId), eq(communityMembers.accountId, accountId)));
  }

  async addJoinRequest(rootId: string, accountId: string, message: string, at: Date): Promise<boolean> {
    const r = await this.db
      .insert(communityJoinRequests)
      .values({ communityId: rootId, accountId, message, createdAt: at })
      .onConflictDoNothing()
      .run();
    return Boolean(r.meta.changes);
  }

  async removeJoinRequest(rootId: string, accountId: string): Promise<boolean> {
    const r = await this.db
      .delete(communityJoinRequests)
      .where(and(eq(communityJoinRequests.communityId, rootId), eq(communityJoinRequests.accountId, accountId)))
      .run();
    return Boolean(r.meta.changes);
  }

  async hasJoinRequest(rootId: string, accountId: string): Promise<boolean> {
    const row = await this.db
      .select({ one: sql`1` })
      .from(communityJoinRequests)
      .where(and(eq(communityJoinRequests.communityId, rootId), eq(communityJoinRequests.accountId, accountId)))
      .get();
    return row !== undefined;
  }

  async joinRequests(rootId: string, limit: number): Promise<JoinRequest[]> {
    return this.db
      .select({
        accountId: communityJoinRequests.accountId,
        message: communityJoinRequests.message,
        createdAt: communityJoinRequests.createdAt,
        username: accounts.username,
        displayName: accounts.displayName,
      })
      .from(communityJoinRequests)
      .innerJoin(accounts, eq(accounts.id, communityJoinRequests.accountId))
      .where(eq(communityJoinRequests.communityId, rootId))
      .orderBy(asc(communityJoinRequests.createdAt))
      .limit(limit);
  }

  async createInvite(invite: Invite): Promise<void> {
    await this.db.insert(communityInvites).values(invite);
  }

  async redeemInvite(code: string, at: Date): Promise<string | null> {
    // One conditional UPDATE, so concurrent redemptions cannot exceed max_uses.
    const row = await this.db
      .update(communityInvites)
      .set({ uses: sql`uses + 1` })
      .where(
        and(
          eq(communityInvites.code, code),
          sql`(max_uses IS NULL OR uses < max_uses)`,
          sql`(expires_at IS NULL OR expires_at > ${at.getTime()})`,
        ),
      )
      .returning({ communityId: communityInvites.communityId })
      .get();
    return row?.communityId ?? null;
  }

  async readMarkers(accountId: string): Promise<Map<string, number>> {
    const rows = await this.db.select().from(communityReadMarkers).where(eq(communityReadMarkers.accountId, accountId));
    return new Map(rows.map((r) => [r.communityId, r.seq]));
  }

  async unreadCounts(accountId: string, after: ReadonlyMap<string, number>, cap: number): Promise<Map<string, number>> {
    const entries = [...after.entries()];
    const counts = await Promise.all(
      entries.map(async ([communityId, seq]) => {
        const row = await this.db.get<{ n: number }>(sql`
          SELECT COUNT(*) AS n FROM (
            SELECT 1 FROM posts WHERE community_id = ${communityId} AND seq > ${seq}
              AND author_id != ${accountId} AND deleted_at IS NULL
            LIMIT ${cap})`);
        return [communityId, row?.n ?? 0] as const;
      }),
    );
    return new Map(counts);
  }

  async findInvite(code: string, at: Date): Promise<Invite | null> {
    const row = await this.db
      .select()
      .from(communityInvites)
      .where(
        and(
          eq(communityInvites.code, code),
          sql`(max_uses IS NULL OR uses < max_uses)`,
          sql`(expires_at IS NULL OR expires_at > ${at.getTime()})`,
        ),
      )
      .get();
    return row ?? null;
  }

  async setReadMarker(accountId: string, communityId: string, seq: number): Promise<void> {
    await this.db
      .insert(communityReadMarkers)
      .values({ accountId, communityId, seq })
      .onConflictDoUpdate({
        target: [communityReadMarkers.accountId, communityReadMarkers.communityId],
        set: { seq: sql`max(seq, excluded.seq)` },
      });
  }
}
