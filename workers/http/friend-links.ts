/**
 * Friend servers and relays as the admin API sees them. A protocol adapter
 * (ActivityPub: federation/activitypub/friend-links.ts) implements the port and the
 * composition root puts it on the context (`c.get("friendLinks")`).
 */
import type { Result } from "../core/shared/result";

export type LinkState = "idle" | "pending" | "accepted" | "rejected";

export interface FriendView {
  readonly id: string;
  readonly domain: string;
  readonly inboxUrl: string;
  readonly ourState: LinkState;
  readonly theirState: LinkState;
  readonly state: LinkState;
  readonly available: boolean;
  readonly sendAll: boolean;
  readonly receiveAll: boolean;
  readonly deliverLocalPublic: boolean;
  /** Last delivery the server answered (ISO), from the peers table. */
  readonly lastDeliveryAt: string | null;
  /** Failed deliveries in a row (0 when healthy). */
  readonly failures: number;
  readonly lastError: string | null;
  /** While set and in the future, deliveries wait (the circuit is open). */
  readonly unavailableUntil: string | null;
}

export interface RelayView {
  readonly id: string;
  readonly inboxUrl: string;
  readonly state: "pending" | "accepted" | "rejected";
  readonly createdAt: string;
}

export type FriendFlagsPatch = Partial<Pick<FriendView, "available" | "sendAll" | "receiveAll" | "deliverLocalPublic">>;

export interface MapNode {
  /** A domain (host[:port]). */
  readonly id: string;
  readonly kind: "self" | "friend" | "remote";
}

export interface MapEdge {
  readonly from: string;
  readonly to: string;
  /** For our own links: the link state, paused, and health; for theirs: only that it exists. */
  readonly state: LinkState | "known";
  readonly paused: boolean;
  readonly health: "ok" | "failing" | "down" | "unknown";
}

export interface FriendMap {
  readonly nodes: MapNode[];
  readonly edges: MapEdge[];
}

export interface FriendLinks {
  list(): Promise<FriendView[]>;
  request(url: string): Promise<Result<FriendView>>;
  answer(id: string, accept: boolean): Promise<Result<FriendView>>;
  update(id: string, flags: FriendFlagsPatch): Promise<FriendView | null>;
  remove(id: string): Promise<boolean>;
  /**
   * For domain blocks with "reject friends": ends and forgets any friend link with
   * `domain` (host[:port]), telling the other side; returns how many links were removed.
   */
  removeDomain(domain: string): Promise<number>;
  relays(): Promise<RelayView[]>;
  subscribe(url: string): Promise<Result<RelayView>>;
  unsubscribe(id: string): Promise<boolean>;
  map(): Promise<FriendMap>;
}
