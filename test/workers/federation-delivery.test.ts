import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { Create, Note, PUBLIC_COLLECTION } from "@fedify/vocab";
import { uuidv7 } from "uuidv7";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildDeps } from "../../workers/deps";
import { loadConfig } from "../../workers/env";
import { MAX_ATTEMPTS } from "../../workers/federation/activitypub/consumer";
import { type FederationContext, federationDeps } from "../../workers/federation/activitypub/context";
import { buildFederation } from "../../workers/federation/activitypub/federation";
import worker from "../../workers/index";
import { ORIGIN, postAs, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes } from "./fake-remote";

// Generating RSA keys for the fake servers and the queue's background runs take a few seconds.
vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

async function addRemoteFollower(username: string, actor: FakeActor) {
  const account = await env.DB.prepare("SELECT id FROM accounts WHERE username = ?").bind(username).first<string>("id");
  const id = uuidv7();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO remote_actors (id, iri, host, handle, inbox, shared_inbox, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0)",
    ).bind(id, actor.id, new URL(actor.id).host, null, actor.inbox, actor.sharedInbox),
    env.DB.prepare("INSERT INTO remote_follows (account_id, remote_actor_id, created_at) VALUES (?, ?, ?)").bind(
      account,
      id,
      Date.now(),
    ),
  ]);
}

/** Fedify tasks enqueued by `send`, captured from a stand-in for the queue binding. */
async function captureTasks(send: (ctx: FederationContext) => Promise<void>) {
  const captured: unknown[] = [];
  const queue = {
    send: async (body: unknown) => void captured.push(body),
    sendBatch: async (batch: { body: unknown }[]) => void captured.push(...batch.map((m) => m.body)),
  } as unknown as Queue;
  const config = loadConfig(env);
  const federation = buildFederation({ DB: env.DB, DELIVERY_QUEUE: queue }, config, uuidv7);
  await send(federation.createContext(new URL(ORIGIN), federationDeps(env, buildDeps(env), config)));
  return captured;
}

