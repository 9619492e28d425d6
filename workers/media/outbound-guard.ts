import type { Config } from "../env";
import { dohResolver, type GuardOptions, type Resolve } from "./address-guard";

let resolver: Resolve | undefined;

/**
 * The SSRF guard settings for this configuration: in production every name is resolved
 * over DNS-over-HTTPS before a fetch (the isolate keeps answers for their TTL, at most
 * 5 minutes); in development and tests private and plain-http targets are allowed.
 * The resolver calls the global fetch at call time, so tests can fake it.
 */
export function outboundGuard(config: Pick<Config, "allowPrivateAddress">): GuardOptions {
  resolver ??= dohResolver((input, init) => fetch(input, init));
  return { allowPrivate: config.allowPrivateAddress, resolve: resolver };
}
