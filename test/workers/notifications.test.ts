import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Post } from "../../workers/core/posts/post";
import { buildDepsWith } from "../../workers/deps";
import { eventListeners } from "../../workers/listeners";
import { type Client, postAs, signUp } from "./client";

const deps = () => buildDepsWith(env, eventListeners);
const idOf = async (c: Client) => (await c.json("GET", "/api/me")).account.id as string;
const notes = async (c: Client) => (await c.json("GET", "/api/notifications")).items as any[];
const unread = async (c: Client) => (await c.json("GET", "/api/notifications/unread")).count as number;

/** A post derived from a stored one, published through the real event listeners (as A's use cases do). */
async function publishDerived(authorOf: string, base: Post, extra: Partial<Post>): Promise<Post> {
  const author = (await deps().posts.authors([authorOf]))[0]!;
  const post: Post = { ...base, id: crypto.randomUUID(), author, mentionIds: [], replyToId: null, ...extra };
  await deps().events.emit({ type: "post.published", post });
  return post;
}

describe("notifications", () => {
  it("notifies mentions, replies and follows, never yourself, with account and post", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const first = await postAs(alice, "hello @bob and @alice");
    await postAs(alice, "talking to myself", { replyToId: first.id });
    await postAs(bob, "hi back", { replyToId: first.id });
    await bob.json("POST", "/api/follows", { target: "alice" });
    await alice.json("POST", "/api/follows", { target: "alice" }, 400);

    const forBob = await notes(bob);
    expect(forBob.map((n) => n.type)).toEqual(["mention"]);
    expect(forBob[0]).toMatchObject({ read: false, account: { username: "alice" }, post: { id: first.id } });
    const forAlice = await notes(alice);
    expect(forAlice.map((n) => n.type)).toEqual(["follow", "reply"]);
    expect(forAlice[1]).toMatchObject({ account: { username: "bob" }, post: { text: "hi back" } });
    expect(forAlice[0].post).toBeUndefined();
  });

  it("notifies reactions, boosts and quotes, de-duplicated, and drops deleted posts from the list", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const [aliceId, bobId] = [await idOf(alice), await idOf(bob)];
    const p = await postAs(alice, "react to me");
    const post = (await deps().posts.findById(p.id))!;
    for (let i = 0; i < 2; i++) {
      await deps().events.emit({ type: "reaction.added", post, accountId: bobId, emoji: "🎉" });
      await deps().events.emit({ type: "reaction.added", post, accountId: aliceId, emoji: "🎉" });
    }
    await deps().events.emit({ type: "reaction.added", post, accountId: bobId, emoji: "👍" });
    await publishDerived(bobId, post, { boostOfId: post.id, text: "" });
    const quote = await postAs(bob, "look at this");
    await publishDerived(bobId, (await deps().posts.findById(quote.id))!, { quoteId: post.id, id: quote.id });

    const items = await notes(alice);
    expect(items.map((n) => [n.type, n.emoji ?? null])).toEqual([
      ["quote", null],
      ["boost", null],
      ["reaction", "👍"],
      ["reaction", "🎉"],
    ]);
    expect(items[1].post.id).toBe(p.id);
    expect(items[0].post.id).toBe(quote.id);
    expect(await unread(alice)).toBe(4);
    expect((await bob.delete(`/api/posts/${quote.id}`)).status).toBeLessThan(300);
    expect((await notes(alice)).map((n) => n.type)).toEqual(["boost", "reaction", "reaction"]);
  });

  it("never notifies someone who cannot read the post", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    const { community } = await alice.json("POST", "/api/communities", { name: "secret", title: "Secret" }, 201);
    await bob.json("POST", `/api/communities/${community.id}/join`);
    await carol.json("POST", `/api/communities/${community.id}/join`);
    const carolInside = await postAs(carol, "said while a member", { communityId: community.id });
    await carol.json("POST", `/api/communities/${community.id}/leave`);
    await alice.json("PATCH", `/api/communities/${community.id}`, { visibility: "members" });
    const carolPost = await postAs(carol, "public thought");
    // A mention and a reply inside a members-only community reach members only.
    await postAs(alice, "inside @carol @bob", { communityId: community.id });
    await postAs(bob, "replying to a former member", { replyToId: carolInside.id });
    expect(await notes(carol)).toEqual([]);
    expect((await notes(bob)).map((n) => n.type)).toEqual(["mention"]);
    // Direct posts reach only the mentioned.
    await postAs(alice, "psst @bob", { visibility: "direct" });
    await postAs(bob, "for followers only", { visibility: "followers", replyToId: carolPost.id });
    expect(await notes(carol)).toEqual([]);
  });

  it("tells the owner and moderators about join requests", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const { community } = await alice.json("POST", "/api/communities", { name: "club", title: "Club" }, 201);
    await alice.json("PATCH", `/api/communities/${community.id}`, { joinPolicy: "approval" });
    await bob.json("POST", `/api/communities/${community.id}/join`, { message: "let me in" }, 202);
    const items = await notes(alice);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: "community_join_request",
      account: { username: "bob" },
      community: { id: community.id },
    });
    expect(await notes(bob)).toEqual([]);
  });

  it("counts unread notifications and marks them read up to a point or all", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    for (let i = 0; i < 3; i++) await postAs(bob, `hey @alice ${i}`);
    expect(await unread(alice)).toBe(3);
    const items = await notes(alice);
    const res = await alice.post("/api/notifications/read", { upTo: items[1].id });
    expect(res.status).toBe(204);
    expect(await unread(alice)).toBe(1);
    expect((await notes(alice)).map((n) => n.read)).toEqual([false, true, true]);
    // Never backwards.
    await alice.post("/api/notifications/read", { upTo: items[2].id });
    expect(await unread(alice)).toBe(1);
    expect((await alice.post("/api/notifications/read")).status).toBe(204);
    expect(await unread(alice)).toBe(0);
    await env.DB.prepare("UPDATE accounts SET notifications_read_id = NULL").run();
    const me = await idOf(alice);
    const stmts = Array.from({ length: 120 }, (_, i) =>
      env.DB.prepare("INSERT INTO notifications (id, account_id, type, actor_id, created_at) VALUES (?, ?, 'follow', ?, 0)").bind(
        `00000000-0000-7000-8000-${String(i).padStart(12, "0")}`,
        me,
        `actor-${i}`,
      ),
    );
    await env.DB.batch(stmts);
    expect(await unread(alice)).toBe(100);
    expect((await new (alice.constructor as typeof Client)().get("/api/notifications")).status).toBe(401);
  });

  it("pages with a cursor", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    for (let i = 0; i < 5; i++) await postAs(bob, `@alice ${i}`);
    const first = await alice.json("GET", "/api/notifications?limit=3");
    expect(first.items).toHaveLength(3);
    const second = await alice.json("GET", `/api/notifications?limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((n: any) => n.post.text)).toEqual(["@alice 1", "@alice 0"]);
    expect(second.nextCursor).toBeNull();
  });
});
