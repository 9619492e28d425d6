import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { uuidv7 } from "uuidv7";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Client, ORIGIN, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 40_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = `${AS}#Public`;

interface Item {
  id: string;
  uri: string;
  remote?: boolean;
  boosted: boolean;
  boostsCount: number;
  reactions: { emoji: string; count: number; me: boolean }[];
  author: { username: string };
  boostOf: Item | null;
}

async function deliver(actor: FakeActor, activity: Record<string, unknown>) {
  const res = await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, { "@context": AS, ...activity }, actor));
  expect(res.status).toBe(202);
}

async function insertActor(actor: FakeActor, sharedInbox: string | null = null) {
  const id = uuidv7();
  const host = new URL(actor.id).host;
  await env.DB.prepare(
    "INSERT INTO remote_actors (id, iri, host, handle, name, inbox, shared_inbox, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
  )
    .bind(id, actor.id, host, `@${actor.document.preferredUsername}@${host}`, "Name", actor.inbox, sharedInbox)
    .run();
  return id;
}

/** alice follows bob (remote.example); carol (other.example) follows alice; dave (local) follows alice. */
async function setup() {
  const alice = await signUp("alice");
  const dave = await signUp("dave");
  await dave.json("POST", "/api/follows", { target: "alice" });
  const bob = await fakeActor("remote.example", "bob");
  const carol = await fakeActor("other.example", "carol");
  const remote = serveRemotes([bob, carol]);
  restore = remote.restore;
  const me = await alice.json<{ account: { id: string } }>("GET", "/api/me");
  const bobId = await insertActor(bob);
  const carolId = await insertActor(carol, carol.sharedInbox);
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, 'f', 1, 1)",
    ).bind(me.account.id, bobId),
    env.DB.prepare("INSERT INTO remote_follows (account_id, remote_actor_id, created_at) VALUES (?, ?, 1)").bind(
      me.account.id,
      carolId,
    ),
  ]);
  const noteId = `${bob.id}/statuses/1`;
  await deliver(bob, {
    id: `${noteId}/activity`,
    type: "Create",
    actor: bob.id,
    object: {
      id: noteId,
      type: "Note",
      attributedTo: bob.id,
      content: "<p>hi</p>",
      to: [PUBLIC],
      published: "2026-01-01T00:00:00Z",
    },
  });
  const [post] = (await alice.json<{ items: Item[] }>("GET", "/api/timelines/federated")).items;
  if (!post) throw new Error("the remote post was not cached");
  return { alice, dave, bob, carol, remote, post, noteId };
}

const byType = (remote: ReturnType<typeof serveRemotes>, type: string) => remote.deliveries.filter((d) => d.body.type === type);

describe("reacting to and boosting remote posts", () => {
  it("a reaction is stored, presented and sent as Like to the author; removing it sends Undo(Like)", async () => {
    const { alice, remote, post, noteId, bob } = await setup();
    const reacted = await alice.json<{ post: Item }>("POST", `/api/posts/${post.id}/reactions`, { emoji: "👍" });
    expect(reacted.post).toMatchObject({ id: post.id, remote: true, reactions: [{ emoji: "👍", count: 1, me: true }] });
    // Idempotent: a second reaction with the same emoji sends nothing more.
    await alice.json("POST", `/api/posts/${post.id}/reactions`, { emoji: "👍" });
    await vi.waitUntil(() => byType(remote, "Like").length > 0, { timeout: 15_000 });
    const [like] = byType(remote, "Like");
    expect(like?.url).toBe(bob.inbox);
    expect(like?.body).toMatchObject({ actor: `${ORIGIN}/users/alice`, object: noteId, content: "👍" });
    const federated = (await alice.json<{ items: Item[] }>("GET", "/api/timelines/federated")).items;
    expect(federated[0]?.reactions).toEqual([{ emoji: "👍", count: 1, me: true }]);

    const removed = await alice.json<{ post: Item }>("DELETE", `/api/posts/${post.id}/reactions/${encodeURIComponent("👍")}`);
    expect(removed.post.reactions).toEqual([]);
    await vi.waitUntil(() => byType(remote, "Undo").length > 0, { timeout: 15_000 });
    expect(byType(remote, "Undo")[0]?.body).toMatchObject({ object: { type: "Like", id: like?.body.id, object: noteId } });
    expect(byType(remote, "Like")).toHaveLength(1);
  });

  it("a boost goes to our followers' shared inboxes and the author, shows on profile and home; Undo(Announce) withdraws it", async () => {
    const { alice, dave, remote, post, noteId, bob, carol } = await setup();
    const boosted = await alice.json<{ post: Item }>("POST", `/api/posts/${post.id}/boost`);
    expect(boosted.post).toMatchObject({ boosted: true, boostsCount: 1 });
    await vi.waitUntil(() => byType(remote, "Announce").length >= 2, { timeout: 15_000 });
    const announces = byType(remote, "Announce");
    expect(announces.map((d) => d.url).sort()).toEqual([bob.inbox, carol.sharedInbox].sort());
    expect(announces[0]?.body).toMatchObject({ actor: `${ORIGIN}/users/alice`, object: noteId, to: PUBLIC });

    const profile = (await dave.json<{ items: Item[] }>("GET", "/api/accounts/alice/posts")).items;
    expect(profile[0]).toMatchObject({ author: { username: "alice" }, boostOf: { id: post.id, uri: noteId } });
    const home = (await dave.json<{ items: Item[] }>("GET", "/api/timelines/home")).items;
    expect(home.some((p) => p.boostOf?.id === post.id)).toBe(true);

    const undone = await alice.json<{ post: Item }>("DELETE", `/api/posts/${post.id}/boost`);
    expect(undone.post).toMatchObject({ boosted: false, boostsCount: 0 });
    await vi.waitUntil(() => byType(remote, "Undo").length >= 2, { timeout: 15_000 });
    expect(byType(remote, "Undo")[0]?.body).toMatchObject({ object: { type: "Announce", id: announces[0]?.body.id } });
    expect((await dave.json<{ items: Item[] }>("GET", "/api/accounts/alice/posts")).items).toHaveLength(0);
  });

  it("refuses what it must: unknown ids, followers-only boosts, posts the viewer cannot see", async () => {
    const { alice, bob } = await setup();
    await alice.json("POST", `/api/posts/${uuidv7()}/boost`, undefined, 404);
    const noteId = `${bob.id}/statuses/2`;
    await deliver(bob, {
      id: `${noteId}/activity`,
      type: "Create",
      actor: bob.id,
      object: {
        id: noteId,
        type: "Note",
        attributedTo: bob.id,
        content: "f",
        to: [`${bob.id}/followers`],
        published: "2026-01-02T00:00:00Z",
      },
    });
    const row = await env.DB.prepare("SELECT id FROM remote_posts WHERE iri = ?").bind(noteId).first<string>("id");
    await alice.json("POST", `/api/posts/${row}/boost`, undefined, 403);
    const stranger: Client = await signUp("erin");
    await stranger.json("POST", `/api/posts/${row}/reactions`, { emoji: "👍" }, 404);
    await alice.json("POST", `/api/posts/${row}/reactions`, { emoji: "not an emoji" }, 400);
  });
});
