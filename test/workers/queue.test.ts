import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import worker from "../../workers/index";
import { signUp } from "./client";

describe("queue consumer and scheduled work", () => {
  it("sweeps expired sessions, acks malformed messages instead of retrying them forever", async () => {
    await signUp("alice");
    await env.DB.prepare("UPDATE sessions SET expires_at = 0").run();
    const batch = createMessageBatch<unknown>("commons-edge-delivery", [
      { id: "a", timestamp: new Date(), attempts: 1, body: { v: 1, kind: "sweep", what: "sessions" } },
      { id: "b", timestamp: new Date(), attempts: 1, body: "garbage" },
      { id: "c", timestamp: new Date(), attempts: 1, body: { v: 2, kind: "sweep" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["a", "b", "c"]);
    expect(result.retryMessages).toEqual([]);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions").first("n")).toBe(0);
  });

  it("the cron enqueues a sweep that the consumer runs", async () => {
    await signUp("bob");
    await env.DB.prepare("UPDATE sessions SET expires_at = 0").run();
    await worker.scheduled(createScheduledController({ cron: "*/10 * * * *" }), env);
    await vi.waitUntil(async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions").first("n")) === 0, {
      timeout: 5000,
    });
  });
});
