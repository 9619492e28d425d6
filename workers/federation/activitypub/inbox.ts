/**
 * Inbound activities (https://www.w3.org/TR/activitypub/#inbox). Fedify verifies the
 * HTTP signature (draft-cavage or RFC 9421) and that the signing key belongs to the
 * activity's actor *before* any listener runs, answering 401 otherwise; activities
 * without a listener here are acknowledged (202) and dropped, nothing stored.
 * Handled so far: Follow of a local account (accepted at once: no locked accounts yet)
 * and Undo of that Follow.
 */
import type { Federation, InboxContext } from "@fedify/fedify";
import { Accept, type Actor, Follow, isActor, Undo } from "@fedify/vocab";
import type { RemoteActorInfo } from "../../db/d1-remote-actor-store";
import { type FederationDeps, INSTANCE_ACTOR } from "./context";

type Ctx = InboxContext<FederationDeps>;

export function registerInbox(federation: Federation<FederationDeps>): void {
  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    // Fetches made while handling shared-inbox activities are signed by the instance actor.
    .setSharedKeyDispatcher(() => ({ identifier: INSTANCE_ACTOR }))
    .on(Follow, onFollow)
    .on(Undo, onUndo);
}

/** The local account a `/users/{name}` IRI names (never the instance actor). */
async function localAccountOf(ctx: Ctx, iri: URL | null) {
  if (!iri) return null;
  const parsed = ctx.parseUri(iri);
  if (parsed?.type !== "actor" || parsed.identifier === INSTANCE_ACTOR) return null;
  const account = await ctx.data.accounts.findByUsername(parsed.identifier);
  return account && account.username === parsed.identifier ? account : null;
}

/** What we keep of a verified remote actor. */
export function actorInfo(actor: Actor): RemoteActorInfo | null {
  if (!actor.id || !actor.inboxId) return null;
  const host = actor.id.host;
  return {
    iri: actor.id.href,
    handle: actor.preferredUsername ? `@${actor.preferredUsername.toString()}@${host}` : null,
    name: actor.name?.toString() ?? null,
    inbox: actor.inboxId.href,
    sharedInbox: actor.endpoints?.sharedInbox?.href ?? null,
  };
}

async function onFollow(ctx: Ctx, follow: Follow): Promise<void> {
  const account = await localAccountOf(ctx, follow.objectId);
  // Friend-server and relay requests (Follow of Public by an instance actor) come later.
  if (!account || !follow.actorId) return;
  const actor = await follow.getActor(ctx);
  // The signature was verified for follow.actorId; the document must be that actor.
  if (!actor || !isActor(actor) || actor.id?.href !== follow.actorId.href) return;
  const info = actorInfo(actor);
  if (!info) return;
  const { remoteActors, ids, clock } = ctx.data;
  const stored = await remoteActors.upsert(info, ids.next(), clock.now());
  await remoteActors.addFollower(account.id, stored.id, follow.id?.href ?? null, clock.now());
  const me = ctx.getActorUri(account.username);
  await ctx.sendActivity(
    { identifier: account.username },
    actor,
    new Accept({ id: new URL(`${me.href}#accepts/follows/${ids.next()}`), actor: me, object: follow, to: actor.id }),
  );
}

async function onUndo(ctx: Ctx, undo: Undo): Promise<void> {
  const object = await undo.getObject(ctx);
  if (!(object instanceof Follow) || !undo.actorId) return;
  // Only the follower can withdraw its follow.
  if (object.actorId?.href !== undo.actorId.href) return;
  const account = await localAccountOf(ctx, object.objectId);
  if (!account) return;
  await ctx.data.remoteActors.removeFollower(account.id, undo.actorId.href);
}
