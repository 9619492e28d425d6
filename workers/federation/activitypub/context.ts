import type { Context } from "@fedify/fedify";
import { Note } from "@fedify/vocab";
import { drizzle } from "drizzle-orm/d1";
import { remoteNotificationVerdict, uuidv7Time } from "../../core/moderation/policies";
import type { Notification, NotificationType } from "../../core/notifications/ports";
import { getSettings } from "../../core/settings/settings";
import { D1ActorKeyStore } from "../../db/d1-actor-key-store";
import { D1FriendStore } from "../../db/d1-friend-store";
import { D1InstanceStats } from "../../db/d1-instance-stats";
import { D1KvStore } from "../../db/d1-kv-store";
import { D1PeerStore } from "../../db/d1-peer-store";
import { D1RemoteActorStore } from "../../db/d1-remote-actor-store";
import { D1RemoteBoostStore } from "../../db/d1-remote-boost-store";
import { D1FederationModeration } from "../../db/d1-remote-directory";
import { D1RemoteFollowingStore } from "../../db/d1-remote-following-store";
import { D1RemoteInteractionStore } from "../../db/d1-remote-interaction-store";
import { D1RemotePostStore } from "../../db/d1-remote-post-store";
import { D1RemoteReactionStore } from "../../db/d1-remote-reaction-store";
import type { AppDeps } from "../../deps";
import type { Config } from "../../env";
import { storeAndPush } from "../../notifier";
import type { LocalUris } from "./render-note";

/** What Fedify's callbacks get as context data: our ports, never the bindings. */
export interface FederationDeps
  extends Pick<
    AppDeps,
    | "accounts"
    | "posts"
    | "media"
    | "communities"
    | "follows"
    | "followRequests"
    | "emojis"
    | "notifications"
    | "clock"
    | "ids"
    | "settings"
    | "reports"
    | "domainBlocks"
    | "policyStats"
  > {
  readonly config: Config;
  readonly keys: D1ActorKeyStore;
  readonly remoteActors: D1RemoteActorStore;
  readonly remoteReactions: D1RemoteReactionStore;
  readonly remoteBoosts: D1RemoteBoostStore;
  readonly remoteFollowings: D1RemoteFollowingStore;
  readonly remotePosts: D1RemotePostStore;
  /** Our accounts' reactions to and boosts of cached remote posts. */
  readonly remoteInteractions: D1RemoteInteractionStore;
  readonly peers: D1PeerStore;
  readonly stats: D1InstanceStats;
  /** Friend-server links and relay subscriptions (friends.ts, relays.ts). */
  readonly friends: D1FriendStore;
  /** Moderation: reported remote content's addresses, suspended senders (flags.ts). */
  readonly moderation: D1FederationModeration;
  /** Fedify's key-value store (an actor Update forgets its cached document and keys). */
  readonly kv: D1KvStore;
  /** Notifies local accounts of remote activity (actor: a remote_actors id); stored, then pushed to open sockets. */
  notify(items: readonly RemoteNotice[]): Promise<void>;
}

/** Notification types that carry someone's post: the unknown-sender policy is about these. */
const FROM_POSTS = new Set<NotificationType>(["mention", "reply", "quote"]);

/**
 * The server's notification policies for remote senders (core/moderation/policies.ts,
 * remoteNotificationVerdict): a post notice from an account nobody here follows is
 * allowed, quarantined (`filtered`: Filtered tab only, no badge, no push) or dropped as
 * `unknownSenderPolicy` says; any notice from an account first seen less than
 * `newAccountHoldHours` ago is quarantined. Each held notice counts as a rule hit.
 */
async function screenNotices(
  app: AppDeps,
  actors: D1RemoteActorStore,
  notices: readonly RemoteNotice[],
): Promise<Notification[]> {
  if (notices.length === 0) return [];
  const now = app.clock.now();
  const settings = await getSettings(app);
  const strict = settings.unknownSenderPolicy !== "allow" || settings.newAccountHoldHours > 0;
  const followed = strict ? await actors.followedLocally(notices.map((n) => n.actorId)) : new Set<string>();
  const items: Notification[] = [];
  for (const n of notices) {
    const verdict = strict
      ? remoteNotificationVerdict(
          settings,
          { followedLocally: !FROM_POSTS.has(n.type) || followed.has(n.actorId), firstSeenAt: uuidv7Time(n.actorId) },
          now,
        )
      : { action: "allow" as const, rule: null };
    if (verdict.rule) await app.policyStats.hit(verdict.rule, now);
    if (verdict.action === "drop") continue;
    items.push({
      id: app.ids.next(),
      accountId: n.accountId,
      type: n.type,
      actorId: n.actorId,
      postId: n.postId ?? null,
      communityId: null,
      emoji: null,
      filtered: verdict.action === "filter",
      createdAt: now,
    });
  }
  return items;
}

/** A notification caused by a remote actor. */
export interface RemoteNotice {
  readonly accountId: string;
  readonly type: NotificationType;
  /** The remote_actors id. */
  readonly actorId: string;
  /** A local post, or a cached remote post (remote_posts id). */
  readonly postId?: string | null;
}

export type FederationContext = Context<FederationDeps>;

export function federationDeps(
  env: Pick<Env, "DB"> & Partial<Pick<Env, "USER_STREAM">>,
  app: AppDeps,
  config: Config,
): FederationDeps {
  const db = drizzle(env.DB);
  const userStream = env.USER_STREAM;
  const notify = async (notices: readonly RemoteNotice[]) => {
    try {
      const items = await screenNotices(app, new D1RemoteActorStore(db, env.DB), notices);
      if (userStream) await storeAndPush({ USER_STREAM: userStream }, app, items);
      else await app.notifications.insertMany(items);
    } catch (err) {
      // Best effort, like local notifications: the activity itself was handled.
      console.error("remote notification failed", err);
    }
  };
  return {
    accounts: app.accounts,
    posts: app.posts,
    media: app.media,
    communities: app.communities,
    follows: app.follows,
    followRequests: app.followRequests,
    notifications: app.notifications,
    notify,
    emojis: app.emojis,
    clock: app.clock,
    ids: app.ids,
    settings: app.settings,
    domainBlocks: app.domainBlocks,
    policyStats: app.policyStats,
    config,
    keys: new D1ActorKeyStore(db),
    remoteActors: new D1RemoteActorStore(db, env.DB),
    remoteReactions: new D1RemoteReactionStore(db),
    remoteBoosts: new D1RemoteBoostStore(db),
    remoteFollowings: new D1RemoteFollowingStore(db),
    remotePosts: new D1RemotePostStore(db),
    remoteInteractions: new D1RemoteInteractionStore(db),
    peers: new D1PeerStore(db, env.DB),
    stats: new D1InstanceStats(env.DB),
    friends: new D1FriendStore(db),
    reports: app.reports,
    moderation: new D1FederationModeration(env.DB),
    kv: new D1KvStore(env.DB),
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
