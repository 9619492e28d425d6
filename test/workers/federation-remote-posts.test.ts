import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { afterEach, describe, expect, it, vi } from "vitest";
import { D1RemotePostStore } from "../../workers/db/d1-remote-post-store";
import worker from "../../workers/index";
import { type Client, ORIGIN, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const AS = "https://www.w3.org/ns/activitystreams";

interface Item {
  id: string;
  uri: string;
  url: string;
  text: string;
  html: string;
  remote: boolean;
  host: string;
  visibility: string;
  author: { id: string; username: string; displayName: string; avatarUrl: string | null };
  media: { url: string; type: string }[];
  reactions: unknown[];
}

async function deliver(actor: FakeActor, activity: Record<string, unknown>) {
  const res = await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, { "@context": AS, ...activity }, actor));
  expect(res.status).toBe(202);
}

function note(actor: FakeActor, n: string, extra: Record<string, unknown> = {}) {
  return {
    id: `${actor.id}/statuses/${n}`,
    type: "Note",
    attributedTo: actor.id,
    content: `<p>note ${n} &amp; more<script>alert(1)</script></p>`,
    published: "2026-01-01T00:00:00Z",
    to: [PUBLIC],
    cc: [`${actor.id}/followers`],
    ...extra,
  };
}

const create = (actor: FakeActor, object: Record<string, unknown>) => ({
  id: `${object.id}/activity`,
  type: "Create",
  actor: actor.id,
  object,
});

/** `account` follows `actor` (an accepted remote following, as after their Accept). */
async function follows(accountId: string, actor: FakeActor) {
  const actorId = `ra-${actor.document.preferredUsername}`;
  await env.DB.prepare(
    "INSERT OR IGNORE INTO remote_actors (id, iri, host, handle, name, inbox, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0)",
  )
    .bind(
      actorId,
      actor.id,
      new URL(actor.id).host,
      `@${actor.document.preferredUsername}@${new URL(actor.id).host}`,
      "Bob",
      actor.inbox,
    )
    .run();
  await env.DB.prepare(
    "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, ?, 1, 1)",
  )
    .bind(accountId, actorId, `${ORIGIN}/follows/${actorId}`)
    .run();
}

const count = async () => Number(await env.DB.prepare("SELECT COUNT(*) AS n FROM remote_posts").first("n"));
const federated = async (c: Client) => (await c.json<{ items: Item[] }>("GET", "/api/timelines/federated")).items;
const home = async (c: Client) => (await c.json<{ items: Item[] }>("GET", "/api/timelines/home?limit=40")).items;

async function setup() {
  const alice = await signUp("alice");
  const bob = await fakeActor("remote.example", "bob");
  const carol = await fakeActor("other.example", "carol");
  restore = serveRemotes([bob, carol]).restore;
  const me = await alice.json<{ account: { id: string } }>("GET", "/api/me");
  await follows(me.account.id, bob);
  return { alice, bob, carol };
}

