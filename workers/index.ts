/**
 * Composition root: the only module that sees every piece. It wires the HTTP app,
 * the queue consumer, the scheduled jobs and exports the Durable Object classes.
 */
import { switchToApprovalWhenUnattended } from "./core/moderation/staff-activity";
import { buildDeps } from "./deps";
import { federationConsumer } from "./federation/activitypub/consumer";
import { activityPubMount } from "./federation/activitypub/mount";
import { atprotoMount, atprotoScheduled } from "./federation/atproto/mount";
import { createApp } from "./http/app";
import { eventListeners } from "./listeners";
import { consumeBatch } from "./queues/consumer";
import type { QueueMessage } from "./queues/messages";

export { CommunityTimeline } from "../durable-objects/community/community-timeline";
export { UserStream } from "../durable-objects/user/user-stream";

const activityPub = activityPubMount();
const atproto = atprotoMount();
// Both adapters in one middleware: atproto only sets its port, then ActivityPub answers or falls through.
const app = createApp(eventListeners, async (c, next) => {
  let response: Response | undefined;
  await atproto(c, async () => {
    response = (await activityPub(c, next)) ?? undefined;
  });
  return response;
});

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  async queue(batch, env) {
    const deps = buildDeps(env);
    await consumeBatch(batch, deps, () => federationConsumer(env, deps));
  },
  async scheduled(_controller, env) {
    // Maintenance runs as queue work, so it gets the queue's retries instead of failing the cron.
    await env.DELIVERY_QUEUE.sendBatch([
      { body: { v: 1, kind: "sweep", what: "sessions" } satisfies QueueMessage },
      { body: { v: 1, kind: "sweep", what: "media" } satisfies QueueMessage },
      { body: { v: 1, kind: "sweep", what: "federation" } satisfies QueueMessage },
      { body: { v: 1, kind: "sweep", what: "remote_posts" } satisfies QueueMessage },
    ]);
    // Moderation: an unattended open server switches to approval (two small reads when nothing changes).
    const deps = buildDeps(env);
    if (await switchToApprovalWhenUnattended(deps)) console.warn("signups switched to approval: no staff activity for 7 days");
    await deps.signups.sweepCounters(deps.clock.now());
    // Bluesky: a bounded pass over the followed repositories whose poll is due (failures back off per DID).
    await atprotoScheduled(env, deps);
  },
} satisfies ExportedHandler<Env, unknown>;
