import { drizzle } from "drizzle-orm/d1";
import { uuidv7 } from "uuidv7";
import type { CoreDeps } from "./core/deps";
import type { DomainEvent, EventSink } from "./core/events";
import { D1AccountStore } from "./db/d1-account-store";
import { D1BookmarkStore } from "./db/d1-bookmark-store";
import { D1CommunityStore } from "./db/d1-community-store";
import { D1DashboardStore } from "./db/d1-dashboard-store";
import { D1EmojiStore } from "./db/d1-emoji-store";
import { D1FollowRequestStore } from "./db/d1-follow-request-store";
import { D1FollowStore } from "./db/d1-follow-store";
import { D1MediaStore } from "./db/d1-media-store";
import { D1ModerationStore } from "./db/d1-moderation-store";
import { D1NotificationStore } from "./db/d1-notification-store";
import { D1PinStore } from "./db/d1-pin-store";
import { D1DomainBlockStore, D1PolicyStats } from "./db/d1-policy-store";
import { D1PostStore } from "./db/d1-post-store";
import { D1ReactionStore } from "./db/d1-reaction-store";
import { D1RelationStore } from "./db/d1-relation-store";
import { D1RemoteActorStore } from "./db/d1-remote-actor-store";
import { D1RemoteDirectory } from "./db/d1-remote-directory";
import { D1RemoteInteractionStore } from "./db/d1-remote-interaction-store";
import { D1RemotePostStore } from "./db/d1-remote-post-store";
import { D1RemoteSearch } from "./db/d1-remote-search";
import { D1ReportStore } from "./db/d1-report-store";
import { D1SearchStore } from "./db/d1-search-store";
import { D1SessionStore } from "./db/d1-session-store";
import { D1SettingsStore } from "./db/d1-settings-store";
import { D1SignupStore } from "./db/d1-signup-store";
import { R2BlobStore } from "./media/r2-blob-store";

export type EventListener = (event: DomainEvent) => Promise<void> | void;

/** Adapters subscribed to domain events, built per invocation from the bindings. */
export type ListenerFactory = (env: Env, deps: () => AppDeps) => EventListener[];

/** Delivers each domain event to every subscribed adapter, in order. */
export class ListenerEventSink implements EventSink {
  constructor(private readonly listeners: readonly EventListener[]) {}
  async emit(event: DomainEvent): Promise<void> {
    for (const listen of this.listeners) await listen(event);
  }
}

export interface AppDeps extends CoreDeps {
  readonly sessionStore: D1SessionStore;
  /** The bounded cache of posts received from other servers (read by timelines). */
  readonly remotePosts: D1RemotePostStore;
  /** Moderation: the admin dashboard's figures, peers and dead letters. */
  readonly dashboard: D1DashboardStore;
  /** Cached remote actors (who a remote notification or follow request is from). */
  readonly remoteActors: D1RemoteActorStore;
  /** Our accounts' reactions to and boosts of those cached posts. */
  readonly remoteInteractions: D1RemoteInteractionStore;
  /** Full-text search over the public posts of that cache. */
  readonly remoteSearch: D1RemoteSearch;
}

/** Builds the port implementations for one invocation from the bindings. */
export function buildDeps(env: Pick<Env, "DB" | "MEDIA">, listeners: readonly EventListener[] = []): AppDeps {
  const db = drizzle(env.DB);
  const sessions = new D1SessionStore(db, () => new Date());
  return {
    accounts: new D1AccountStore(db),
    sessions,
    sessionStore: sessions,
    remotePosts: new D1RemotePostStore(db),
    dashboard: new D1DashboardStore(db, env.DB),
    remoteActors: new D1RemoteActorStore(db, env.DB),
    remoteInteractions: new D1RemoteInteractionStore(db),
    remoteSearch: new D1RemoteSearch(db),
    blobs: new R2BlobStore(env.MEDIA),
    posts: new D1PostStore(db),
    follows: new D1FollowStore(db),
    followRequests: new D1FollowRequestStore(db),
    communities: new D1CommunityStore(db),
    reactions: new D1ReactionStore(db),
    emojis: new D1EmojiStore(db),
    bookmarks: new D1BookmarkStore(db),
    pins: new D1PinStore(db),
    media: new D1MediaStore(db),
    notifications: new D1NotificationStore(db),
    search: new D1SearchStore(db),
    settings: new D1SettingsStore(db),
    moderation: new D1ModerationStore(db),
    reports: new D1ReportStore(db),
    signups: new D1SignupStore(db),
    remoteDirectory: new D1RemoteDirectory(db),
    domainBlocks: new D1DomainBlockStore(db, env.DB),
    policyStats: new D1PolicyStats(db),
    relations: new D1RelationStore(db, env.DB),
    events: new ListenerEventSink(listeners),
    clock: { now: () => new Date() },
    ids: { next: () => uuidv7() },
  };
}

/** buildDeps with the composition root's listeners subscribed (used by the Worker and the Durable Objects). */
export function buildDepsWith(env: Env, listeners: ListenerFactory): AppDeps {
  const deps: AppDeps = buildDeps(
    env,
    listeners(env, () => deps),
  );
  return deps;
}
