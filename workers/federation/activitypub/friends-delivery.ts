/**
 * Who gets which variant of a post when friend servers and relays exist (DESIGN.md,
 * "Friend servers"; FEDERATION.md, "Friend servers and relays"). The rules:
 * - every server gets exactly ONE variant of a post, in one delivery (one inbox per host);
 * - an active friend (accepted by either side, available) with "deliver local-public"
 *   on gets local_public posts as local-public (the "friend" audience); followers on that
 *   server are served by that one delivery;
 * - a send-all friend gets every public and local_public post, followed there or not;
 * - accepted relays get public posts only (the default variant);
 * - paused friends (available off) are ordinary servers again: followers there get the
 *   default variant, nothing friend-only;
 * - boosts go to followers only. Posts that may not leave the server (local_only,
 *   members-only communities) never reach this point (delivery.ts checks isFederatable).
 */
import type { Recipient } from "@fedify/vocab";
import type { Post } from "../../core/posts/post";
import type { FriendServer, Relay } from "../../db/d1-friend-store";
import type { FederationDeps } from "./context";

export interface DeliveryPlan {
  /** Followers and relays: the ordinary variant (local_public as unlisted). */
  readonly default: Recipient[];
  /** Friend servers that get local_public as local-public. */
  readonly friend: Recipient[];
}

const hostOf = (r: Recipient) => (r.endpoints?.sharedInbox ?? r.inboxId)?.host.toLowerCase() ?? "";

function serverRecipient(inboxUrl: string, actorIri: string | null): Recipient {
  const inbox = new URL(inboxUrl);
  return { id: new URL(actorIri ?? `${inbox.origin}/actor`), inboxId: inbox, endpoints: null };
}

/** Splits the author's remote followers into variants and adds send-all friends and relays. */
export async function planDelivery(
  deps: Pick<FederationDeps, "friends">,
  post: Post,
  followers: readonly Recipient[],
): Promise<DeliveryPlan> {
  const v = post.visibility;
  if (post.boostOfId || (v !== "public" && v !== "local_public" && v !== "unlisted" && v !== "followers"))
    return { default: [...followers], friend: [] };
  const shared = v === "public" || v === "local_public";
  const [friends, relays] = await Promise.all([
    deps.friends.active(),
    v === "public" ? deps.friends.acceptedRelays() : Promise.resolve([] as Relay[]),
  ]);
  const byHost = new Map<string, FriendServer>(friends.map((f) => [f.domain, f]));
  const asLocalPublic = (f: FriendServer | undefined) => !!f && v === "local_public" && f.deliverLocalPublic;

  const friendHosts = new Set<string>();
  const plan: DeliveryPlan = { default: [], friend: [] };
  for (const r of followers) {
    const host = hostOf(r);
    if (asLocalPublic(byHost.get(host))) friendHosts.add(host);
    else plan.default.push(r);
  }
  const covered = new Set([...plan.default.map(hostOf), ...friendHosts]);
  for (const f of friends) {
    if (!friendHosts.has(f.domain) && !(shared && f.sendAll && !covered.has(f.domain))) continue;
    const recipient = serverRecipient(f.inboxUrl, f.actorIri);
    if (asLocalPublic(f)) plan.friend.push(recipient);
    else plan.default.push(recipient);
    covered.add(f.domain);
  }
  for (const relay of relays) {
    const recipient = serverRecipient(relay.inboxUrl, relay.actorIri);
    if (covered.has(hostOf(recipient))) continue;
    plan.default.push(recipient);
    covered.add(hostOf(recipient));
  }
  return plan;
}