describe("remote posts cache", () => {
  it("Create(Note) of a followed actor: federated and home timelines, sanitised, idempotent", async () => {
    const { alice, bob } = await setup();
    const object = note(bob, "1", {
      url: "https://remote.example/@bob/1",
      summary: "spoiler",
      attachment: [{ type: "Document", mediaType: "image/png", url: "https://remote.example/media/1.png", name: "a cat" }],
    });
    await deliver(bob, create(bob, object));
    await deliver(bob, create(bob, object));
    expect(await count()).toBe(1);

    const [item] = await federated(alice);
    expect(item).toMatchObject({
      remote: true,
      host: "remote.example",
      uri: object.id,
      url: "https://remote.example/@bob/1",
      text: "note 1 & more",
      cw: "spoiler",
      visibility: "public",
      author: { username: "bob@remote.example", displayName: "Bob" },
      media: [{ url: `${ORIGIN}/proxy/media?url=${encodeURIComponent("https://remote.example/media/1.png")}`, type: "image" }],
      reactions: [],
    });
    expect(item?.html).not.toContain("script");
    expect(item?.html).toContain("<p>");
    expect((await home(alice)).map((p) => p.uri)).toContain(object.id);
    // Not a local post.
    await alice.json("GET", `/api/posts/${item?.id}`, undefined, 404);
  });

  it("merges remote posts into home with local ones, keyset paged", async () => {
    const { alice, bob } = await setup();
    await alice.json("POST", "/api/posts", { text: "local 1" }, 201);
    await deliver(bob, create(bob, note(bob, "a")));
    await alice.json("POST", "/api/posts", { text: "local 2" }, 201);
    await deliver(bob, create(bob, note(bob, "b", { to: [`${bob.id}/followers`], cc: [] })));
    const all = await home(alice);
    expect(all.map((p) => p.text)).toEqual(["note b & more", "local 2", "note a & more", "local 1"]);
    expect(all[0]?.visibility).toBe("followers");
    const first = await alice.json<{ items: Item[]; nextCursor: string }>("GET", "/api/timelines/home?limit=3");
    expect(first.items.length).toBe(3);
    const rest = await alice.json<{ items: Item[]; nextCursor: string | null }>(
      "GET",
      `/api/timelines/home?limit=3&cursor=${first.nextCursor}`,
    );
    expect(rest.items.map((p) => p.text)).toEqual(["local 1"]);
    // Followers-only is not public.
    expect((await federated(alice)).map((p) => p.text)).toEqual(["note a & more"]);
  });

  it("refuses Notes from unfollowed actors unless they mention a local account", async () => {
    const { alice, carol } = await setup();
    await deliver(carol, create(carol, note(carol, "1")));
    expect(await count()).toBe(0);
    await deliver(
      carol,
      create(
        carol,
        note(carol, "2", {
          to: [`${ORIGIN}/users/alice`],
          cc: [],
          tag: [{ type: "Mention", href: `${ORIGIN}/users/alice`, name: "@alice" }],
        }),
      ),
    );
    expect(await count()).toBe(1);
    const row = await env.DB.prepare("SELECT visibility FROM remote_posts").first("visibility");
    expect(row).toBe("direct");
    expect(await federated(alice)).toEqual([]);
  });

  it("origin rules: attributedTo must be the actor, the Note's host the actor's host", async () => {
    const { bob, carol } = await setup();
    // bob (followed) claims a Note attributed to carol.
    await deliver(bob, create(bob, note(bob, "x", { attributedTo: carol.id })));
    // bob sends a Note whose id is on carol's host.
    await deliver(bob, create(bob, { ...note(bob, "y"), id: "https://other.example/users/carol/statuses/y" }));
    expect(await count()).toBe(0);
  });

  it("Update only by the author and only if newer; Delete tombstones, Delete-before-Create stays deleted", async () => {
    const { alice, bob, carol } = await setup();
    const original = note(bob, "1");
    await deliver(bob, create(bob, original));
    const update = (by: FakeActor, n: string, updated: string, content: string) => ({
      id: `${original.id}#updates/${n}`,
      type: "Update",
      actor: by.id,
      object: { ...original, attributedTo: by.id, content, updated },
    });
    await deliver(bob, update(bob, "1", "2026-01-02T00:00:00Z", "<p>edited</p>"));
    await deliver(bob, update(bob, "2", "2026-01-01T12:00:00Z", "<p>stale</p>"));
    await deliver(carol, update(carol, "3", "2026-01-03T00:00:00Z", "<p>forged</p>"));
    expect((await federated(alice)).map((p) => p.text)).toEqual(["edited"]);

    await deliver(carol, { id: `${carol.id}#del/1`, type: "Delete", actor: carol.id, object: original.id });
    expect((await federated(alice)).length).toBe(1);
    await deliver(bob, {
      id: `${bob.id}#del/1`,
      type: "Delete",
      actor: bob.id,
      object: { id: original.id, type: "Tombstone" },
    });
    expect(await federated(alice)).toEqual([]);
    expect(await home(alice)).toEqual([]);
    const row = await env.DB.prepare("SELECT deleted, content, text FROM remote_posts").first();
    expect(row).toEqual({ deleted: 1, content: "", text: "" });
    // A replayed Create does not resurrect it.
    await deliver(bob, create(bob, original));
    expect(await federated(alice)).toEqual([]);

    // Delete arriving before its Create.
    const later = note(bob, "2");
    await deliver(bob, { id: `${bob.id}#del/2`, type: "Delete", actor: bob.id, object: later.id });
    await deliver(bob, create(bob, later));
    expect(await federated(alice)).toEqual([]);
  });

  it("keeps at most the per-actor cap; the remote_posts sweep prunes expired rows and the overall cap", async () => {
    const { bob } = await setup();
    const store = new D1RemotePostStore(drizzle(env.DB), { perActor: 5, total: 3, ttlMs: 60_000, homeActors: 20 });
    const now = new Date();
    for (let i = 0; i < 8; i++) {
      await store.insert(`0190000${i}-0000-7000-8000-000000000000`, "ra-bob", remoteNote(`${bob.id}/statuses/c${i}`), now);
    }
    expect(await count()).toBe(5);
    // Through the worker's sweep (default caps): expired rows go.
    await env.DB.prepare("UPDATE remote_posts SET expires_at = 0 WHERE id < '01900003'").run();
    const batch = createMessageBatch<unknown>("commons-edge-delivery", [
      { id: "s", timestamp: new Date(), attempts: 1, body: { v: 1, kind: "sweep", what: "remote_posts" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["s"]);
    expect(await count()).toBe(5);
    await env.DB.prepare("UPDATE remote_posts SET expires_at = 0 WHERE id < '01900005'").run();
    await worker.queue(
      createMessageBatch<unknown>("commons-edge-delivery", [
        { id: "t", timestamp: new Date(), attempts: 1, body: { v: 1, kind: "sweep", what: "remote_posts" } },
      ]),
      env,
    );
    expect(await count()).toBe(3);
    // The overall cap, with the small store.
    expect(await store.prune(now)).toBe(0);
    await store.insert("01900009-0000-7000-8000-000000000000", "ra-bob", remoteNote(`${bob.id}/statuses/c9`), now);
    expect(await store.prune(now)).toBe(1);
    expect(await count()).toBe(3);
  });
});

function remoteNote(iri: string) {
  return {
    iri,
    url: null,
    content: "<p>x</p>",
    text: "x",
    cw: null,
    visibility: "public" as const,
    inReplyTo: null,
    publishedAt: new Date(),
    updatedAt: null,
    media: [],
    sensitive: false,
  };
}
