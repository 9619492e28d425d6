import type { Context } from "hono";
import type { Account } from "../core/accounts/account";
import type { AppDeps } from "../deps";
import type { Config } from "../env";
import type { BlueskyAccounts } from "./atproto-accounts";
import type { FriendLinks } from "./friend-links";
import type { RemoteAccounts } from "./remote-accounts";
import type { RemoteBlocks } from "./remote-blocks";
import type { RemotePostActions } from "./remote-post-actions";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    deps: AppDeps;
    config: Config;
    /** The signed-in account, or null. */
    viewer: Account | null;
    /** The raw session token from the cookie, when there is one. */
    sessionToken: string | null;
    /** Remote accounts (set by the federation mount; absent when federation is not mounted). */
    remote?: RemoteAccounts;
    /** Friend servers and relays (set by the federation mount, like `remote`). */
    friendLinks?: FriendLinks;
    /** Reactions and boosts of cached remote posts (set by the federation mount, like `remote`). */
    remoteActions?: RemotePostActions;
    /** Bluesky accounts over the AT Protocol (set by the atproto mount; absent when it is not mounted). */
    atproto?: BlueskyAccounts;
    /** Sends Block / Undo(Block) to remote servers (set by the federation mount). */
    remoteBlocks?: RemoteBlocks;
  };
}

export type AppContext = Context<AppEnv>;
