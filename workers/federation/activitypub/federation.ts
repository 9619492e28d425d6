/**
 * The Fedify Federation, built per request or queue invocation from the bindings
 * (nothing at import time: STYLE.md principle 2). Settings measured in PLATFORM.md:
 * first knock draft-cavage (some servers accept an RFC 9421 request with 202 and drop
 * it, and Fedify would then remember the wrong spec), plain-http/private peers only
 * outside production, our own queue and KV glue, and our own per-peer circuit
 * breaker (consumer.ts) instead of Fedify's, so peer health lives in D1 where admins
 * can see it.
 */
import { createFederation, type Federation } from "@fedify/fedify";
import { D1KvStore } from "../../db/d1-kv-store";
import type { Config } from "../../env";
import { registerActors } from "./actors";
import { registerCollections } from "./collections";
import type { FederationDeps } from "./context";
import { registerInbox } from "./inbox";
import { registerNodeInfo } from "./nodeinfo";
import { QueueMessageQueue } from "./queue";

export interface FederationHooks {
  /** Called for every failed delivery attempt (the consumer reads it to keep peer health). */
  readonly onOutboxError?: (error: Error) => void;
}

export function userAgent(config: Config): string {
  return `Commons/${config.version} (+${config.origin}/)`;
}

export function buildFederation(
  env: Pick<Env, "DB" | "DELIVERY_QUEUE">,
  config: Config,
  newId: () => string,
  hooks: FederationHooks = {},
): Federation<FederationDeps> {
  const kv = new D1KvStore(env.DB);
  const queue = new QueueMessageQueue(env.DELIVERY_QUEUE, kv, newId);
  const federation = createFederation<FederationDeps>({
    kv,
    // Inbox activities are handled in the request, right after verification: Follow and
    // Undo cost two D1 writes and a queue send, and unhandled activities cost nothing.
    queue: { outbox: queue, fanout: queue },
    manuallyStartQueue: true,
    origin: config.origin,
    allowPrivateAddress: config.allowPrivateAddress,
    userAgent: userAgent(config),
    firstKnock: "draft-cavage-http-signatures-12",
    circuitBreaker: false,
    onOutboxError: hooks.onOutboxError,
  });
  registerActors(federation);
  registerCollections(federation);
  registerNodeInfo(federation);
  registerInbox(federation);
  return federation;
}
