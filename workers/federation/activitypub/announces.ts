/**
 * Inbound `Announce` (boosts; https://www.w3.org/TR/activitypub/#announce-activity-inbox)
 * and its `Undo`:
 * - of a local post: a boost by the remote actor (remote_boosts; counted in the post's
 *   boosts) when the post is public, unlisted or local-public outside a members-only
 *   community; its author is notified. One per actor and post.
 * - of a remote Note, by an actor a local account follows (accepted): the Note is cached
 *   (fetched from its own server when the Announce embeds a copy from elsewhere: Fedify
 *   refuses cross-origin embedded objects) and the Announce is stored as a row of the
 *   booster in remote_posts pointing at it, so it reaches followers' home timelines
 *   attributed as a boost. Only public and unlisted Notes can be boosted; a tombstoned
 *   Note stays deleted. Idempotent on the Announce id, whatever order things arrive in.
 * Origin rules: the boosted Note's id must equal the object's id, its `attributedTo`
 * must be on the Note's host; otherwise nothing is stored.
 */
import type { InboxContext } from "@fedify/fedify";
import { Announce, isActor, Note } from "@fedify/vocab";
import type { RemoteActor } from "../../db/d1-remote-actor-store";
import type { FederationDeps } from "./context";
import { actorInfo } from "./inbox";
import { localPostOf, remoteMaySee } from "./reactions";
import { parseNote, visibilityOf } from "./remote-posts";
import { instantToDate } from "./temporal";

type Ctx = InboxContext<FederationDeps>;

export async function onAnnounce(ctx: Ctx, announce: Announce): Promise<void> {
  const actorIri = announce.actorId?.href;
  if (!actorIri || !announce.objectId) return;
  const local = await localPostOf(ctx, announce.objectId);
  if (local) {
    const boostable = local.visibility === "public" || local.visibility === "unlisted" || local.visibility === "local_public";
    if (!boostable || !(await remoteMaySee(ctx, local, actorIri))) return;
    const booster = await knownActor(ctx, announce);
    if (!booster) return;
    const { remoteBoosts, clock } = ctx.data;
    if (await remoteBoosts.add(local.id, booster.id, announce.id?.href ?? null, clock.now())) {
      await ctx.data.notify([{ accountId: local.author.id, type: "boost", actorId: booster.id, postId: local.id }]);
    }
    return;
  }
  await boostRemote(ctx, announce, actorIri);
}

async function boostRemote(ctx: Ctx, announce: Announce, actorIri: string): Promise<void> {
  const { remotePosts, remoteActors, ids, clock } = ctx.data;
  const announceIri = announce.id?.href;
  if (!announceIri || !announce.objectId) return;
  if (!(await remotePosts.followedLocally(actorIri))) return;
  if (await remotePosts.findByIri(announceIri)) return;
  let original = await remotePosts.findByIri(announce.objectId.href);
  if (original?.deleted) return;
  if (!original) {
    const note = await announce.getObject(ctx).catch(() => null);
    if (!(note instanceof Note) || note.id?.href !== announce.objectId.href || !note.attributionId) return;
    if (note.attributionId.host.toLowerCase() !== note.id.host.toLowerCase()) return;
    let author = await remoteActors.findByIri(note.attributionId.href);
    let fetched = null;
    if (!author) {
      const actor = await note.getAttribution(ctx).catch(() => null);
      if (!actor || !isActor(actor) || actor.id?.href !== note.attributionId.href) return;
      const info = await actorInfo(actor);
      if (!info) return;
      fetched = actor;
      author = await remoteActors.upsert(info, ids.next(), clock.now());
    }
    const parsed = await parseNote(ctx, note, fetched);
    // Mastodon's rule: only public and unlisted posts can be boosted.
    if (parsed.visibility !== "public" && parsed.visibility !== "unlisted") return;
    await remotePosts.insert(ids.next(), author.id, parsed, clock.now());
    original = await remotePosts.findByIri(note.id.href);
    if (!original || original.deleted) return;
  }
  if (original.visibility !== "public" && original.visibility !== "unlisted") return;
  const booster = await knownActor(ctx, announce);
  if (!booster) return;
  await remotePosts.insertBoost(
    ids.next(),
    booster.id,
    {
      iri: announceIri,
      boostOfId: original.id,
      visibility: visibilityOf(announce, null) === "public" ? "public" : "unlisted",
      publishedAt: announce.published ? instantToDate(announce.published) : clock.now(),
    },
    clock.now(),
  );
}

/** The announcing actor, from the cache or fetched (its document must be the signer's). */
async function knownActor(ctx: Ctx, announce: Announce): Promise<RemoteActor | null> {
  const actorIri = announce.actorId?.href;
  if (!actorIri) return null;
  const { remoteActors, ids, clock } = ctx.data;
  const cached = await remoteActors.findByIri(actorIri);
  if (cached) return cached;
  const actor = await announce.getActor(ctx).catch(() => null);
  if (!actor || !isActor(actor) || actor.id?.href !== actorIri) return null;
  const info = await actorInfo(actor);
  return info ? remoteActors.upsert(info, ids.next(), clock.now()) : null;
}

/** Undo(Announce) by its own actor: named by id, or embedded (then by what it names). */
export async function undoAnnounce(ctx: Ctx, actorIri: string, announce: Announce | null, iri: string): Promise<boolean> {
  const { remoteBoosts, remotePosts } = ctx.data;
  if (await remoteBoosts.removeByActivity(actorIri, iri)) return true;
  if (await remotePosts.removeBoost(iri, actorIri)) return true;
  if (!(announce instanceof Announce) || announce.actorId?.href !== actorIri) return false;
  const local = await localPostOf(ctx, announce.objectId);
  return local ? remoteBoosts.remove(local.id, actorIri) : false;
}
