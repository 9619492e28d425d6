import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Client, ORIGIN, postAs, signUp } from "./client";
import { fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const texts = async (c: Client, path: string) =>
  (await c.json<{ items: { text: string; filtered?: string[] }[] }>("GET", path)).items.map((p) => p.text);
const notificationActors = async (c: Client) =>
  (await c.json<{ items: { account: { username: string } }[] }>("GET", "/api/notifications")).items.map(
    (n) => n.account.username,
  );
const count = (sql: string) => env.DB.prepare(sql).first<number>("n");

describe("mute", () => {
  it("hides the muted account's posts and notifications from me only, until unmuted", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    await alice.json("POST", "/api/follows", { target: "bob" });
    await postAs(bob, "hello from bob @alice");
    await postAs(carol, "hello from carol");
    expect(await notificationActors(alice)).toContain("bob");

    const { relations } = await alice.json("POST", "/api/accounts/bob/mute", {});
    expect(relations).toMatchObject({ muting: true, mutingNotifications: true, muteExpiresAt: null, blocking: false });
    expect(await texts(alice, "/api/timelines/local")).toEqual(["hello from carol"]);
    expect(await texts(alice, "/api/timelines/home")).toEqual([]);
    expect(await notificationActors(alice)).not.toContain("bob");
    // Others still see bob; bob notices nothing.
    expect(await texts(carol, "/api/timelines/local")).toContain("hello from bob @alice");
    expect((await bob.json("GET", "/api/accounts/alice/relations")).relations.blockedBy).toBe(false);
    const { items } = await alice.json("GET", "/api/mutes");
    expect(items).toMatchObject([{ acct: "bob", remote: false, expiresAt: null }]);

    await alice.json("POST", "/api/accounts/bob/unmute");
    expect(await texts(alice, "/api/timelines/local")).toEqual(["hello from carol", "hello from bob @alice"]);
  });

  it("a timed mute ends by itself; notifications: false keeps the notifications", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    await postAs(bob, "ping @alice");
    const { relations } = await alice.json("POST", "/api/accounts/@bob/mute", { durationSeconds: 3600, notifications: false });
    expect(relations.muting).toBe(true);
    expect(Date.parse(relations.muteExpiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect(await texts(alice, "/api/timelines/local")).toEqual([]);
    expect(await notificationActors(alice)).toContain("bob");
    // Expire it.
    await env.DB.prepare("UPDATE account_mutes SET expires_at = 1").run();
    expect(await texts(alice, "/api/timelines/local")).toEqual(["ping @alice"]);
    expect((await alice.json("GET", "/api/mutes")).items).toEqual([]);
  });

  it("refuses muting yourself, unknown accounts and bad durations", async () => {
    const alice = await signUp("alice");
    await signUp("bob");
    expect((await alice.post("/api/accounts/alice/mute", {})).status).toBe(400);
    expect((await alice.post("/api/accounts/nobody/mute", {})).status).toBe(404);
    expect((await alice.post("/api/accounts/bob/mute", { durationSeconds: -5 })).status).toBe(400);
    expect((await alice.post("/api/accounts/bob/mute", { forever: true })).status).toBe(400);
    expect((await new (alice.constructor as typeof Client)().post("/api/accounts/bob/mute", {})).status).toBe(401);
    expect(await count("SELECT COUNT(*) AS n FROM account_mutes")).toBe(0);
  });
});

describe("block", () => {
  it("removes follows both ways, hides each from the other and stops re-following", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    await alice.json("POST", "/api/follows", { target: "bob" });
    await bob.json("POST", "/api/follows", { target: "alice" });
    await postAs(alice, "alice here");
    await postAs(bob, "bob here @alice");

    const { relations } = await alice.json("POST", "/api/accounts/bob/block");
    expect(relations).toMatchObject({ blocking: true, blockedBy: false });
    expect(await count("SELECT COUNT(*) AS n FROM follows")).toBe(0);
    expect(await texts(alice, "/api/timelines/local")).toEqual(["alice here"]);
    expect(await texts(bob, "/api/timelines/local")).toEqual(["bob here @alice"]);
    expect(await texts(bob, "/api/timelines/home")).toEqual(["bob here @alice"]);
    expect(await notificationActors(alice)).not.toContain("bob");
    expect((await bob.post("/api/follows", { target: "alice" })).status).toBe(403);
    expect((await bob.json("GET", "/api/accounts/alice/relations")).relations.blockedBy).toBe(true);
    expect((await alice.json("GET", "/api/blocks")).items).toMatchObject([{ acct: "bob" }]);

    await alice.json("POST", "/api/accounts/bob/unblock");
    expect((await bob.post("/api/follows", { target: "alice" })).status).toBe(200);
  });
});

