import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, postAs, signUp } from "./client";

const pngBytes = () =>
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1]);

async function addEmoji(admin: Client, shortcode: string) {
  const form = new FormData();
  form.set("shortcode", shortcode);
  form.set("file", new File([pngBytes()], "e.png"));
  const res = await admin.post("/api/admin/emojis", form);
  expect(res.status).toBe(201);
}

const react = (c: Client, id: string, emoji: string) => c.post(`/api/posts/${id}/reactions`, { emoji });

describe("emoji reactions", () => {
  it("reacts once per emoji, counts, marks `me`, and removes by URL-encoded emoji", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const post = await postAs(alice, "react to me");
    const first = await bob.json("POST", `/api/posts/${post.id}/reactions`, { emoji: "🎉" });
    expect(first.post.reactions).toEqual([{ emoji: "🎉", count: 1, me: true }]);
    expect(first.post.reactionsCount).toBe(1);
    // Idempotent: the same emoji twice is still one reaction.
    await bob.json("POST", `/api/posts/${post.id}/reactions`, { emoji: "🎉" });
    await alice.json("POST", `/api/posts/${post.id}/reactions`, { emoji: "🎉" }); // own post: allowed
    await bob.json("POST", `/api/posts/${post.id}/reactions`, { emoji: "👍🏽" });
    const seen = (await alice.json("GET", `/api/posts/${post.id}`)).post;
    expect(seen.reactions).toEqual([
      { emoji: "🎉", count: 2, me: true },
      { emoji: "👍🏽", count: 1, me: false },
    ]);
    expect(seen.reactionsCount).toBe(3);
    const who = await new Client().json("GET", `/api/posts/${post.id}/reactions`);
    expect(who.items[0]).toMatchObject({ emoji: "🎉", count: 2 });
    expect(who.items[0].accounts.map((a: any) => a.username).sort()).toEqual(["alice", "bob"]);
    expect(who.items[0].accounts[0]).toHaveProperty("avatarUrl");

    const removed = await bob.json("DELETE", `/api/posts/${post.id}/reactions/${encodeURIComponent("🎉")}`);
    expect(removed.post.reactions).toEqual([
      { emoji: "🎉", count: 1, me: false },
      { emoji: "👍🏽", count: 1, me: true },
    ]);
    await bob.json("DELETE", `/api/posts/${post.id}/reactions/${encodeURIComponent("🎉")}`); // twice is fine
    const row = await env.DB.prepare("SELECT reactions_count AS n FROM posts WHERE id = ?").bind(post.id).first<{ n: number }>();
    expect(row?.n).toBe(2);
  });

  it.each([["hello"], ["1"], ["#"], ["🎉🎉"], ["a🎉"], [""], [":nope:"], [":Bad Code:"]])("refuses %j", async (emoji) => {
    const alice = await signUp("alice");
    const post = await postAs(alice, "x");
    const res = await react(alice, post.id, emoji);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe("validation_failed");
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM reactions").first<{ n: number }>())?.n).toBe(0);
  });

  it("accepts flags, keycaps and ZWJ sequences as single emoji", async () => {
    const alice = await signUp("alice");
    const post = await postAs(alice, "x");
    for (const e of ["🇯🇵", "1️⃣", "👩‍👩‍👧", "❤️"]) expect((await react(alice, post.id, e)).status).toBe(200);
  });

  it("takes custom emoji of this server and lists them on the post", async () => {
    const alice = await signUp("alice"); // the first account is the admin
    const bob = await signUp("bob");
    await addEmoji(alice, "blobcat");
    const post = await postAs(alice, "hi :blobcat: and :unknown:");
    expect(post.emojis).toEqual([{ shortcode: "blobcat", url: expect.stringMatching(/\/media\/emojis\/[0-9a-f-]{36}\.png$/) }]);
    const { post: reacted } = await bob.json("POST", `/api/posts/${post.id}/reactions`, { emoji: ":blobcat:" });
    expect(reacted.reactions).toEqual([{ emoji: ":blobcat:", count: 1, me: true }]);
    expect(reacted.emojis.map((e: any) => e.shortcode)).toEqual(["blobcat"]);
  });

  it("respects the author's reaction acceptance: likes only, or none", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const likes = await postAs(alice, "likes only", { reactionAcceptance: "likes" });
    expect(likes.reactionAcceptance).toBe("likes");
    const refused = await react(bob, likes.id, "🎉");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe("reaction_not_accepted");
    expect((await react(bob, likes.id, "❤️")).status).toBe(200);
    expect((await react(alice, likes.id, "❤")).status).toBe(200); // the bare heart is the same like
    expect((await bob.json("GET", `/api/posts/${likes.id}`)).post.reactions).toEqual([{ emoji: "❤️", count: 2, me: true }]);

    const none = await postAs(alice, "no reactions", { reactionAcceptance: "none" });
    const res = await react(bob, none.id, "❤️");
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe("reaction_not_accepted");
    expect((await alice.post("/api/posts", { text: "x", reactionAcceptance: "some" })).status).toBe(400);
  });

  it("answers 404 for posts the reactor cannot see, and 401 when signed out", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const secret = await postAs(alice, "followers only", { visibility: "followers" });
    expect((await react(bob, secret.id, "🎉")).status).toBe(404);
    expect((await bob.get(`/api/posts/${secret.id}/reactions`)).status).toBe(404);
    expect((await react(new Client(), secret.id, "🎉")).status).toBe(401);
    expect((await react(bob, "01890000-0000-7000-8000-000000000000", "🎉")).status).toBe(404);
  });

  it("keeps members-only community posts' reactions from non-members", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    const { community } = await alice.json(
      "POST",
      "/api/communities",
      { name: "club", title: "Club", visibility: "members" },
      201,
    );
    const { invite } = await alice.json("POST", `/api/communities/${community.id}/invites`, {}, 201);
    await bob.json("POST", `/api/communities/${community.id}/join`, { inviteCode: invite.code });
    const post = await postAs(alice, "members only", { communityId: community.id });
    expect((await react(bob, post.id, "🎉")).status).toBe(200);
    expect((await react(carol, post.id, "🎉")).status).toBe(404);
    expect((await carol.get(`/api/posts/${post.id}/reactions`)).status).toBe(404);
    expect((await new Client().get(`/api/posts/${post.id}/reactions`)).status).toBe(404);
  });

  it("pushes reaction counts to live community sockets", async () => {
    const alice = await signUp("alice");
    const { community } = await alice.json("POST", "/api/communities", { name: "live", title: "Live" }, 201);
    const post = await postAs(alice, "hello", { communityId: community.id });
    const res = await alice.request("GET", `/api/communities/${community.id}/live?since=${post.seq}`, undefined, {
      upgrade: "websocket",
    });
    const ws = res.webSocket!;
    const frames: any[] = [];
    ws.addEventListener("message", (e) => frames.push(...JSON.parse(e.data as string)));
    ws.accept();
    await react(alice, post.id, "🎉");
    const deadline = Date.now() + 3000;
    while (!frames.some((f) => f.type === "reactions") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const frame = frames.find((f) => f.type === "reactions");
    expect(frame).toMatchObject({ postId: post.id, reactions: [{ emoji: "🎉", count: 1 }] });
    expect(frame.seq).toBeGreaterThan(post.seq!);
    ws.close();
  });
});
