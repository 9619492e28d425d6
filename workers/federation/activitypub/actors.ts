/**
 * Actors (https://www.w3.org/TR/activitypub/#actor-objects): a `Person` per local
 * account at /users/{username}, and the instance actor, an `Application` at /actor
 * (Mastodon's convention; it signs fetches and will speak for friend-server and
 * relay links). WebFinger (RFC 7033) resolves `acct:user@host`, and `acct:host@host`
 * for the instance actor. Keys: keys.ts.
 */
import type { Federation } from "@fedify/fedify";
import { Application, Endpoints, Image, Person } from "@fedify/vocab";
import { type FederationContext, type FederationDeps, INSTANCE_ACTOR } from "./context";
import { INSTANCE_KEY_OWNER, keyPairsOf } from "./keys";
import { escapeHtml } from "./render-content";
import { toInstant } from "./temporal";

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
};

export function registerActors(federation: Federation<FederationDeps>): void {
  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      if (identifier === INSTANCE_ACTOR) return instanceActor(ctx);
      const account = await ctx.data.accounts.findByUsername(identifier);
      if (!account || account.username !== identifier) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      const origin = ctx.canonicalOrigin;
      const avatarType = account.avatarKey ? IMAGE_TYPES[account.avatarKey.split(".").pop() ?? ""] : undefined;
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: account.username,
        name: account.displayName || account.username,
        summary: account.bio ? `<p>${escapeHtml(account.bio).replace(/\r?\n/g, "<br>")}</p>` : null,
        url: new URL(`${origin}/@${account.username}`),
        icon: account.avatarKey
          ? new Image({ url: new URL(`${origin}/media/${account.avatarKey}`), mediaType: avatarType ?? null })
          : null,
        published: toInstant(account.createdAt),
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        outbox: ctx.getOutboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        following: ctx.getFollowingUri(identifier),
        publicKeys: keys.filter((k) => k.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5").map((k) => k.cryptographicKey),
        assertionMethods: keys.filter((k) => k.privateKey.algorithm.name === "Ed25519").map((k) => k.multikey),
        manuallyApprovesFollowers: account.locked,
        discoverable: true,
        indexable: true,
      });
    })
    .mapActorAlias("/actor", INSTANCE_ACTOR)
    .setKeyPairsDispatcher(async (ctx, identifier) => {
      const owner = await keyOwner(ctx, identifier);
      return owner ? keyPairsOf(ctx.data.keys, owner, ctx.data.clock.now()) : [];
    })
    .mapHandle(async (ctx, username) => {
      // acct:host@host is the instance actor; otherwise a local username, any case.
      if (username.toLowerCase() === ctx.host.toLowerCase() || username.toLowerCase() === ctx.hostname.toLowerCase())
        return INSTANCE_ACTOR;
      return (await ctx.data.accounts.findByUsername(username))?.username ?? null;
    });
}

/** Whose keys an actor identifier uses: the account's id, or the instance's. */
async function keyOwner(ctx: FederationContext, identifier: string): Promise<string | null> {
  if (identifier === INSTANCE_ACTOR) return INSTANCE_KEY_OWNER;
  return (await ctx.data.accounts.findByUsername(identifier))?.id ?? null;
}

async function instanceActor(ctx: FederationContext): Promise<Application> {
  const keys = await ctx.getActorKeyPairs(INSTANCE_ACTOR);
  return new Application({
    id: ctx.getActorUri(INSTANCE_ACTOR),
    preferredUsername: ctx.host,
    name: ctx.data.config.serverName,
    url: new URL(`${ctx.canonicalOrigin}/`),
    // Its inbox is the shared inbox: friend and relay messages arrive there.
    inbox: ctx.getInboxUri(),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKeys: keys.filter((k) => k.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5").map((k) => k.cryptographicKey),
    assertionMethods: keys.filter((k) => k.privateKey.algorithm.name === "Ed25519").map((k) => k.multikey),
    manuallyApprovesFollowers: true,
  });
}
