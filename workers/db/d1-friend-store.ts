import { and, asc, eq, or } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { friendServers, relays } from "./schema";

export type LinkState = "idle" | "pending" | "accepted" | "rejected";

export type FriendServer = typeof friendServers.$inferSelect;
export type Relay = typeof relays.$inferSelect;

export type FriendFlags = Partial<Pick<FriendServer, "available" | "sendAll" | "receiveAll" | "deliverLocalPublic">>;

/**
 * One state for the link as a whole: accepted when either side's request was
 * accepted, else pending when one waits, else rejected, else idle.
 */
export function linkState(f: Pick<FriendServer, "ourState" | "theirState">): LinkState {
  const both = [f.ourState, f.theirState];
  for (const s of ["accepted", "pending", "rejected"] as const) if (both.includes(s)) return s;
  return "idle";
}

/** Whether friend sharing is on with this server right now. */
export function isActiveFriend(f: FriendServer): boolean {
  return f.available && linkState(f) === "accepted";
}

/** Friend-server links and relay subscriptions in D1 (a handful of rows: every read is a small scan). */
export class D1FriendStore {
  constructor(private readonly db: DrizzleD1Database) {}

  list(): Promise<FriendServer[]> {
    return this.db.select().from(friendServers).orderBy(asc(friendServers.domain)).all();
  }

  async find(id: string): Promise<FriendServer | null> {
    return (await this.db.select().from(friendServers).where(eq(friendServers.id, id)).get()) ?? null;
  }

  async findByDomain(domain: string): Promise<FriendServer | null> {
    return (await this.db.select().from(friendServers).where(eq(friendServers.domain, domain.toLowerCase())).get()) ?? null;
  }

  /** Friends sharing is on with (accepted by either side, available). */
  async active(): Promise<FriendServer[]> {
    const rows = await this.db
      .select()
      .from(friendServers)
      .where(
        and(
          eq(friendServers.available, true),
          or(eq(friendServers.ourState, "accepted"), eq(friendServers.theirState, "accepted")),
        ),
      )
      .all();
    return rows;
  }

  /** The row for `domain`, created idle when new. */
  async upsert(id: string, domain: string, inboxUrl: string, now: Date): Promise<FriendServer> {
    const rows = await this.db
      .insert(friendServers)
      .values({ id, domain: domain.toLowerCase(), inboxUrl, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: friendServers.domain, set: { updatedAt: now } })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("friend upsert returned nothing");
    return row;
  }

  async update(
    id: string,
    set: Partial<Omit<FriendServer, "id" | "domain" | "createdAt" | "updatedAt">>,
    now: Date,
  ): Promise<FriendServer | null> {
    const rows = await this.db
      .update(friendServers)
      .set({ ...set, updatedAt: now })
      .where(eq(friendServers.id, id))
      .returning();
    return rows[0] ?? null;
  }

  async remove(id: string): Promise<void> {
    await this.db.delete(friendServers).where(eq(friendServers.id, id)).run();
  }

  listRelays(): Promise<Relay[]> {
    return this.db.select().from(relays).orderBy(asc(relays.inboxUrl)).all();
  }

  async findRelay(id: string): Promise<Relay | null> {
    return (await this.db.select().from(relays).where(eq(relays.id, id)).get()) ?? null;
  }

  async findRelayByFollow(followId: string): Promise<Relay | null> {
    return (await this.db.select().from(relays).where(eq(relays.followId, followId)).get()) ?? null;
  }

  async acceptedRelays(): Promise<Relay[]> {
    return this.db.select().from(relays).where(eq(relays.state, "accepted")).all();
  }

  /** A new subscription (pending), or null when that inbox is already subscribed. */
  async addRelay(relay: Omit<Relay, "state" | "actorIri">): Promise<Relay | null> {
    const rows = await this.db.insert(relays).values(relay).onConflictDoNothing().returning();
    return rows[0] ?? null;
  }

  async setRelayState(id: string, state: Relay["state"], actorIri: string | null): Promise<void> {
    await this.db.update(relays).set({ state, actorIri }).where(eq(relays.id, id)).run();
  }

  async removeRelay(id: string): Promise<void> {
    await this.db.delete(relays).where(eq(relays.id, id)).run();
  }
}
