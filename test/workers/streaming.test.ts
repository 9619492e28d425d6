import { describe, expect, it, vi } from "vitest";
import { type Client, postAs, signUp } from "./client";

describe("live notifications over /api/streaming", () => {
  async function connect(c: Client, headers: Record<string, string> = {}) {
    const res = await c.request("GET", "/api/streaming", undefined, { upgrade: "websocket", ...headers });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const frames: any[] = [];
    ws.addEventListener("message", (e) => {
      const data = JSON.parse(e.data as string);
      if (Array.isArray(data)) frames.push(...data);
      else frames.push(data);
    });
    ws.accept();
    return { ws, frames };
  }

  it("pushes new notifications and unread counts to the recipient's sockets", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const a = await connect(alice, { origin: "http://127.0.0.1:8787" });
    await vi.waitUntil(() => a.frames.length >= 2);
    expect(a.frames[0]).toMatchObject({ type: "hello" });
    expect(a.frames[1]).toEqual({ type: "unread", count: 0 });
    await postAs(bob, "ping @alice");
    await vi.waitUntil(() => a.frames.some((f) => f.type === "notification"));
    const note = a.frames.find((f) => f.type === "notification");
    expect(note.notification).toMatchObject({ type: "mention", account: { username: "bob" }, post: { text: "ping @alice" } });
    await vi.waitUntil(() => a.frames.at(-1)?.type === "unread" && a.frames.at(-1).count === 1);
    await alice.post("/api/notifications/read");
    await vi.waitUntil(() => a.frames.at(-1)?.type === "unread" && a.frames.at(-1).count === 0);
    // The ping auto-response works without waking the object.
    a.ws.send('{"type":"ping"}');
    await vi.waitUntil(() => a.frames.at(-1)?.type === "pong");
    a.ws.close();
  });

  it("requires a session, a WebSocket and this server's origin", async () => {
    const alice = await signUp("alice");
    const anon = await new (alice.constructor as typeof Client)().request("GET", "/api/streaming", undefined, {
      upgrade: "websocket",
    });
    expect(anon.status).toBe(401);
    expect((await alice.get("/api/streaming")).status).toBe(400);
    const evil = await alice.request("GET", "/api/streaming", undefined, {
      upgrade: "websocket",
      origin: "https://evil.example",
    });
    expect(evil.status).toBe(403);
  });
});
