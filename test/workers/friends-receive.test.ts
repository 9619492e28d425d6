import { env } from "cloudflare:test";
import { uuidv7 } from "uuidv7";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Client, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes } from "./fake-remote";
import { befriend, inbox, PUBLIC } from "./friends-helpers";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

let n = 0;
function create(author: FakeActor, to: string[], cc: string[]) {
  const id = `${author.id}/notes/${++n}`;
  return {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${id}/activity`,
    type: "Create",
    actor: author.id,
    to,
    cc,
    object: {
      id,
      type: "Note",
      attributedTo: author.id,
      content: `<p>note ${n}</p>`,
      to,
      cc,
      published: new Date().toISOString(),
    },
  };
}

const localPublic = (a: FakeActor, marker = "kmyblue:LocalPublic") => create(a, [`${a.id}/followers`, marker], [PUBLIC]);

const stored = (iri: string) =>
  env.DB.prepare("SELECT visibility FROM remote_posts WHERE iri = ?").bind(iri).first<string>("visibility");

async function follow(username: string, actor: FakeActor) {
  const account = await env.DB.prepare("SELECT id FROM accounts WHERE username = ?").bind(username).first<string>("id");
  const id = uuidv7();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO remote_actors (id, iri, host, handle, inbox, shared_inbox, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0)",
    ).bind(id, actor.id, new URL(actor.id).host, null, actor.inbox, actor.sharedInbox),
    env.DB.prepare(
      "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, ?, 1, 0)",
    ).bind(account, id, `${actor.id}#f`),
  ]);
}

describe("receiving from friend servers and relays", () => {
  it("kmyblue:LocalPublic (or its expanded IRI) is local_public only from an accepted, available friend", async () => {
    const alice = await signUp("alice");
    const friend = await fakeActor("friend.example", "f");
    const paused = await fakeActor("paused.example", "p");
    const stranger = await fakeActor("stranger.example", "s");
    const remote = serveRemotes([friend, paused, stranger]);
    restore = remote.restore;
    await befriend("friend.example");
    await befriend("paused.example", { available: 0 });
    for (const a of [friend, paused, stranger]) await follow("alice", a);

    const fromFriend = localPublic(friend);
    const expanded = localPublic(friend, "http://kmy.blue/ns#LocalPublic");
    const fromPaused = localPublic(paused);
    const fromStranger = localPublic(stranger);
    for (const [a, act] of [
      [friend, fromFriend],
      [friend, expanded],
      [paused, fromPaused],
      [stranger, fromStranger],
    ] as const)
      expect((await inbox(act, a)).status).toBe(202);
    expect(await stored(fromFriend.object.id)).toBe("local_public");
    expect(await stored(expanded.object.id)).toBe("local_public");
    expect(await stored(fromPaused.object.id)).toBe("unlisted");
    expect(await stored(fromStranger.object.id)).toBe("unlisted");

    // The federated timeline shows friends' local_public posts as local_public, never the unlisted ones.
    const { items } = await new Client().json("GET", "/api/timelines/federated");
    expect(items.map((p: { uri: string; visibility: string }) => [p.uri, p.visibility])).toEqual([
      [expanded.object.id, "local_public"],
      [fromFriend.object.id, "local_public"],
    ]);
    // Alice's home timeline has all four.
    expect((await alice.json("GET", "/api/timelines/home")).items).toHaveLength(4);
  });

  it("receive-all admits a friend's posts whose authors nobody here follows; otherwise they are dropped", async () => {
    await signUp("alice");
    const open = await fakeActor("open.example", "o");
    const closed = await fakeActor("closed.example", "c");
    const remote = serveRemotes([open, closed]);
    restore = remote.restore;
    await befriend("open.example", { receive_all: 1 });
    await befriend("closed.example");

    const a = localPublic(open);
    const b = create(open, [PUBLIC], []);
    const unlisted = create(open, [`${open.id}/followers`], [PUBLIC]);
    const c = localPublic(closed);
    for (const act of [a, b, unlisted]) await inbox(act, open);
    await inbox(c, closed);
    expect(await stored(a.object.id)).toBe("local_public");
    expect(await stored(b.object.id)).toBe("public");
    expect(await stored(unlisted.object.id)).toBeNull();
    expect(await stored(c.object.id)).toBeNull();
    const { items } = await new Client().json("GET", "/api/timelines/federated");
    expect(items).toHaveLength(2);
  });

  it("with an accepted relay, relayed public posts feed the federated timeline; unlisted ones do not", async () => {
    await signUp("alice");
    const someone = await fakeActor("far.example", "x");
    const remote = serveRemotes([someone]);
    restore = remote.restore;
    const pub = create(someone, [PUBLIC], []);
    await inbox(pub, someone);
    expect(await stored(pub.object.id)).toBeNull();

    await env.DB.prepare(
      "INSERT INTO relays (id, inbox_url, follow_id, state, created_at) VALUES ('r1', 'https://relay.example/inbox', 'x', 'accepted', 0)",
    ).run();
    const pub2 = create(someone, [PUBLIC], []);
    const unl = create(someone, [`${someone.id}/followers`], [PUBLIC]);
    await inbox(pub2, someone);
    await inbox(unl, someone);
    expect(await stored(pub2.object.id)).toBe("public");
    expect(await stored(unl.object.id)).toBeNull();
    const { items } = await new Client().json("GET", "/api/timelines/federated");
    expect(items.map((p: { uri: string }) => p.uri)).toEqual([pub2.object.id]);
  });
});
