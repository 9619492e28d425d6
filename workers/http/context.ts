import type { Context } from "hono";
import type { Account } from "../core/accounts/account";
import type { AppDeps } from "../deps";
import type { Config } from "../env";
import type { RemoteAccounts } from "./remote-accounts";
import type { RemoteBlocks } from "./remote-blocks";

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
    /** Sends Block / Undo(Block) to remote servers (set by the federation mount). */
    remoteBlocks?: RemoteBlocks;
  };
}

export type AppContext = Context<AppEnv>;
