/**
 * Outbound delivery: domain events -> activities for the author's remote followers
 * (https://www.w3.org/TR/activitypub/#delivery). `post.published` -> Create(Note) or,
 * for a boost, Announce; `post.edited` -> Update(Note); `post.deleted` -> Delete
 * (Tombstone) or, for a boost, Undo(Announce). Recipients are grouped by shared inbox
 * (`preferSharedInbox`), so a server gets ONE delivery however many followers it has.
 * The listener only enqueues (one queue message, or one per inbox below Fedify's
 * fan-out threshold of 5); signing and sending happen in the queue consumer.
 * Posts that must not leave the server (local_only, members-only communities) produce
 * nothing. Mentioned remote accounts (mentions.ts: `@user@host`, resolved by WebFinger
 * when not cached, and the author of a remote post replied to) are recipients too; a
 * direct post goes to them only, never to followers and never with Public.
 */
import { Announce, Create, Delete, PUBLIC_COLLECTION, type Recipient, Tombstone, Undo, Update } from "@fedify/vocab";
import type { DomainEvent } from "../../core/events";
import { isPublicPlace } from "../../core/posts/visibility";
import type { RemoteActor } from "../../db/d1-remote-actor-store";
import type { AppDeps, EventListener } from "../../deps";
import { loadConfig } from "../../env";
import { type FederationContext, federationDeps, localUris } from "./context";
import { buildFederation } from "./federation";
import { type DeliveryPlan, planDelivery } from "./friends-delivery";
import { loadNotes } from "./load-notes";
import { type RemoteMentions, remoteMentionsOf } from "./mentions";
import { resolveRemoteActor } from "./remote-accounts";
import { remoteMentionsIn } from "./render-content";
import { type Audience, addressingFor, isFederatable } from "./render-note";
import { toInstant } from "./temporal";

type DeliveryEnv = Pick<Env, "DB" | "DELIVERY_QUEUE" | "ORIGIN" | "ENVIRONMENT" | "SERVER_NAME">;

export function activityPubDelivery(env: DeliveryEnv, deps: () => AppDeps): EventListener {
  return async (event: DomainEvent) => {
    if (event.type !== "post.published" && event.type !== "post.edited" && event.type !== "post.deleted") return;
    const config = loadConfig(env);
    // Without a configured origin there is no stable identity to sign as (README, "Deploy").
    if (!config.originConfigured && config.environment === "production") return;
    try {
      const app = deps();
      const data = federationDeps(env, app, config);
      // Cheap checks first: most posts have no remote audience, and building the
      // federation (Fedify's router, loaders) is the expensive part.
      const { post } = event;
      if (!isFederatable({ ...post, deletedAt: null }, await isPublicPlace(data, post))) return;
      const mightMention = !post.boostOfId && (post.replyToExternal !== null || remoteMentionsIn(post.text).length > 0);
      const followers = post.visibility === "direct" ? [] : await data.remoteActors.followers(post.author.id);
      // The federation (router, loaders) is built only when someone will get something.
      const build = () => buildFederation(env, config, app.ids.next).createContext(new URL(config.origin), data);
      let ctx: FederationContext | null = null;
      let mentions: RemoteMentions = new Map<string, RemoteActor>();
      if (mightMention) {
        const c = build();
        ctx = c;
        // Uncached mentions are looked up when publishing or editing; a delete uses what is cached.
        const resolve = event.type === "post.deleted" ? undefined : (h: string) => resolveRemoteActor(c, h, false);
        mentions = await remoteMentionsOf(data, post, resolve);
      }
      // Friend servers and relays join the followers; each server gets one variant (friends-delivery.ts).
      const plan = await planDelivery(data, post, recipientsOf([...followers, ...mentions.values()]));
      if (plan.default.length === 0 && plan.friend.length === 0) return;
      ctx ??= build();
      await deliver(ctx, event, plan, mentions);
    } catch (err) {
      // Best effort, like notifications: the post is already published locally.
      console.error("activitypub delivery failed to enqueue", event.type, err);
    }
  };
}

