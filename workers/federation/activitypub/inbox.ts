/**
 * Inbound activities (https://www.w3.org/TR/activitypub/#inbox). Fedify verifies the
 * HTTP signature (draft-cavage or RFC 9421) and that the signing key belongs to the
 * activity's actor *before* any listener runs, answering 401 otherwise; activities
 * without a listener here are acknowledged (202) and dropped, nothing stored.
 * Handled so far: Follow of a local account (accepted at once, or a follow request when
 * the account is locked) and Undo of that Follow (or of the pending request); Accept/Reject of our Follow (remote-accounts.ts); Like and EmojiReact of local posts as reactions (reactions.ts)
 * and their Undo; Create/Update/Delete of Notes into the remote-post cache (remote-posts.ts);
 * Announce of local posts and of remote Notes, and its Undo (announces.ts); actor Update and
 * Delete (actor-updates.ts); friend-server handshakes (friends.ts) and relay answers
 * (relays.ts) from instance actors; Flag as a report (flags.ts).
 */
import type { Federation, InboxContext } from "@fedify/fedify";
import {
  Accept,
  type Actor,
  Announce,
  Block,
  Create,
  Delete,
  EmojiReact,
  Flag,
  Follow,
  isActor,
  Like,
  Reject,
  Undo,
  Update,
} from "@fedify/vocab";
import type { RemoteActorInfo } from "../../db/d1-remote-actor-store";
import { isAboutItsActor, onActorDelete, onActorUpdate } from "./actor-updates";
import { onAnnounce, undoAnnounce } from "./announces";
import { onBlock } from "./blocks";
import { type FederationDeps, INSTANCE_ACTOR } from "./context";
import { objectEmojis } from "./custom-emoji";
import { onFlag, refuseSuspended } from "./flags";
import { onFriendAnswer, onFriendDelete, onFriendFollow, onFriendUndo } from "./friends";
import { onEmojiReact, onLike, undoReaction } from "./reactions";
import { onRelayAnswer } from "./relays";
import { onCreate, onDelete, onUpdate } from "./remote-posts";
import { sanitizeHtml } from "./sanitize-html";

type Ctx = InboxContext<FederationDeps>;

export function registerInbox(federation: Federation<FederationDeps>): void {
  // Moderation (flags.ts): activities of suspended remote actors are dropped.
  refuseSuspended(federation.setInboxListeners("/users/{identifier}/inbox", "/inbox"))
    // Fetches made while handling shared-inbox activities are signed by the instance actor.
    .setSharedKeyDispatcher(() => ({ identifier: INSTANCE_ACTOR }))
    .on(Follow, live(onFollow))
    .on(Accept, live(onAccept))
    .on(Reject, live(onReject))
    .on(Like, live(onLike))
    .on(EmojiReact, live(onEmojiReact))
    .on(Announce, live(onAnnounce))
    .on(Undo, live(onUndo))
    .on(Create, live(onCreate))
    .on(
      Update,
      live((ctx, update) => (isAboutItsActor(update) ? onActorUpdate(ctx, update) : onUpdate(ctx, update))),
    )
    .on(
      Delete,
      live(async (ctx, del) => {
        if (isAboutItsActor(del)) return onActorDelete(ctx, del);
        // Delete{object: Public} from a friend's instance actor ends the friendship (friends.ts).
        if (await onFriendDelete(ctx, del)) return;
        await onDelete(ctx, del);
      }),
    )
    .on(Flag, live(onFlag))
    .on(Block, live(onBlock));
}

/** Activities of an actor that deleted itself (a tombstone in remote_actors) are acknowledged and dropped. */
function live<A extends { actorId: URL | null }>(listener: (ctx: Ctx, activity: A) => Promise<void>) {
  return async (ctx: Ctx, activity: A) => {
    if (activity.actorId && (await ctx.data.remoteActors.isDeleted(activity.actorId.href))) return;
    await listener(ctx, activity);
  };
}

/** The local account a `/users/{name}` IRI names (never the instance actor). */
export async function localAccountOf(ctx: Ctx, iri: URL | null) {
  if (!iri) return null;
  const parsed = ctx.parseUri(iri);
  if (parsed?.type !== "actor" || parsed.identifier === INSTANCE_ACTOR) return null;
  const account = await ctx.data.accounts.findByUsername(parsed.identifier);
  return account && account.username === parsed.identifier ? account : null;
}

/** What we keep of a verified remote actor (the avatar only as a link to their server). */
export async function actorInfo(actor: Actor): Promise<RemoteActorInfo | null> {
  if (!actor.id || !actor.inboxId) return null;
  const host = actor.id.host;
  const summary = actor.summary?.toString();
  const url = actor.url instanceof URL ? actor.url : actor.url?.href;
  const http = (u: URL | null | undefined) => (u && /^https?:$/.test(u.protocol) ? u.href : null);
  // The icon is embedded as an Image in practice (no fetch); a broken one is left out.
  const icon = await actor.getIcon().catch(() => null);
  const iconUrl = icon?.url instanceof URL ? icon.url : (icon?.url?.href ?? null);
  return {
    iri: actor.id.href,
    handle: actor.preferredUsername ? `@${actor.preferredUsername.toString()}@${host}` : null,
    name: actor.name?.toString() ?? null,
    inbox: actor.inboxId.href,
    sharedInbox: actor.endpoints?.sharedInbox?.href ?? null,
    summary: summary ? sanitizeHtml(summary) : null,
    avatarUrl: http(iconUrl),
    url: http(url),
    // Custom emoji of the display name (embedded Emoji tags only; nothing is fetched for them).
    emojis: await objectEmojis(actor.getTags({ suppressError: true })),
  };
}

