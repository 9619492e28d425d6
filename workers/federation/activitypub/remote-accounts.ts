/**
 * Following remote accounts (https://www.w3.org/TR/activitypub/#follow-activity-outbox):
 * resolves `@user@host` by WebFinger (RFC 7033) and actor URLs by fetching them, caches
 * the actor in remote_actors, sends `Follow` from our user (pending until their `Accept`,
 * handled in inbox.ts) and `Undo(Follow)`. Outside production, WebFinger of a plain-http
 * peer (a loopback test server) is retried over http, since `acct:` lookups are https-only.
 */
import { Follow, isActor, Undo } from "@fedify/vocab";
import type { RemoteActor } from "../../db/d1-remote-actor-store";
import type { AppDeps } from "../../deps";
import type { Config } from "../../env";
import type { RemoteAccounts, RemoteProfile, RemoteRelationship } from "../../http/remote-accounts";
import { type FederationContext, federationDeps } from "./context";
import { buildFederation } from "./federation";
import { actorInfo } from "./inbox";

export function remoteAccounts(env: Pick<Env, "DB" | "DELIVERY_QUEUE">, app: AppDeps, config: Config): RemoteAccounts {
  let made: FederationContext | undefined;
  const context = () => {
    made ??= buildFederation(env, config, app.ids.next).createContext(new URL(config.origin), federationDeps(env, app, config));
    return made;
  };

  const resolveActor = (target: string, refresh: boolean) => resolveRemoteActor(context(), target, refresh);

  async function relationship(accountId: string, actorIri: string): Promise<RemoteRelationship> {
    const data = context().data;
    const [state, followedBy] = await Promise.all([
      data.remoteFollowings.state(accountId, actorIri),
      data.remoteActors.isFollower(accountId, actorIri),
    ]);
    return { following: state === "accepted", requested: state === "pending", followedBy };
  }

  return {
    async resolve(target) {
      const actor = await resolveActor(target, false);
      return actor ? profileOf(actor) : null;
    },
    async relationship(accountId, profile) {
      return relationship(accountId, profile.uri);
    },
    async follow(account, target) {
      const actor = await resolveActor(target, true);
      if (!actor) return null;
      const ctx = context();
      const me = ctx.getActorUri(account.username);
      const id = `${me.href}#follows/${ctx.data.ids.next()}`;
      const stored = await ctx.data.remoteFollowings.request(account.id, actor.id, id, ctx.data.clock.now());
      // Re-sent while pending (the first may have been lost); the same Follow id each time.
      if (stored.state === "pending") {
        await ctx.sendActivity(
          { identifier: account.username },
          recipient(actor),
          new Follow({ id: new URL(stored.followIri), actor: me, object: new URL(actor.iri), to: new URL(actor.iri) }),
        );
      }
      return relationship(account.id, actor.iri);
    },
    async unfollow(account, target) {
      const actor = await resolveActor(target, false);
      if (!actor) return null;
      const ctx = context();
      const followIri = await ctx.data.remoteFollowings.remove(null, account.id, actor.iri);
      if (followIri) {
        const me = ctx.getActorUri(account.username);
        await ctx.sendActivity(
          { identifier: account.username },
          recipient(actor),
          new Undo({
            id: new URL(`${me.href}#undo/${ctx.data.ids.next()}`),
            actor: me,
            object: new Follow({ id: new URL(followIri), actor: me, object: new URL(actor.iri) }),
            to: new URL(actor.iri),
          }),
        );
      }
      return relationship(account.id, actor.iri);
    },
  };
}

/**
 * The remote actor `target` (`@user@host` or an actor URL) names: from the cache unless
 * `refresh`, else by WebFinger and a fetch of the actor document, then cached.
 */
export async function resolveRemoteActor(ctx: FederationContext, target: string, refresh: boolean): Promise<RemoteActor | null> {
  const { remoteActors, ids, clock, config } = ctx.data;
  const isUrl = /^https?:\/\//i.test(target);
  if (!refresh) {
    const cached = isUrl ? await remoteActors.findByIri(target) : await remoteActors.findByHandle(target);
    if (cached) return cached.deleted ? null : cached;
  }
  let iri: string | null = isUrl ? target : null;
  if (!iri) {
    const [, user, host] = /^@([^@]+)@(.+)$/.exec(target) ?? [];
    if (!user || !host) return null;
    iri = await webFinger(ctx, user, host, config.allowPrivateAddress);
  }
  if (!iri) return null;
  const object = await ctx.lookupObject(iri).catch(() => null);
  if (!object || !isActor(object) || !object.id) return null;
  // The document must come from the host it claims (lookupObject follows redirects).
  if (object.id.host !== new URL(iri).host) return null;
  const info = await actorInfo(object);
  const stored = info ? await remoteActors.upsert(info, ids.next(), clock.now()) : null;
  return stored?.deleted ? null : stored;
}

function recipient(actor: RemoteActor) {
  return { id: new URL(actor.iri), inboxId: new URL(actor.inbox), endpoints: null };
}

function profileOf(a: RemoteActor): RemoteProfile {
  return {
    id: a.id,
    uri: a.iri,
    handle: a.handle,
    host: a.host,
    name: a.name,
    summary: a.summary ?? null,
    avatarUrl: a.avatarUrl ?? null,
    url: a.url ?? null,
    emojis: a.emojis ?? [],
  };
}

/** The actor IRI WebFinger gives for `acct:user@host` (https; http too when private addresses are allowed). */
async function webFinger(ctx: FederationContext, user: string, host: string, allowHttp: boolean): Promise<string | null> {
  const resource = `acct:${user}@${host}`;
  const found = await ctx.lookupWebFinger(resource).catch(() => null);
  let links = found?.links;
  if (!links && allowHttp) {
    const res = await fetch(`http://${host}/.well-known/webfinger?resource=${encodeURIComponent(resource)}`, {
      headers: { accept: "application/jrd+json" },
    }).catch(() => null);
    const jrd = res?.ok ? ((await res.json().catch(() => null)) as { links?: typeof links } | null) : null;
    links = jrd?.links;
  }
  const self = links?.find(
    (l) => l.rel === "self" && /^application\/(activity\+json|ld\+json)/.test(l.type ?? "") && typeof l.href === "string",
  );
  return self?.href ?? null;
}
