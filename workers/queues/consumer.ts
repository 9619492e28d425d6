import * as v from "valibot";
import { sweepOrphanMedia } from "../core/media/upload-media";
import type { AppDeps } from "../deps";
import { QueueMessage } from "./messages";

/**
 * The delivery queue consumer. Each message is acked or retried on its own; a
 * message we cannot parse is acked and logged (retrying it could never succeed).
 */
export async function consumeBatch(batch: MessageBatch<unknown>, deps: ConsumerDeps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = v.safeParse(QueueMessage, message.body);
    if (!parsed.success) {
      console.warn("dropping malformed queue message", message.id);
      message.ack();
      continue;
    }
    try {
      await handle(parsed.output, deps);
      message.ack();
    } catch (err) {
      console.error("queue message failed, will retry", message.id, err);
      message.retry({ delaySeconds: Math.min(2 ** message.attempts * 5, 3600) });
    }
  }
}

type ConsumerDeps = Pick<AppDeps, "sessionStore" | "clock" | "media" | "blobs">;

async function handle(msg: QueueMessage, deps: ConsumerDeps): Promise<void> {
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