/** Runs messages through the Worker's queue() handler; also reports each retry's delay (the harness drops it). */
async function runQueue(bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch<unknown>(
    "commons-edge-delivery",
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })),
  );
  const delays: (number | undefined)[] = [];
  for (const m of batch.messages) {
    const retry = m.retry.bind(m);
    Object.defineProperty(m, "retry", {
      value: (options?: QueueRetryOptions) => {
        delays.push(options?.delaySeconds);
        retry(options);
      },
    });
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

const createFor = (ctx: { getActorUri(id: string): URL }, inbox: FakeActor) =>
  new Create({
    id: new URL(`${ORIGIN}/notes/x#create`),
    actor: ctx.getActorUri("alice"),
    object: new Note({ id: new URL(`${ORIGIN}/notes/x`), content: "x", attribution: ctx.getActorUri("alice") }),
    to: PUBLIC_COLLECTION,
    ccs: [new URL(inbox.id)],
  });

describe("outbound delivery", () => {
  it("delivers a new post once per remote server (shared inbox), never once per follower", async () => {
    const alice = await signUp("alice");
    const a = await Promise.all(["a1", "a2", "a3"].map((n) => fakeActor("a.example", n)));
    const b = await fakeActor("b.example", "b1");
    for (const actor of [...a, b]) await addRemoteFollower("alice", actor);
    const remote = serveRemotes([...a, b]);
    restore = remote.restore;

    const post = await postAs(alice, "hello fediverse", { visibility: "public" });
    await vi.waitUntil(() => remote.deliveries.length >= 2, { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    expect(remote.deliveries.map((d) => d.url).sort()).toEqual(["https://a.example/inbox", "https://b.example/inbox"]);
    expect(remote.deliveries[0]?.body).toMatchObject({ type: "Create", object: { id: post.uri, type: "Note" } });

    // Never federated: local_only, direct without remote mentions.
    remote.deliveries.length = 0;
    await postAs(alice, "only here", { visibility: "local_only" });
    await postAs(alice, "to nobody remote", { visibility: "direct" });
    const followersOnly = await postAs(alice, "for followers", { visibility: "followers" });
    await vi.waitUntil(() => remote.deliveries.length >= 2, { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(remote.deliveries).toHaveLength(2);
    expect(remote.deliveries.every((d) => (d.body.object as { id: string }).id === followersOnly.uri)).toBe(true);
    expect(JSON.stringify(remote.deliveries[0]?.body)).not.toMatch(/#Public|as:Public/);

    // Edit -> Update, delete -> Delete(Tombstone).
    remote.deliveries.length = 0;
    await alice.json("PATCH", `/api/posts/${post.id}`, { text: "hello, edited" });
    await vi.waitUntil(() => remote.deliveries.length >= 2, { timeout: 10_000 });
    expect(remote.deliveries[0]?.body).toMatchObject({
      type: "Update",
      object: { id: post.uri, content: "<p>hello, edited</p>" },
    });
    remote.deliveries.length = 0;
    expect((await alice.delete(`/api/posts/${post.id}`)).ok).toBe(true);
    await vi.waitUntil(() => remote.deliveries.length >= 2, { timeout: 10_000 });
    expect(remote.deliveries[0]?.body).toMatchObject({ type: "Delete", object: { id: post.uri, type: "Tombstone" } });
  });

  it("queue messages carry no private keys; oversized tasks are parked in KV and restored", async () => {
    await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const tasks = await captureTasks(async (ctx) => {
      await ctx.sendActivity({ identifier: "alice" }, { id: new URL(bob.id), inboxId: new URL(bob.inbox) }, createFor(ctx, bob), {
        fanout: "skip",
      });
    });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ v: 1, kind: "fedify", task: { type: "outbox" } });
    expect((tasks[0] as { task: { keys: unknown } }).task.keys).toEqual([
      { keyId: `${ORIGIN}/users/alice#main-key` },
      { keyId: `${ORIGIN}/users/alice#key-2` },
    ]);
    expect(JSON.stringify(tasks)).not.toMatch(/privateKey|"d":/);

    const big = await captureTasks(async (ctx) => {
      const note = new Note({
        id: new URL(`${ORIGIN}/notes/big`),
        content: "y".repeat(150_000),
        attribution: ctx.getActorUri("alice"),
      });
      await ctx.sendActivity(
        { identifier: "alice" },
        { id: new URL(bob.id), inboxId: new URL(bob.inbox) },
        new Create({
          id: new URL(`${ORIGIN}/notes/big#create`),
          actor: ctx.getActorUri("alice"),
          object: note,
          to: PUBLIC_COLLECTION,
        }),
        { fanout: "skip" },
      );
    });
    expect(big[0]).toEqual({ v: 1, kind: "fedify", spilled: expect.any(String) });
    const remote = serveRemotes([bob]);
    restore = remote.restore;
    const result = await runQueue(big);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(remote.deliveries).toHaveLength(1);
    const delivered = remote.deliveries[0]?.body.object as { content: string } | undefined;
    expect(delivered?.content).toHaveLength(150_000);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM fedify_kv WHERE key LIKE 'commons/spill/%'").first("n")).toBe(0);
  });

  it("per-peer circuit breaker: failures count, the circuit opens, deliveries wait; gone inboxes and exhausted retries are dead-lettered", async () => {
    await signUp("alice");
    const bob = await fakeActor("down.example", "bob");
    const tasks = await captureTasks(async (ctx) => {
      await ctx.sendActivity({ identifier: "alice" }, { id: new URL(bob.id), inboxId: new URL(bob.inbox) }, createFor(ctx, bob), {
        fanout: "skip",
      });
    });
    let status = 503;
    const remote = serveRemotes([bob], () => status);
    restore = remote.restore;
    const peer = () => env.DB.prepare("SELECT * FROM peers WHERE host = 'down.example'").first<Record<string, number | null>>();

    // A 503 is a failure: retried with backoff.
    let result = await runQueue(tasks);
    expect(result.retryMessages).toEqual([{ msgId: "m0" }]);
    expect(result.delays).toEqual([60]);
    expect((await peer())?.consecutive_failures).toBe(1);

    // The fifth failure in a row opens the circuit for an hour.
    await env.DB.prepare("UPDATE peers SET consecutive_failures = 4").run();
    result = await runQueue(tasks, 2);
    expect(result.delays).toEqual([180]);
    const open = await peer();
    expect(open?.consecutive_failures).toBe(5);
    expect((open?.unavailable_until ?? 0) - (open?.last_failure_at ?? 0)).toBe(60 * 60 * 1000);

    // While open, nothing is sent: the message waits for the circuit.
    remote.deliveries.length = 0;
    result = await runQueue(tasks, 3);
    expect(remote.deliveries).toHaveLength(0);
    expect(result.retryMessages).toEqual([{ msgId: "m0" }]);
    expect(result.delays[0]).toBeGreaterThan(3500);

    // On its last attempt while still unavailable, it is dead-lettered.
    result = await runQueue(tasks, MAX_ATTEMPTS);
    expect(result.explicitAcks).toEqual(["m0"]);
    const dead = await env.DB.prepare("SELECT reason, host, inbox, task FROM delivery_dead_letters").all<
      Record<string, string>
    >();
    expect(dead.results).toHaveLength(1);
    expect(dead.results[0]).toMatchObject({ reason: "retries_exhausted", host: "down.example", inbox: bob.inbox });
    expect(dead.results[0]?.task).not.toMatch(/privateKey|"d":/);

    // A peer that answers again closes the circuit; a 410 means the inbox is gone: dead-lettered, not retried.
    await env.DB.prepare("UPDATE peers SET unavailable_until = NULL").run();
    status = 410;
    result = await runQueue(tasks);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(result.retryMessages).toEqual([]);
    expect((await peer())?.consecutive_failures).toBe(0);
    expect(await env.DB.prepare("SELECT reason FROM delivery_dead_letters ORDER BY id DESC").first("reason")).toBe("gone");
  });

  it("the KV store honours TTL, compare-and-swap and prefix listing", async () => {
    const { D1KvStore } = await import("../../workers/db/d1-kv-store");
    const { toDuration } = await import("../../workers/federation/activitypub/temporal");
    let now = 1_000;
    const kv = new D1KvStore(env.DB, () => now);
    await kv.set(["a", "b/c"], { x: 1 });
    await kv.set(["a", "d"], 2, { ttl: toDuration({ seconds: 10 }) });
    await kv.set(["ab"], 3);
    expect(await kv.get(["a", "b/c"])).toEqual({ x: 1 });
    const listed = [];
    for await (const e of kv.list(["a"])) listed.push(e);
    expect(listed).toEqual([
      { key: ["a", "b/c"], value: { x: 1 } },
      { key: ["a", "d"], value: 2 },
    ]);
    expect(await kv.cas(["a", "d"], 1, 5)).toBe(false);
    expect(await kv.cas(["a", "d"], 2, 5, { ttl: toDuration({ seconds: 10 }) })).toBe(true);
    expect(await kv.cas(["new"], undefined, 1)).toBe(true);
    expect(await kv.cas(["new"], undefined, 2)).toBe(false);
    now += 11_000;
    expect(await kv.get(["a", "d"])).toBeUndefined();
    expect(await kv.cas(["a", "d"], undefined, 7)).toBe(true);
    await kv.set(["gone"], 1, { ttl: toDuration({ seconds: 1 }) });
    now += 2_000;
    expect(await kv.sweepExpired()).toBe(1);
    await kv.delete(["ab"]);
    expect(await kv.get(["ab"])).toBeUndefined();
  });
});