type PostEvent = Extract<DomainEvent, { type: "post.published" | "post.edited" | "post.deleted" }>;

async function deliver(ctx: FederationContext, event: PostEvent, plan: DeliveryPlan, mentions: RemoteMentions): Promise<void> {
  const { post } = event;
  const sender = { identifier: post.author.username };
  if (plan.default.length > 0) {
    const activity = post.boostOfId ? await boostActivity(ctx, event) : await noteActivity(ctx, event, mentions);
    if (activity) await ctx.sendActivity(sender, plan.default, activity, { preferSharedInbox: true });
  }
  if (plan.friend.length > 0 && !post.boostOfId) {
    const activity = await noteActivity(ctx, event, mentions, "friend");
    if (activity) await ctx.sendActivity(sender, plan.friend, activity, { preferSharedInbox: true });
  }
}

/** Remote followers and mentioned actors, once each. */
function recipientsOf(actors: readonly RemoteActor[]): Recipient[] {
  const unique = new Map(actors.map((a) => [a.iri, a]));
  return [...unique.values()].map((f) => ({
    id: new URL(f.iri),
    inboxId: new URL(f.inbox),
    endpoints: { sharedInbox: f.sharedInbox ? new URL(f.sharedInbox) : null },
  }));
}

async function noteActivity(ctx: FederationContext, event: PostEvent, mentions: RemoteMentions, audience: Audience = "default") {
  const { post } = event;
  const uris = localUris(ctx);
  const actor = uris.actor(post.author.username);
  if (event.type === "post.deleted") {
    const mentioned = [...mentions.values()].map((a) => new URL(a.iri));
    const addressing = addressingFor(post.visibility, uris.followers(post.author.username), mentioned, audience);
    if (!addressing) return null;
    const id = uris.note(post.id);
    return new Delete({
      id: new URL(`${id.href}#delete`),
      actor,
      object: new Tombstone({ id }),
      tos: addressing.to,
      ccs: addressing.cc,
    });
  }
  const note = (await loadNotes(ctx.data, uris, [post], audience, new Map([[post.id, mentions]]))).get(post.id);
  if (!note?.id) return null;
  if (event.type === "post.edited") {
    const at = post.editedAt ?? ctx.data.clock.now();
    return new Update({
      id: new URL(`${note.id.href}#updates/${at.getTime()}`),
      actor,
      object: note,
      tos: note.toIds,
      ccs: note.ccIds,
      updated: toInstant(at),
    });
  }
  return new Create({
    id: new URL(`${note.id.href}#create`),
    actor,
    object: note,
    tos: note.toIds,
    ccs: note.ccIds,
    published: note.published,
  });
}

/** A boost is an Announce of the original's Note (only public, unlisted and local-public posts can be boosted). */
async function boostActivity(ctx: FederationContext, event: PostEvent) {
  const { post } = event;
  if (event.type === "post.edited" || !post.boostOfId) return null;
  const uris = localUris(ctx);
  const actor = uris.actor(post.author.username);
  const original = await ctx.data.posts.findById(post.boostOfId);
  if (!original || !isFederatable({ ...original, deletedAt: null }, await isPublicPlace(ctx.data, original))) return null;
  const followers = uris.followers(post.author.username);
  const originalAuthor = uris.actor(original.author.username);
  const addressing =
    post.visibility === "public"
      ? { to: [PUBLIC_COLLECTION], cc: [followers, originalAuthor] }
      : { to: [followers], cc: [PUBLIC_COLLECTION, originalAuthor] };
  const announce = new Announce({
    id: new URL(`${uris.note(post.id).href}#announce`),
    actor,
    object: uris.note(original.id),
    tos: addressing.to,
    ccs: addressing.cc,
    published: toInstant(post.createdAt),
  });
  if (event.type === "post.published") return announce;
  return new Undo({
    id: new URL(`${uris.note(post.id).href}#announce/undo`),
    actor,
    object: announce,
    tos: addressing.to,
    ccs: addressing.cc,
  });
}
