/**
 * Runs the Fedify tasks that arrive on DELIVERY_QUEUE, one message at a time, each
 * acked or retried on its own. Around each outbox delivery sits the per-peer circuit
 * breaker (thresholds in db/d1-peer-store.ts `CIRCUIT`):
 * - a delivery the peer answered (2xx, or a definite 4xx other than 429) closes the
 *   circuit and resets the failure count;
 * - an unreachable peer, a 5xx or a 429 counts a failure; after 5 in a row the peer is
 *   marked unavailable for 1 h, doubling with each further failure, at most 24 h;
 * - while a peer is unavailable, its deliveries are not attempted: they wait in the
 *   queue until the circuit reopens (each wait counts as an attempt).
 * Retries back off 1 min x 3^n, at most 12 h (Queues' longest delay). A delivery that
 * used its last attempt, or whose inbox is gone (404/410), is recorded in
 * `delivery_dead_letters` (secret-free) and acked.
 * In production the inbox URL passes the SSRF guard first (media/address-guard.ts):
 * Fedify checks the documents it fetches, but not the inbox an actor document names, so
 * an actor claiming an inbox on a private or loopback address is dead-lettered as
 * "refused" and nothing is sent.
 */
import { exportJwk, type Message, SendActivityError } from "@fedify/fedify";
import { domainSuspended } from "../../core/moderation/domain-blocks";
import { BUCKET_IDLE_MS } from "../../core/moderation/inbox-rate-limit";
import { D1InboxRateStore } from "../../db/d1-inbox-rate-store";
import { D1KvStore } from "../../db/d1-kv-store";
import type { AppDeps } from "../../deps";
import { loadConfig } from "../../env";
import { checkUrl } from "../../media/address-guard";
import { outboundGuard } from "../../media/outbound-guard";
import { federationDeps } from "./context";
import { buildFederation, userAgent } from "./federation";
import { type FedifyQueueMessage, MAX_DELAY_SECONDS, SPILL_PREFIX, stripSecrets, type TaskKey } from "./queue";

/** 1 + `max_retries` of the consumer in wrangler.toml: the last delivery Cloudflare makes before its own DLQ. */
export const MAX_ATTEMPTS = 9;

export function retryDelaySeconds(attempts: number): number {
  return Math.min(60 * 3 ** Math.max(0, attempts - 1), MAX_DELAY_SECONDS);
}

export interface FederationConsumer {
  /** Handles one `fedify` message, acking or retrying it. */
  task(body: FedifyQueueMessage, message: Message_): Promise<void>;
  /** Deletes expired KV rows; returns how many. */
  sweep(): Promise<number>;
  /** Prunes the remote-post cache (expired, then beyond the overall cap); returns how many. */
  sweepRemotePosts(): Promise<number>;
}

type Message_ = Pick<globalThis.Message<unknown>, "id" | "attempts" | "ack" | "retry">;

