/**
 * Composition root: the only module that sees every piece. It wires the HTTP app,
 * the queue consumer, the scheduled jobs and exports the Durable Object classes.
 */
import { communityRelay } from "./community-relay";
import { buildDeps } from "./deps";
import { createApp } from "./http/app";
import { consumeBatch } from "./queues/consumer";

export { CommunityTimeline } from "../durable-objects/community/community-timeline";

const app = createApp((env, deps) => [communityRelay(env, deps)]);

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  async queue(batch, env) {
    await consumeBatch(batch, buildDeps(env));
  },
  async scheduled(_controller, env) {
    const deps = buildDeps(env);
    const removed = await deps.sessionStore.deleteExpired(deps.clock.now());
    if (removed) console.log(`scheduled: removed ${removed} expired sessions`);
  },
} satisfies ExportedHandler<Env, unknown>;
