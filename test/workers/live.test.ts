import { env, evictDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { type Client, postAs, signUp } from "./client";

type Frame = {
  type: string;
  seq?: number;
  post?: { text: string; id: string };
  postId?: string;
  event?: string;
  lastSeq?: number;
};

/** Opens the live socket through the real Worker route and records every frame and message. */
async function connect(client: Client, communityId: string, since?: number) {
  const res = await client.request(
    "GET",
    `/api/communities/${communityId}/live${since !== undefined ? `?since=${since}` : ""}`,
    undefined,
    {
      upgrade: "websocket",
    },
  );
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const frames: Frame[] = [];
  let messages = 0;
  let closed: number | null = null;
  ws.addEventListener("message", (e) => {
    messages++;
    frames.push(...(JSON.parse(e.data as string) as Frame[]));
  });
  ws.addEventListener("close", (e) => {
    closed = e.code;
  });
  ws.accept();
  return {
    ws,
    frames,
    messages: () => messages,
    closed: () => closed,
    posts: () => frames.filter((f) => f.type === "post").map((f) => f.post!.text),
  };
}

async function setup() {
  const alice = await signUp("alice");
  const bob = await signUp("bob");
  const { community } = await alice.json("POST", "/api/communities", { name: "live", title: "Live" }, 201);
  await bob.json("POST", `/api/communities/${community.id}/join`);
  return { alice, bob, id: community.id as string };
}

describe("live community timeline over WebSockets", () => {
  it("greets with hello and pushes new posts to every connected member", async () => {
    const { alice, bob, id } = await setup();
    const a = await connect(alice, id);
    const b = await connect(bob, id);
    await vi.waitUntil(() => a.frames.length > 0 && b.frames.length > 0);
    // bob's join was event 1 of this community.
    expect(a.frames[0]).toMatchObject({ type: "hello", lastSeq: 1 });
    const sent = await postAs(alice, "hello room", { communityId: id });
    expect(sent.seq).toBe(2);
    await vi.waitUntil(() => b.posts().length === 1);
    expect(b.frames.at(-1)).toMatchObject({ type: "post", seq: 2, post: { text: "hello room" } });
    await vi.waitUntil(() => a.posts().length === 1);
    a.ws.close();
    b.ws.close();
  });

  it("batches frames when posts come faster than the batch interval", async () => {
    const { alice, id } = await setup();
    const a = await connect(alice, id);
    await vi.waitUntil(() => a.frames.length > 0);
    const before = a.messages();
    await Promise.all(Array.from({ length: 8 }, (_, i) => postAs(alice, `burst ${i}`, { communityId: id })));
    await vi.waitUntil(() => a.posts().length === 8);
    expect(a.messages() - before).toBeLessThan(8);
    // Order on the wire is sequence order.
    const seqs = a.frames.filter((f) => f.type === "post").map((f) => f.seq!);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    a.ws.close();
  });

  it("replays what a reconnecting client missed, also after the object was evicted", async () => {
    const { alice, bob, id } = await setup();
    const seqs: number[] = [];
    for (let i = 0; i < 3; i++) seqs.push((await postAs(alice, `p${i}`, { communityId: id })).seq!);
    const first = await connect(bob, id, seqs[0]);
    await vi.waitUntil(() => first.posts().length === 2);
    expect(first.posts()).toEqual(["p1", "p2"]);
    first.ws.close();

    await evictDurableObject(env.COMMUNITY.getByName(id));
    const p3 = await postAs(alice, "p3", { communityId: id });
    expect(p3.seq).toBe(seqs[2]! + 1);
    const again = await connect(bob, id, seqs[2]);
    await vi.waitUntil(() => again.posts().length === 1);
    expect(again.posts()).toEqual(["p3"]);
    expect(again.frames[0]).toMatchObject({ type: "hello", lastSeq: p3.seq });
    again.ws.close();
  });

  it("falls back to D1 when the client is behind the object's window", async () => {
    const { alice, bob, id } = await setup();
    for (let i = 0; i < 3; i++) await postAs(alice, `d${i}`, { communityId: id });
    // Simulate a lost window (e.g. storage reset): only D1, the source of truth, remains.
    const stub = env.COMMUNITY.getByName(id);
    const { runInDurableObject } = await import("cloudflare:test");
    await runInDurableObject(stub, (_i, state) => {
      state.storage.sql.exec("DELETE FROM recent");
    });
    const c = await connect(bob, id, 0);
    await vi.waitUntil(() => c.posts().length === 3);
    expect(c.posts()).toEqual(["d0", "d1", "d2"]);
    c.ws.close();
  });

  it("tells clients about deletions and membership changes", async () => {
    const { alice, bob, id } = await setup();
    const a = await connect(alice, id);
    const post = await postAs(bob, "oops", { communityId: id });
    await vi.waitUntil(() => a.posts().length === 1);
    expect((await bob.delete(`/api/posts/${post.id}`)).status).toBe(204);
    await vi.waitUntil(() => a.frames.some((f) => f.type === "post.deleted"));
    expect(a.frames.find((f) => f.type === "post.deleted")).toMatchObject({ postId: post.id });
    await bob.json("POST", `/api/communities/${id}/leave`);
    await vi.waitUntil(() => a.frames.some((f) => f.type === "member"));
    expect(a.frames.find((f) => f.type === "member")).toMatchObject({ event: "left" });
    a.ws.close();
  });

  it("disconnects a member who leaves a members-only community", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const { community } = await alice.json(
      "POST",
      "/api/communities",
      { name: "inner", title: "Inner", visibility: "members" },
      201,
    );
    const { invite } = await alice.json("POST", `/api/communities/${community.id}/invites`, {}, 201);
    await bob.json("POST", `/api/communities/${community.id}/join`, { inviteCode: invite.code });
    const b = await connect(bob, community.id);
    await vi.waitUntil(() => b.frames.length > 0);
    await bob.json("POST", `/api/communities/${community.id}/leave`);
    await vi.waitUntil(() => b.closed() !== null);
    expect(b.closed()).toBe(4003);
  });

  it("refuses a cross-origin WebSocket upgrade (no hijacking from other sites)", async () => {
    const { bob, id } = await setup();
    const res = await bob.request("GET", `/api/communities/${id}/live`, undefined, {
      upgrade: "websocket",
      origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
  });

  it("sends local_only posts to signed-in sockets only", async () => {
    const { alice, id } = await setup();
    const { Client } = await import("./client");
    const anon = await connect(new Client(), id);
    const a = await connect(alice, id);
    await vi.waitUntil(() => anon.frames.length > 0 && a.frames.length > 0);
    await postAs(alice, "members of this server only", { communityId: id, visibility: "local_only" });
    await postAs(alice, "everyone", { communityId: id });
    await vi.waitUntil(() => anon.posts().length === 1 && a.posts().length === 2);
    expect(anon.posts()).toEqual(["everyone"]);
    anon.ws.close();
    a.ws.close();
  });
});