async function onFollow(ctx: Ctx, follow: Follow): Promise<void> {
  // Follow of as:Public is a friend request from another server's instance actor (friends.ts).
  if (await onFriendFollow(ctx, follow)) return;
  const account = await localAccountOf(ctx, follow.objectId);
  if (!account || !follow.actorId) return;
  const actor = await follow.getActor(ctx);
  // The signature was verified for follow.actorId; the document must be that actor.
  if (!actor || !isActor(actor) || actor.id?.href !== follow.actorId.href) return;
  const info = await actorInfo(actor);
  if (!info) return;
  const { remoteActors, ids, clock } = ctx.data;
  const stored = await remoteActors.upsert(info, ids.next(), clock.now());
  if (account.locked && !(await remoteActors.isFollower(account.id, stored.iri))) {
    // A locked account: the Follow waits for its owner (answered by follow-answers.ts).
    const added = await ctx.data.followRequests.add({
      id: ids.next(),
      accountId: account.id,
      requester: { kind: "remote", remoteId: stored.id, ref: follow.id?.href ?? null },
      createdAt: clock.now(),
    });
    if (added) await ctx.data.notify([{ accountId: account.id, type: "follow_request", actorId: stored.id }]);
    return;
  }
  await remoteActors.addFollower(account.id, stored.id, follow.id?.href ?? null, clock.now());
  const me = ctx.getActorUri(account.username);
  await ctx.sendActivity(
    { identifier: account.username },
    actor,
    new Accept({ id: new URL(`${me.href}#accepts/follows/${ids.next()}`), actor: me, object: follow, to: actor.id }),
  );
}

async function onUndo(ctx: Ctx, undo: Undo): Promise<void> {
  if (!undo.actorId) return;
  // A reaction named only by its id (nothing to fetch): one D1 delete.
  if (undo.objectId && (await ctx.data.remoteReactions.removeByActivity(undo.actorId.href, undo.objectId.href))) return;
  // A boost named by its Announce id: no fetch either.
  if (undo.objectId && (await undoAnnounce(ctx, undo.actorId.href, null, undo.objectId.href))) return;
  const object = await undo.getObject(ctx).catch(() => null);
  if (object instanceof Announce) {
    await undoAnnounce(ctx, undo.actorId.href, object, object.id?.href ?? "");
    return;
  }
  if (object instanceof Like || object instanceof EmojiReact) return undoReaction(ctx, undo.actorId.href, object);
  if (!(object instanceof Follow) || (await onFriendUndo(ctx, undo, object))) return;
  // Only the follower can withdraw its follow.
  if (object.actorId?.href !== undo.actorId.href) return;
  const account = await localAccountOf(ctx, object.objectId);
  if (!account) return;
  await ctx.data.remoteActors.removeFollower(account.id, undo.actorId.href);
  const actor = await ctx.data.remoteActors.findByIri(undo.actorId.href);
  if (actor) await ctx.data.remoteActors.withdrawRequest(account.id, actor.id);
}

/** Our Follow an Accept/Reject answers: its id, or (embedded without one) the local follower. */
async function answeredFollow(
  ctx: Ctx,
  answer: Accept | Reject,
): Promise<{ iri: string | null; accountId: string | null } | null> {
  if (!answer.actorId) return null;
  if (answer.objectId) return { iri: answer.objectId.href, accountId: null };
  const follow = await answer.getObject(ctx);
  if (!(follow instanceof Follow) || follow.objectId?.href !== answer.actorId.href) return null;
  const account = await localAccountOf(ctx, follow.actorId);
  return account ? { iri: null, accountId: account.id } : null;
}

/** Accept of our Follow, only from the actor we followed (the store matches both). */
async function onAccept(ctx: Ctx, accept: Accept): Promise<void> {
  if ((await onFriendAnswer(ctx, accept)) || (await onRelayAnswer(ctx, accept))) return;
  const follow = await answeredFollow(ctx, accept);
  if (!follow || !accept.actorId) return;
  await ctx.data.remoteFollowings.accept(follow.iri, follow.accountId, accept.actorId.href, ctx.data.clock.now());
}

async function onReject(ctx: Ctx, reject: Reject): Promise<void> {
  if ((await onFriendAnswer(ctx, reject)) || (await onRelayAnswer(ctx, reject))) return;
  const follow = await answeredFollow(ctx, reject);
  if (!follow || !reject.actorId) return;
  await ctx.data.remoteFollowings.remove(follow.iri, follow.accountId, reject.actorId.href);
}
