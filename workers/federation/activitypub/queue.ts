/**
 * Fedify's MessageQueue over our Cloudflare Queue (DELIVERY_QUEUE). Each Fedify task
 * becomes one queue message `{ v: 1, kind: "fedify", task }`, with two changes so a
 * message stays small and secret-free (STYLE.md, principle 11):
 * - the senders' private keys Fedify puts in outbox and fan-out tasks are replaced by
 *   their key ids, and restored from D1 when the task runs (consumer.ts);
 * - a task larger than SPILL_BYTES (a fan-out to thousands of servers) is parked in
 *   the KV table and the message carries only its key (Queues take 128 KB a message).
 * Cloudflare pushes messages to `queue()`, so `listen()` never polls; retries are the
 * consumer's (`nativeRetrial`): a failed task is retried by the queue with backoff.
 */
import type { KvStore, MessageQueue, MessageQueueEnqueueOptions } from "@fedify/fedify";
import type { QueueMessage } from "../../queues/messages";
import { toDuration } from "./temporal";

/** Below the 128 KB message limit, with room for the envelope. */
export const SPILL_BYTES = 100_000;
/** Cloudflare Queues' longest delay. */
export const MAX_DELAY_SECONDS = 12 * 60 * 60;
/** How long a parked task waits for its message (beyond the queue's retention). */
const SPILL_TTL_DAYS = 15;

export type FedifyQueueMessage = Extract<QueueMessage, { kind: "fedify" }>;
export const SPILL_PREFIX = ["commons", "spill"] as const;

export interface TaskKey {
  readonly keyId: string;
  readonly privateKey?: JsonWebKey;
}

/** A Fedify task with its private keys replaced by key ids. */
export function stripSecrets(task: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(task.keys)) return task;
  return { ...task, keys: (task.keys as TaskKey[]).map(({ keyId }) => ({ keyId })) };
}

export class QueueMessageQueue implements MessageQueue {
  readonly nativeRetrial = true;

  constructor(
    private readonly queue: Queue,
    private readonly kv: KvStore,
    private readonly newId: () => string,
  ) {}

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.queue.send(await this.envelope(message), { delaySeconds: delaySeconds(options) });
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    const bodies = await Promise.all(messages.map((m) => this.envelope(m)));
    // sendBatch takes at most 100 messages and 256 KB; each body is at most ~100 KB.
    let batch: { body: FedifyQueueMessage }[] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length) await this.queue.sendBatch(batch, { delaySeconds: delaySeconds(options) });
      batch = [];
      bytes = 0;
    };
    for (const body of bodies) {
      const size = byteLength(body);
      if (batch.length === 100 || bytes + size > 200_000) await flush();
      batch.push({ body });
      bytes += size;
    }
    await flush();
  }

  /** Cloudflare delivers messages to the Worker's `queue()` handler; there is nothing to poll. */
  listen(_handler: (message: unknown) => Promise<void> | void, options?: { signal?: AbortSignal }): Promise<void> {
    return new Promise((resolve) => {
      if (!options?.signal) return resolve();
      options.signal.addEventListener("abort", () => resolve(), { once: true });
    });
  }

  private async envelope(message: unknown): Promise<FedifyQueueMessage> {
    const task = stripSecrets(message as Record<string, unknown>) as NonNullable<FedifyQueueMessage["task"]>;
    const body: FedifyQueueMessage = { v: 1, kind: "fedify", task };
    if (byteLength(body) <= SPILL_BYTES) return body;
    const id = this.newId();
    await this.kv.set([...SPILL_PREFIX, id], task, { ttl: toDuration({ days: SPILL_TTL_DAYS }) });
    return { v: 1, kind: "fedify", spilled: id };
  }
}

function delaySeconds(options?: MessageQueueEnqueueOptions): number | undefined {
  if (!options?.delay) return undefined;
  const s = Math.ceil(options.delay.total({ unit: "second" }));
  return s > 0 ? Math.min(s, MAX_DELAY_SECONDS) : undefined;
}

function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}