export function federationConsumer(
  env: Pick<Env, "DB" | "DELIVERY_QUEUE" | "ORIGIN" | "ENVIRONMENT" | "SERVER_NAME">,
  app: AppDeps,
): FederationConsumer {
  const config = loadConfig(env);
  const data = federationDeps(env, app, config);
  const kv = new D1KvStore(env.DB);
  let failure: Error | undefined;
  const federation = buildFederation(env, config, app.ids.next, {
    onOutboxError: (error) => {
      failure = error;
    },
  });

  /**
   * Puts the senders' private keys back (they never travel in queue messages), and
   * names us in a User-Agent: workerd's fetch sends none, and Fedify adds none to
   * deliveries (it is not a signed header, so adding it here is safe).
   */
  async function prepare(stored: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    const task =
      stored.type === "outbox"
        ? { ...stored, headers: { ...(stored.headers as Record<string, string> | undefined), "User-Agent": userAgent(config) } }
        : stored;
    if (!Array.isArray(task.keys)) return task;
    const ctx = federation.createContext(new URL(config.origin), data);
    const keys = [];
    for (const { keyId } of task.keys as TaskKey[]) {
      const parsed = ctx.parseUri(new URL(keyId));
      if (parsed?.type !== "actor") return null;
      const pair = (await ctx.getActorKeyPairs(parsed.identifier)).find((p) => p.keyId.href === keyId);
      if (!pair) return null;
      keys.push({ keyId, privateKey: await exportJwk(pair.privateKey) });
    }
    return { ...task, keys };
  }

  async function deadLetter(
    task: Record<string, unknown>,
    reason: "retries_exhausted" | "gone" | "refused",
    error: string,
    attempts: number,
  ) {
    const inbox = String(task.inbox ?? "");
    await data.peers.addDeadLetter({
      id: app.ids.next(),
      host: hostOf(inbox),
      inbox,
      activityId: typeof task.activityId === "string" ? task.activityId : null,
      activityType: typeof task.activityType === "string" ? task.activityType : null,
      reason,
      error,
      attempts,
      task: stripSecrets(task),
      createdAt: app.clock.now(),
    });
  }

  return {
    async task(body, message) {
      const stored =
        body.task ?? (body.spilled ? await kv.get<Record<string, unknown>>([...SPILL_PREFIX, body.spilled]) : undefined);
      const done = async () => {
        message.ack();
        if (body.spilled) await kv.delete([...SPILL_PREFIX, body.spilled]);
      };
      if (!stored) {
        console.warn("fedify task missing (expired spill?)", message.id);
        return done();
      }
      const task = await prepare(stored);
      if (!task) {
        // The sending actor (or its keys) no longer exists: nothing can ever sign this.
        console.warn("fedify task dropped: unknown sender key", message.id);
        return done();
      }
      const now = app.clock.now();
      const host = task.type === "outbox" ? hostOf(String(task.inbox)) : null;
      if (host && !config.allowPrivateAddress) {
        const allowed = await checkUrl(String(task.inbox), outboundGuard(config));
        if (!allowed.ok) {
          await deadLetter(task, "refused", `inbox address refused: ${allowed.reason}`, message.attempts);
          return done();
        }
      }
      // A suspended domain gets nothing from us, also what was queued before the block.
      if (host && (await domainSuspended(data, host))) return done();
      if (host) {
        const peer = await data.peers.find(host);
        if (peer?.unavailableUntil && peer.unavailableUntil > now) {
          if (message.attempts >= MAX_ATTEMPTS) {
            await deadLetter(task, "retries_exhausted", `peer unavailable: ${peer.lastError ?? ""}`, message.attempts);
            return done();
          }
          const wait = Math.ceil((peer.unavailableUntil.getTime() - now.getTime()) / 1000);
          return message.retry({ delaySeconds: Math.min(Math.max(wait, 1), MAX_DELAY_SECONDS) });
        }
      }

      failure = undefined;
      let thrown: unknown;
      try {
        await federation.processQueuedTask(data, task as unknown as Message);
      } catch (err) {
        thrown = err;
      }
      const error = thrown ?? failure;

      if (host) {
        if (!error || isDefinite4xx(error)) await data.peers.recordSuccess(host, app.clock.now());
        else await data.peers.recordFailure(host, app.clock.now(), describe(error));
        if (error instanceof SendActivityError && (error.statusCode === 404 || error.statusCode === 410)) {
          await deadLetter(task, "gone", describe(error), message.attempts);
          return done();
        }
      }
      if (thrown === undefined) return done();
      if (message.attempts >= MAX_ATTEMPTS) {
        console.error("fedify task gave up", message.id, describe(thrown));
        if (task.type === "outbox") await deadLetter(task, "retries_exhausted", describe(thrown), message.attempts);
        return done();
      }
      console.warn("fedify task failed, will retry", message.id, describe(thrown));
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    },
    // Expired KV rows, and inbox rate buckets idle long enough to be full again.
    sweep: async () =>
      (await kv.sweepExpired()) + (await new D1InboxRateStore(env.DB).sweep(app.clock.now().getTime() - BUCKET_IDLE_MS)),
    sweepRemotePosts: () => data.remotePosts.prune(app.clock.now()),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return "";
  }
}

/** The peer is up and said no: it answered with a 4xx other than 429. */
function isDefinite4xx(error: unknown): boolean {
  return error instanceof SendActivityError && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 429;
}

function describe(error: unknown): string {
  if (error instanceof SendActivityError) return `HTTP ${error.statusCode}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
