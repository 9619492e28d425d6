import * as v from "valibot";
import { sweepOrphanMedia } from "../core/media/upload-media";
import type { AppDeps } from "../deps";
import { QueueMessage } from "./messages";

/** Federation's part of the consumer, given by the composition root (this module knows no protocol). */
export interface FederationTasks {
  /** Runs one `fedify` message; acks or retries it itself (per-peer circuit breaker, dead letters). */
  task(body: Extract<QueueMessage, { kind: "fedify" }>, message: Message<unknown>): Promise<void>;
  /** Deletes expired federation cache rows; returns how many. */
  sweep(): Promise<number>;
  /** Prunes the remote-post cache (expired rows, then beyond the overall cap); returns how many. */
  sweepRemotePosts(): Promise<number>;
}

/**
 * The delivery queue consumer. Each message is acked or retried on its own; a
 * message we cannot parse is acked and logged (retrying it could never succeed).
 */
export async function consumeBatch(
  batch: MessageBatch<unknown>,
  deps: ConsumerDeps,
  federation?: () => FederationTasks,
): Promise<void> {
  let tasks: FederationTasks | undefined;
  for (const message of batch.messages) {
    const parsed = v.safeParse(QueueMessage, message.body);
    if (!parsed.success) {
      console.warn("dropping malformed queue message", message.id);
      message.ack();
      continue;
    }
    try {
      const sweep = parsed.output.kind === "sweep" ? parsed.output.what : null;
      if (parsed.output.kind === "fedify" || sweep === "federation" || sweep === "remote_posts") {
        if (!federation) throw new Error("no federation consumer wired");
        tasks ??= federation();
        if (parsed.output.kind === "fedify") {
          await tasks.task(parsed.output, message);
          continue;
        }
        if (sweep === "remote_posts") {
          const pruned = await tasks.sweepRemotePosts();
          if (pruned) console.log(`sweep: pruned ${pruned} cached remote posts`);
          message.ack();
          continue;
        }
        const removed = await tasks.sweep();
        if (removed) console.log(`sweep: removed ${removed} expired federation cache rows`);
        message.ack();
        continue;
      }
      await handle(parsed.output, deps);
      message.ack();
    } catch (err) {
      console.error("queue message failed, will retry", message.id, err);
      message.retry({ delaySeconds: Math.min(2 ** message.attempts * 5, 3600) });
    }
  }
}

type ConsumerDeps = Pick<AppDeps, "sessionStore" | "clock" | "media" | "blobs">;

async function handle(msg: Exclude<QueueMessage, { kind: "fedify" }>, deps: ConsumerDeps): Promise<void> {
  switch (msg.kind) {
    case "sweep": {
      if (msg.what === "media") {
        // Uploads never attached to a post within a day.
        const removed = await sweepOrphanMedia(deps);
        if (removed) console.log(`sweep: removed ${removed} unattached uploads`);
        return;
      }
      const removed = await deps.sessionStore.deleteExpired(deps.clock.now());
      if (removed) console.log(`sweep: removed ${removed} expired sessions`);
      return;
    }
  }
}
