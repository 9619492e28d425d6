import { env } from "cloudflare:test";
import { Create, Note, PUBLIC_COLLECTION } from "@fedify/vocab";
import { uuidv7 } from "uuidv7";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildDeps } from "../../workers/deps";
import { loadConfig } from "../../workers/env";
import { federationConsumer } from "../../workers/federation/activitypub/consumer";
import { federationDeps } from "../../workers/federation/activitypub/context";
import { buildFederation } from "../../workers/federation/activitypub/federation";
import type { FedifyQueueMessage } from "../../workers/federation/activitypub/queue";
import { ORIGIN, signUp } from "./client";
import { fakeActor, serveRemotes } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

/** The Fedify tasks a send enqueues, captured from a stand-in queue. */
async function tasksFor(inbox: string, actorId: string) {
  const captured: FedifyQueueMessage[] = [];
  const queue = {
    send: async (body: FedifyQueueMessage) => void captured.push(body),
    sendBatch: async (batch: { body: FedifyQueueMessage }[]) => void captured.push(...batch.map((m) => m.body)),
  } as unknown as Queue;
  const config = loadConfig(env);
  const federation = buildFederation({ DB: env.DB, DELIVERY_QUEUE: queue }, config, uuidv7);
  const ctx = federation.createContext(new URL(ORIGIN), federationDeps(env, buildDeps(env), config));
  const me = ctx.getActorUri("alice");
  const activity = new Create({
    id: new URL(`${ORIGIN}/notes/${uuidv7()}#create`),
    actor: me,
    to: PUBLIC_COLLECTION,
    object: new Note({ id: new URL(`${ORIGIN}/notes/${uuidv7()}`), attribution: me, content: "hi", to: PUBLIC_COLLECTION }),
  });
  await ctx.sendActivity({ identifier: "alice" }, { id: new URL(actorId), inboxId: new URL(inbox) }, activity, {
    fanout: "skip",
  });
  return captured;
}

function message() {
  const m = {
    id: "m0",
    attempts: 1,
    acked: false,
    retried: false,
    ack: () => {
      m.acked = true;
    },
    retry: () => {
      m.retried = true;
    },
  };
  return m;
}

describe("SSRF guard on deliveries (production)", () => {
  it("refuses an inbox on a private or loopback address: dead-lettered as refused, nothing sent", async () => {
    await signUp("alice");
    const evil = await fakeActor("127.0.0.1", "mallory");
    const remote = serveRemotes([evil]);
    restore = remote.restore;
    const tasks = await tasksFor("https://127.0.0.1/users/mallory/inbox", evil.id);
    expect(tasks).toHaveLength(1);
    const production = { ...env, ENVIRONMENT: "production" } as typeof env;
    const consumer = federationConsumer(production, buildDeps(production));
    const m = message();
    await consumer.task(tasks[0] as FedifyQueueMessage, m);
    expect(m.acked).toBe(true);
    expect(remote.deliveries).toHaveLength(0);
    const dead = await env.DB.prepare("SELECT reason, error FROM delivery_dead_letters").first<{
      reason: string;
      error: string;
    }>();
    expect(dead).toMatchObject({ reason: "refused", error: "inbox address refused: private_address" });
  });

  it("outside production the same inbox is delivered to (loopback peers for development)", async () => {
    await signUp("alice");
    const peer = await fakeActor("127.0.0.1", "friend");
    const remote = serveRemotes([peer]);
    restore = remote.restore;
    const tasks = await tasksFor("https://127.0.0.1/users/friend/inbox", peer.id);
    const consumer = federationConsumer(env, buildDeps(env));
    const m = message();
    await consumer.task(tasks[0] as FedifyQueueMessage, m);
    expect(m.acked).toBe(true);
    expect(remote.deliveries).toHaveLength(1);
  });
});
