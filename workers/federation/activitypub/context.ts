import type { Context } from "@fedify/fedify";
import { Note } from "@fedify/vocab";
import { drizzle } from "drizzle-orm/d1";
import { D1ActorKeyStore } from "../../db/d1-actor-key-store";
import { D1InstanceStats } from "../../db/d1-instance-stats";
import { D1PeerStore } from "../../db/d1-peer-store";
import { D1RemoteActorStore } from "../../db/d1-remote-actor-store";
import { D1RemoteFollowingStore } from "../../db/d1-remote-following-store";
import { D1RemotePostStore } from "../../db/d1-remote-post-store";
import { D1RemoteReactionStore } from "../../db/d1-remote-reaction-store";
import type { AppDeps } from "../../deps";
import type { Config } from "../../env";
import type { LocalUris } from "./render-note";

/** What Fedify's callbacks get as context data: our ports, never the bindings. */
export interface FederationDeps
  extends Pick<
    AppDeps,
    "accounts" | "posts" | "media" | "communities" | "follows" | "clock" | "ids" | "settings" | "domainBlocks" | "policyStats"
  > {
  readonly config: Config;
  readonly keys: D1ActorKeyStore;
  readonly remoteActors: D1RemoteActorStore;
  readonly remoteReactions: D1RemoteReactionStore;
  readonly remoteFollowings: D1RemoteFollowingStore;
  readonly remotePosts: D1RemotePostStore;
  readonly peers: D1PeerStore;
  readonly stats: D1InstanceStats;
}

export type FederationContext = Context<FederationDeps>;

export function federationDeps(env: Pick<Env, "DB">, app: AppDeps, config: Config): FederationDeps {
  const db = drizzle(env.DB);
  return {
    accounts: app.accounts,
    posts: app.posts,
    media: app.media,
    communities: app.communities,
    follows: app.follows,
    clock: app.clock,
    ids: app.ids,
    settings: app.settings,
    domainBlocks: app.domainBlocks,
    policyStats: app.policyStats,
    config,
    keys: new D1ActorKeyStore(db),
    remoteActors: new D1RemoteActorStore(db, env.DB),
    remoteReactions: new D1RemoteReactionStore(db),
    remoteFollowings: new D1RemoteFollowingStore(db),
    remotePosts: new D1RemotePostStore(db),
    peers: new D1PeerStore(db, env.DB),
    stats: new D1InstanceStats(env.DB),
  };
}

/** The sentinel actor identifier of the instance actor (not a valid username, so it cannot collide). */
export const INSTANCE_ACTOR = "instance.actor";

/** Our object URIs, from Fedify's router so they always match the dispatchers. */
export function localUris(ctx: FederationContext): LocalUris {
  return {
    origin: ctx.canonicalOrigin,
    host: new URL(ctx.canonicalOrigin).host,
    actor: (username) => ctx.getActorUri(username),
    followers: (username) => ctx.getFollowersUri(username),
    note: (id) => ctx.getObjectUri(Note, { id }),
  };
}
