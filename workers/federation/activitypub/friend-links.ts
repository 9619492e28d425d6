/**
 * The admin API's FriendLinks port over ActivityPub: friend links (friends.ts), relay
 * subscriptions (relays.ts), peer health from the circuit breaker's `peers` rows, and
 * the friend map. The map shows our friends and, one hop further, the friends each of
 * them publishes in its NodeInfo (`metadata.friendServers`, nodeinfo.ts); servers that
 * publish nothing simply have no outgoing edges.
 */
import { fail, ok, type Result } from "../../core/shared/result";
import { type FriendServer, linkState, type Relay } from "../../db/d1-friend-store";
import type { Peer } from "../../db/d1-peer-store";
import type { AppDeps } from "../../deps";
import type { Config } from "../../env";
import type { FriendLinks, FriendMap, FriendView, MapEdge, MapNode, RelayView } from "../../http/friend-links";
import { type FederationContext, federationDeps } from "./context";
import { buildFederation, userAgent } from "./federation";
import { answerFriend, parseServer, removeFriend, removeFriendsForDomain, requestFriend } from "./friends";
import { subscribeRelay, unsubscribeRelay } from "./relays";

/** Friends whose NodeInfo the map reads (one request each, in parallel), and friends kept per server. */
export const MAP_LIMITS = { friends: 30, perServer: 50 } as const;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function view(f: FriendServer, peer: Peer | null): FriendView {
  return {
    id: f.id,
    domain: f.domain,
    inboxUrl: f.inboxUrl,
    ourState: f.ourState,
    theirState: f.theirState,
    state: linkState(f),
    available: f.available,
    sendAll: f.sendAll,
    receiveAll: f.receiveAll,
    deliverLocalPublic: f.deliverLocalPublic,
    lastDeliveryAt: iso(peer?.lastSuccessAt),
    failures: peer?.consecutiveFailures ?? 0,
    lastError: peer && peer.consecutiveFailures > 0 ? peer.lastError : null,
    unavailableUntil: iso(peer?.unavailableUntil),
  };
}

const relayView = (r: Relay): RelayView => ({
  id: r.id,
  inboxUrl: r.inboxUrl,
  state: r.state,
  createdAt: r.createdAt.toISOString(),
});

function health(v: FriendView, now: Date): MapEdge["health"] {
  if (v.unavailableUntil && new Date(v.unavailableUntil) > now) return "down";
  if (v.failures > 0) return "failing";
  return v.lastDeliveryAt ? "ok" : "unknown";
}

