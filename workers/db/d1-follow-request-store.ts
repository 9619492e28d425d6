import { and, desc, eq, lt } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { FollowRequest, FollowRequestStore } from "../core/follows/ports";
import type { Page, PageRequest } from "../core/shared/ports";
import { followRequests, follows, remoteFollows } from "./schema";

type Row = typeof followRequests.$inferSelect;

function toRequest(r: Row): FollowRequest {
  return {
    id: r.id,
    accountId: r.accountId,
    requester: r.requesterId
      ? { kind: "local", accountId: r.requesterId }
      : { kind: "remote", remoteId: r.remoteActorId ?? "", ref: r.followIri },
    createdAt: r.createdAt,
  };
}

/** Pending follows of locked accounts; a remote requester is a row of remote_actors. */
export class D1FollowRequestStore implements FollowRequestStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async add(request: FollowRequest): Promise<boolean> {
    const { requester } = request;
    const values = {
      id: request.id,
      accountId: request.accountId,
      requesterId: requester.kind === "local" ? requester.accountId : null,
      remoteActorId: requester.kind === "remote" ? requester.remoteId : null,
      followIri: requester.kind === "remote" ? requester.ref : null,
      createdAt: request.createdAt,
    };
    if (requester.kind === "local") {
      const r = await this.db.insert(followRequests).values(values).onConflictDoNothing().run();
      return Boolean(r.meta.changes);
    }
    // A repeated remote Follow keeps the request and remembers its newest Follow id (the one to answer).
    const existing = await this.db
      .select({ id: followRequests.id })
      .from(followRequests)
      .where(and(eq(followRequests.accountId, request.accountId), eq(followRequests.remoteActorId, requester.remoteId)))
      .get();
    if (existing) {
      await this.db.update(followRequests).set({ followIri: requester.ref }).where(eq(followRequests.id, existing.id));
      return false;
    }
    const r = await this.db.insert(followRequests).values(values).onConflictDoNothing().run();
    return Boolean(r.meta.changes);
  }

  async find(accountId: string, id: string): Promise<FollowRequest | null> {
    const row = await this.db
      .select()
      .from(followRequests)
      .where(and(eq(followRequests.id, id), eq(followRequests.accountId, accountId)))
      .get();
    return row ? toRequest(row) : null;
  }

  async isPending(requesterId: string, accountId: string): Promise<boolean> {
    const row = await this.db
      .select({ id: followRequests.id })
      .from(followRequests)
      .where(and(eq(followRequests.accountId, accountId), eq(followRequests.requesterId, requesterId)))
      .get();
    return row !== undefined;
  }

  async page(accountId: string, page: PageRequest): Promise<Page<FollowRequest>> {
    const rows = await this.db
      .select()
      .from(followRequests)
      .where(and(eq(followRequests.accountId, accountId), page.cursor ? lt(followRequests.id, page.cursor) : undefined))
      .orderBy(desc(followRequests.id))
      .limit(page.limit + 1);
    const items = rows.slice(0, page.limit).map(toRequest);
    return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
  }

  async accept(request: FollowRequest, at: Date): Promise<boolean> {
    const { requester } = request;
    const follow =
      requester.kind === "local"
        ? this.db.insert(follows).values({ followerId: requester.accountId, followeeId: request.accountId, createdAt: at })
        : this.db
            .insert(remoteFollows)
            .values({ accountId: request.accountId, remoteActorId: requester.remoteId, followIri: requester.ref, createdAt: at });
    // The delete goes first: when it finds nothing (answered twice at once), the follow is
    // still written idempotently, and the caller is told the request was gone.
    const [removed] = await this.db.batch([
      this.db.delete(followRequests).where(eq(followRequests.id, request.id)).returning({ id: followRequests.id }),
      follow.onConflictDoNothing(),
    ]);
    return removed.length > 0;
  }

  async remove(request: FollowRequest): Promise<boolean> {
    const r = await this.db.delete(followRequests).where(eq(followRequests.id, request.id)).run();
    return Boolean(r.meta.changes);
  }

  async withdraw(requesterId: string, accountId: string): Promise<boolean> {
    const r = await this.db
      .delete(followRequests)
      .where(and(eq(followRequests.accountId, accountId), eq(followRequests.requesterId, requesterId)))
      .run();
    return Boolean(r.meta.changes);
  }
}
