/**
 * Wires the AT Protocol adapter into a request or a cron invocation: env -> config ->
 * AtprotoDeps (built per invocation, nothing at import time). `atprotoMount` puts the
 * BlueskyAccounts port on the Hono context for our API; `atprotoScheduled` is the cron's
 * bounded poll pass. Tests pass their own network (a fixture-backed port).
 */
import { drizzle } from "drizzle-orm/d1";
import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "../../deps";
import { loadAtprotoConfig, loadConfig, VERSION } from "../../env";
import type { AppEnv } from "../../http/context";
import { blueskyAccounts } from "./accounts";
import type { AtprotoDeps } from "./context";
import { D1AtprotoStore } from "./d1-atproto-store";
import { type AtprotoNetwork, XrpcNetwork } from "./network";
import { pollDue } from "./sync";

export type NetworkFactory = (env: Env) => AtprotoNetwork;

export const xrpcNetwork: NetworkFactory = (env) => {
  const config = loadConfig(env);
  const atproto = loadAtprotoConfig(env);
  return new XrpcNetwork({
    ...atproto,
    allowPrivateAddress: config.allowPrivateAddress,
    userAgent: `Commons/${VERSION} (+${config.origin})`,
    timeoutMs: 8000,
  });
};

export function atprotoDeps(
  env: Env,
  deps: Pick<AppDeps, "remotePosts" | "clock" | "ids">,
  network: AtprotoNetwork,
): AtprotoDeps {
  return {
    store: new D1AtprotoStore(drizzle(env.DB)),
    remotePosts: deps.remotePosts,
    network,
    clock: deps.clock,
    ids: deps.ids,
    appView: loadAtprotoConfig(env).appViewUrl !== null,
  };
}

export function atprotoMount(network: NetworkFactory = xrpcNetwork): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith("/api/")) c.set("atproto", blueskyAccounts(atprotoDeps(c.env, c.get("deps"), network(c.env))));
    await next();
  };
}

/** The cron's pass: at most ATPROTO_LIMITS.reposPerRun due repositories. */
export async function atprotoScheduled(
  env: Env,
  deps: Pick<AppDeps, "remotePosts" | "clock" | "ids">,
  network: NetworkFactory = xrpcNetwork,
) {
  const results = await pollDue(atprotoDeps(env, deps, network(env)));
  const failed = results.filter((r) => r.result.status !== "ok");
  if (failed.length)
    console.warn(
      `atproto poll: ${failed.length} of ${results.length} failed`,
      failed.map((f) => `${f.did}: ${f.result.error}`),
    );
}
