import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, postAs, signUp } from "./client";

describe("editing posts", () => {
  it("edits text and cw, keeps the history newest first, and re-derives mentions and hashtags", async () => {
    const alice = await signUp("alice");
    await signUp("bob"); // mentioned below
    const post = await postAs(alice, "first #draft");
    expect(post.editedAt).toBeNull();
    const v2 = await alice.json("PATCH", `/api/posts/${post.id}`, { text: "second @bob #final" });
    expect(v2.post).toMatchObject({ text: "second @bob #final", hashtags: ["final"], mentions: [{ username: "bob" }] });
    expect(v2.post.editedAt).not.toBeNull();
    await alice.json("PATCH", `/api/posts/${post.id}`, { cw: "spoiler" });
    const history = await new Client().json("GET", `/api/posts/${post.id}/history`);
    expect(history.items.map((h: any) => [h.text, h.cw])).toEqual([
      ["second @bob #final", null],
      ["first #draft", null],
    ]);
    expect(new Date(history.items[0].replacedAt).toString()).not.toBe("Invalid Date");
    expect((await new Client().json("GET", "/api/timelines/tag/final")).items.map((p: any) => p.id)).toEqual([post.id]);
    expect((await new Client().json("GET", "/api/timelines/tag/draft")).items).toHaveLength(0);
    // Searchable by the new text (the FTS trigger follows edits).
    const fts = await env.DB.prepare("SELECT COUNT(*) AS n FROM posts_fts WHERE posts_fts MATCH 'second'").first<{ n: number }>();
    expect(fts?.n).toBe(1);
  });

  it("refuses others' posts, invalid text, and hides history of invisible posts", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const post = await postAs(alice, "mine");
    const res = await bob.patch(`/api/posts/${post.id}`, { text: "hijacked" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe("forbidden");
    expect((await alice.patch(`/api/posts/${post.id}`, { text: "   " })).status).toBe(400);
    expect((await alice.patch(`/api/posts/${post.id}`, { text: "x".repeat(3001) })).status).toBe(400);
    expect((await new Client().patch(`/api/posts/${post.id}`, { text: "anon" })).status).toBe(401);
    expect((await alice.json("GET", `/api/posts/${post.id}`)).post.text).toBe("mine");

    const secret = await postAs(alice, "followers only", { visibility: "followers" });
    await alice.json("PATCH", `/api/posts/${secret.id}`, { text: "still followers only" });
    expect((await bob.get(`/api/posts/${secret.id}/history`)).status).toBe(404);
    expect((await alice.json("GET", `/api/posts/${secret.id}/history`)).items).toHaveLength(1);
  });

  it("pushes post.updated with the hydrated post to live community sockets", async () => {
    const alice = await signUp("alice");
    const { community } = await alice.json("POST", "/api/communities", { name: "live", title: "Live" }, 201);
    const post = await postAs(alice, "typo", { communityId: community.id });
    const res = await alice.request("GET", `/api/communities/${community.id}/live?since=${post.seq}`, undefined, {
      upgrade: "websocket",
    });
    const ws = res.webSocket!;
    const frames: any[] = [];
    ws.addEventListener("message", (e) => frames.push(...JSON.parse(e.data as string)));
    ws.accept();
    await alice.json("PATCH", `/api/posts/${post.id}`, { text: "fixed" });
    const deadline = Date.now() + 3000;
    while (!frames.some((f) => f.type === "post.updated") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const frame = frames.find((f) => f.type === "post.updated");
    expect(frame.post).toMatchObject({ id: post.id, text: "fixed", mine: false, reactions: [], boosted: false });
    expect(frame.post.editedAt).not.toBeNull();
    expect(frame.seq).toBeGreaterThan(post.seq!);
    ws.close();
  });
});
