/**
 * Updates and deletes of remote actors themselves
 * (https://www.w3.org/TR/activitypub/#update-activity-inbox, #delete-activity-inbox):
 * - `Update` of an actor (Person, Service, ...) refreshes our cached copy (name, summary
 *   sanitised, avatar link, inboxes) and forgets Fedify's cached document and keys, so the
 *   next signature is checked against the keys it publishes now. Only the actor itself
 *   may update itself (the signer is the activity's actor, and the object must be it); an
 *   actor we never cached is not stored.
 * - `Delete` of the actor by itself (Mastodon sends the actor id, Misskey a Tombstone):
 *   its follows, follow requests, reactions, boosts and cached posts are removed and the
 *   actor becomes a tombstone: every later activity of it is acknowledged and dropped
 *   (inbox.ts), and a late Update cannot revive it.
 * A self-delete can only be verified while its key is still in Fedify's key cache (the
 * actor document is gone by then); otherwise the request is refused with 401, like any
 * unverifiable one.
 */
import type { InboxContext } from "@fedify/fedify";
import { type Delete, isActor, type Update } from "@fedify/vocab";
import type { FederationDeps } from "./context";
import { actorInfo } from "./inbox";

type Ctx = InboxContext<FederationDeps>;

/** Whether the activity is about its own actor (an actor Update or self-Delete). */
export function isAboutItsActor(activity: Update | Delete): boolean {
  return activity.actorId !== null && activity.objectId?.href === activity.actorId.href;
}

export async function onActorUpdate(ctx: Ctx, update: Update): Promise<void> {
  const actorIri = update.actorId?.href;
  if (!actorIri || !isAboutItsActor(update)) return;
  const { remoteActors, ids, clock } = ctx.data;
  if (!(await remoteActors.findByIri(actorIri))) return;
  const actor = await update.getObject(ctx).catch(() => null);
  if (!actor || !isActor(actor) || actor.id?.href !== actorIri) return;
  const info = await actorInfo(actor);
  if (!info) return;
  await remoteActors.upsert(info, ids.next(), clock.now());
  const kv = ctx.data.kv;
  await Promise.all([
    kv.delete(["_fedify", "remoteDocument", actorIri]),
    ...[...actor.publicKeyIds, ...actor.assertionMethodIds].map((key) => kv.delete(["_fedify", "publicKey", key.href])),
  ]);
}

export async function onActorDelete(ctx: Ctx, del: Delete): Promise<void> {
  const actorIri = del.actorId?.href;
  if (!actorIri || !isAboutItsActor(del)) return;
  const { remoteActors, clock } = ctx.data;
  const actor = await remoteActors.findByIri(actorIri);
  if (!actor) return;
  await remoteActors.tombstone(actor.id, clock.now());
}