describe("boosts and word filters", () => {
  it("hide boosts keeps the account's own posts; word filters hide or warn", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    await alice.json("POST", "/api/follows", { target: "carol" });
    const original = await postAs(bob, "original by bob");
    expect((await carol.post(`/api/posts/${original.id}/boost`)).ok).toBe(true);
    await postAs(carol, "carol's own");
    const homeCount = async () => (await alice.json("GET", "/api/timelines/home")).items.length;
    const before = await homeCount();
    await alice.json("POST", "/api/accounts/carol/hide-boosts");
    expect(await homeCount()).toBe(before - 1);
    expect(await texts(alice, "/api/timelines/home")).toContain("carol's own");
    await alice.json("POST", "/api/accounts/carol/show-boosts");
    expect(await homeCount()).toBe(before);

    await postAs(bob, "politics again");
    await postAs(bob, "football scores");
    const { filter } = await alice.json("POST", "/api/filters", { phrase: "Politics", action: "hide" }, 201);
    await alice.json("POST", "/api/filters", { phrase: "football", action: "warn" }, 201);
    expect((await alice.post("/api/filters", { phrase: "politics", action: "hide" })).status).toBe(409);
    const local = (await alice.json("GET", "/api/timelines/local")).items as { text: string; filtered?: string[] }[];
    expect(local.map((p) => p.text)).not.toContain("politics again");
    expect(local.find((p) => p.text === "football scores")?.filtered).toEqual(["football"]);
    // Only for me.
    expect(await texts(bob, "/api/timelines/local")).toContain("politics again");
    const res = await alice.delete(`/api/filters/${filter.id}`);
    expect(res.status).toBe(204);
    expect(await texts(alice, "/api/timelines/local")).toContain("politics again");
    expect((await bob.delete(`/api/filters/${filter.id}`)).status).toBe(404);
  });
});

describe("blocks over ActivityPub", () => {
  it("blocking a remote account sends Block and drops the follows; unblocking sends Undo(Block)", async () => {
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const remote = serveRemotes([bob]);
    restore = remote.restore;
    // bob follows alice.
    await exports.default.fetch(
      await signedPost(
        `${ORIGIN}/users/alice/inbox`,
        {
          "@context": "https://www.w3.org/ns/activitystreams",
          id: `${bob.id}#f`,
          type: "Follow",
          actor: bob.id,
          object: `${ORIGIN}/users/alice`,
        },
        bob,
      ),
    );
    expect(await count("SELECT COUNT(*) AS n FROM remote_follows")).toBe(1);
    const handle = encodeURIComponent(bob.id);
    const { relations } = await alice.json("POST", `/api/accounts/${handle}/block`);
    expect(relations.blocking).toBe(true);
    expect(await count("SELECT COUNT(*) AS n FROM remote_follows")).toBe(0);
    await vi.waitUntil(() => remote.deliveries.some((d) => d.body.type === "Block"), { timeout: 10_000 });
    const block = remote.deliveries.find((d) => d.body.type === "Block");
    expect(block?.body).toMatchObject({ actor: `${ORIGIN}/users/alice`, object: bob.id });

    await alice.json("POST", `/api/accounts/${handle}/unblock`);
    await vi.waitUntil(() => remote.deliveries.some((d) => d.body.type === "Undo"), { timeout: 10_000 });
    const undo = remote.deliveries.find((d) => d.body.type === "Undo");
    expect(undo?.body.object).toMatchObject({ type: "Block", id: block?.body.id });
  });

  it("an inbound Block removes that actor's follow relations with our user", async () => {
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    restore = serveRemotes([bob]).restore;
    const send = async (activity: Record<string, unknown>) =>
      exports.default.fetch(
        await signedPost(
          `${ORIGIN}/users/alice/inbox`,
          { "@context": "https://www.w3.org/ns/activitystreams", ...activity },
          bob,
        ),
      );
    await send({ id: `${bob.id}#f`, type: "Follow", actor: bob.id, object: `${ORIGIN}/users/alice` });
    const actorId = await env.DB.prepare("SELECT id FROM remote_actors").first<string>("id");
    const me = (await alice.json("GET", "/api/me")).account.id;
    await env.DB.prepare(
      "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, 'x', 1, 1)",
    )
      .bind(me, actorId)
      .run();
    const res = await send({ id: `${bob.id}#b`, type: "Block", actor: bob.id, object: `${ORIGIN}/users/alice` });
    expect(res.status).toBe(202);
    expect(await count("SELECT COUNT(*) AS n FROM remote_follows")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM remote_followings")).toBe(0);
  });
});

describe("notification filter (Mastodon 4.3)", () => {
  it("sends notifications from the chosen kinds of senders to the Filtered tab", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    await alice.json("POST", "/api/follows", { target: "carol" });
    await postAs(bob, "hi @alice from a stranger");
    await postAs(carol, "hi @alice from a friend");
    await postAs(bob, "psst @alice", { visibility: "direct" });
    expect((await alice.json("GET", "/api/notifications/policy")).policy).toEqual({
      notFollowing: false,
      notFollowers: false,
      newAccounts: false,
      privateMentions: false,
    });
    expect(await notificationActors(alice)).toEqual(["bob", "carol", "bob"]);

    await alice.json("PUT", "/api/notifications/policy", {
      notFollowing: false,
      notFollowers: false,
      newAccounts: false,
      privateMentions: true,
    });
    expect(await notificationActors(alice)).toEqual(["carol", "bob"]);
    const held = await alice.json("GET", "/api/notifications/filtered");
    expect(held.items.map((n: { post: { text: string } }) => n.post.text)).toEqual(["psst @alice"]);

    await alice.json("PUT", "/api/notifications/policy", {
      notFollowing: true,
      notFollowers: false,
      newAccounts: false,
      privateMentions: false,
    });
    expect(await notificationActors(alice)).toEqual(["carol"]);
    expect((await alice.json("GET", "/api/notifications/filtered")).items).toHaveLength(2);
    // Every account here is younger than 30 days.
    await alice.json("PUT", "/api/notifications/policy", {
      notFollowing: false,
      notFollowers: false,
      newAccounts: true,
      privateMentions: false,
    });
    expect(await notificationActors(alice)).toEqual([]);
    expect((await alice.request("PUT", "/api/notifications/policy", { notFollowing: "yes" })).status).toBe(400);
  });
});