export function friendLinks(env: Pick<Env, "DB" | "DELIVERY_QUEUE">, app: AppDeps, config: Config): FriendLinks {
  let made: FederationContext | undefined;
  const context = () => {
    made ??= buildFederation(env, config, app.ids.next).createContext(new URL(config.origin), federationDeps(env, app, config));
    return made;
  };
  const withPeer = async (f: FriendServer) => view(f, await context().data.peers.find(f.domain));

  async function list(): Promise<FriendView[]> {
    return Promise.all((await context().data.friends.list()).map(withPeer));
  }

  /**
   * The friends `domain` publishes in its NodeInfo (`metadata.friendServers`). Our own
   * small fetch: Fedify's NodeInfo client refuses loopback peers, which development and
   * the interop test use. Same host only, 3 s per request; anything odd reads as none.
   */
  async function friendsOf(domain: string, scheme: string): Promise<string[]> {
    const get = async (url: string) => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), 3000);
      try {
        const res = await fetch(url, {
          headers: { accept: "application/json", "user-agent": userAgent(config) },
          signal: abort.signal,
          redirect: "manual",
        });
        return res.ok ? ((await res.json()) as unknown) : null;
      } finally {
        clearTimeout(timer);
      }
    };
    try {
      const base = `${scheme}//${domain}`;
      const wellKnown = (await get(`${base}/.well-known/nodeinfo`)) as { links?: { rel?: unknown; href?: unknown }[] } | null;
      const link = wellKnown?.links?.find(
        (l) => typeof l?.rel === "string" && /nodeinfo\.diaspora\.software\/ns\/schema\/2\.[01]$/.test(l.rel),
      );
      if (typeof link?.href !== "string" || !URL.canParse(link.href) || new URL(link.href).host !== domain) return [];
      const info = (await get(link.href)) as { metadata?: { friendServers?: unknown } } | null;
      const published = info?.metadata?.friendServers;
      if (!Array.isArray(published)) return [];
      return published
        .filter((d): d is string => typeof d === "string" && /^[a-z0-9.-]+(:\d+)?$/i.test(d))
        .slice(0, MAP_LIMITS.perServer)
        .map((d) => d.toLowerCase());
    } catch {
      return [];
    }
  }

  return {
    list,
    async request(url) {
      const server = parseServer(url, config.allowPrivateAddress);
      if (!server) return fail("validation_failed", "Give the other server's domain or base URL (https).");
      const r = await requestFriend(context(), server);
      return r.ok ? ok(await withPeer(r.value)) : fail(r.code, r.message);
    },
    async answer(id, accept) {
      const r = await answerFriend(context(), id, accept);
      return r.ok ? ok(await withPeer(r.value)) : fail(r.code, r.message);
    },
    async update(id, flags) {
      const updated = await context().data.friends.update(id, flags, app.clock.now());
      return updated ? withPeer(updated) : null;
    },
    async remove(id) {
      const friend = await context().data.friends.find(id);
      if (!friend) return false;
      await removeFriend(context(), friend);
      return true;
    },
    removeDomain: (domain) => removeFriendsForDomain(context(), domain.toLowerCase()),
    async relays() {
      return (await context().data.friends.listRelays()).map(relayView);
    },
    async subscribe(url): Promise<Result<RelayView>> {
      const t = url.trim();
      const server = parseServer(t, config.allowPrivateAddress);
      if (!server) return fail("validation_failed", "Give the relay's inbox URL (https).");
      // A bare domain or base URL means the relay's usual /inbox.
      const parsed = URL.canParse(t) ? new URL(t) : null;
      const inbox = parsed && parsed.pathname !== "/" ? new URL(parsed.origin + parsed.pathname) : new URL("/inbox", server);
      const relay = await subscribeRelay(context(), inbox);
      return relay ? ok(relayView(relay)) : fail("conflict", "Already subscribed to this relay.");
    },
    async unsubscribe(id) {
      const relay = await context().data.friends.findRelay(id);
      if (!relay) return false;
      await unsubscribeRelay(context(), relay);
      return true;
    },
    async map(): Promise<FriendMap> {
      const self = new URL(config.origin);
      const now = app.clock.now();
      const friends = await list();
      const nodes = new Map<string, MapNode>([[self.host, { id: self.host, kind: "self" }]]);
      const edges: MapEdge[] = [];
      for (const f of friends) {
        nodes.set(f.domain, { id: f.domain, kind: "friend" });
        edges.push({ from: self.host, to: f.domain, state: f.state, paused: !f.available, health: health(f, now) });
      }
      const scheme = (f: FriendView) => new URL(f.inboxUrl).protocol;
      const reachable = friends.filter((f) => f.state === "accepted").slice(0, MAP_LIMITS.friends);
      const theirs = await Promise.all(reachable.map((f) => friendsOf(f.domain, scheme(f))));
      reachable.forEach((f, i) => {
        for (const d of theirs[i] ?? []) {
          if (!nodes.has(d)) nodes.set(d, { id: d, kind: "remote" });
          // Their link back to us is already drawn as ours.
          if (d === self.host) continue;
          edges.push({ from: f.domain, to: d, state: "known", paused: false, health: "unknown" });
        }
      });
      return { nodes: [...nodes.values()], edges };
    },
  };
}
