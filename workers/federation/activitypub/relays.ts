/**
 * Relay subscriptions, as Mastodon makes them
 * (https://docs.joinmastodon.org/admin/relays/; the shape pub-relay and activity-relay
 * accept): our instance actor sends `Follow{ object: as:Public }` (no inboxUrl: that
 * is what tells a friend request apart) to the relay's inbox; the relay answers with
 * Accept/Reject; `Undo(Follow)` unsubscribes. Only public posts are sent to an accepted
 * relay (friends-delivery.ts); public posts it relays to us feed the federated timeline
 * (remote-posts.ts via admitsUnfollowed).
 */
import type { Context, InboxContext } from "@fedify/fedify";
import { Accept, Follow, PUBLIC_COLLECTION, type Reject, Undo } from "@fedify/vocab";
import type { Relay } from "../../db/d1-friend-store";
import { type FederationDeps, INSTANCE_ACTOR } from "./context";
import { answeredFollowId, instanceSigner } from "./friends";

type Ctx = Context<FederationDeps>;

const recipient = (inboxUrl: string) => {
  const inbox = new URL(inboxUrl);
  return { id: new URL(`${inbox.origin}/actor`), inboxId: inbox };
};

/** Subscribes to the relay whose inbox is `inbox`; null when already subscribed. */
export async function subscribeRelay(ctx: Ctx, inbox: URL): Promise<Relay | null> {
  const { friends, ids, clock } = ctx.data;
  const me = ctx.getActorUri(INSTANCE_ACTOR);
  const followId = `${me.href}#relay-follows/${ids.next()}`;
  const relay = await friends.addRelay({ id: ids.next(), inboxUrl: inbox.href, followId, createdAt: clock.now() });
  if (!relay) return null;
  await ctx.sendActivity(
    await instanceSigner(ctx),
    recipient(relay.inboxUrl),
    new Follow({ id: new URL(followId), actor: me, object: PUBLIC_COLLECTION }),
  );
  return relay;
}

/** Unsubscribes (Undo(Follow)) and forgets the relay. */
export async function unsubscribeRelay(ctx: Ctx, relay: Relay): Promise<void> {
  const me = ctx.getActorUri(INSTANCE_ACTOR);
  const follow = new Follow({ id: new URL(relay.followId), actor: me, object: PUBLIC_COLLECTION });
  try {
    await ctx.sendActivity(
      await instanceSigner(ctx),
      recipient(relay.inboxUrl),
      new Undo({ id: new URL(`${relay.followId}#undo`), actor: me, object: follow }),
    );
  } finally {
    await ctx.data.friends.removeRelay(relay.id);
  }
}

/** The relay's Accept/Reject of our subscription (bare or embedded Follow). Returns false when not about a relay. */
export async function onRelayAnswer(ctx: InboxContext<FederationDeps>, answer: Accept | Reject): Promise<boolean> {
  const followId = await answeredFollowId(ctx, answer);
  if (!followId?.startsWith(`${ctx.getActorUri(INSTANCE_ACTOR).href}#relay-follows/`) || !answer.actorId) return false;
  const relay = await ctx.data.friends.findRelayByFollow(followId);
  // Only an actor on the relay's own host answers for it.
  if (!relay || new URL(relay.inboxUrl).host !== answer.actorId.host) return true;
  await ctx.data.friends.setRelayState(relay.id, answer instanceof Accept ? "accepted" : "rejected", answer.actorId.href);
  return true;
}
