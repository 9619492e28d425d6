import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Client, ORIGIN, postAs, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = `${AS}#Public`;

async function deliver(actor: FakeActor, activity: Record<string, unknown>, status = 202) {
  const res = await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, { "@context": AS, ...activity }, actor));
  expect(res.status).toBe(status);
}

const announce = (by: FakeActor, object: unknown, n = "1") => ({
  id: `${by.id}/announces/${n}`,
  type: "Announce",
  actor: by.id,
  object,
  to: [PUBLIC],
  cc: [`${by.id}/followers`],
  published: "2026-01-03T00:00:00Z",
});

async function followRemote(c: Client, actor: FakeActor) {
  const me = (await c.json<{ account: { id: string } }>("GET", "/api/me")).account.id;
  const id = `ra-${actor.document.preferredUsername}`;
  await env.DB.batch([
    env.DB.prepare(
      "INSERT OR IGNORE INTO remote_actors (id, iri, host, handle, inbox, updated_at) VALUES (?, ?, ?, ?, ?, 0)",
    ).bind(id, actor.id, new URL(actor.id).host, `@${actor.document.preferredUsername}@${new URL(actor.id).host}`, actor.inbox),
    env.DB.prepare(
      "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, 'f', 1, 1)",
    ).bind(me, id),
  ]);
}

interface Item {
  id: string;
  text: string;
  remote?: boolean;
  author: { username: string };
  boostOf: { text: string; uri: string; author: { username: string } } | null;
}
const home = async (c: Client) => (await c.json<{ items: Item[] }>("GET", "/api/timelines/home")).items;

describe("inbound Announce", () => {
  it("of a local post: counts as a boost and notifies the author, once; Undo withdraws it", async () => {
    const alice = await signUp("alice");
    const post = await postAs(alice, "boost me");
    const bob = await fakeActor("remote.example", "bob");
    restore = serveRemotes([bob]).restore;
    await deliver(bob, announce(bob, `${ORIGIN}/notes/${post.id}`));
    await deliver(bob, announce(bob, `${ORIGIN}/notes/${post.id}`));
    const seen = await alice.json<{ post: { boostsCount: number } }>("GET", `/api/posts/${post.id}`);
    expect(seen.post.boostsCount).toBe(1);
    const notes = (
      await alice.json<{ items: { type: string; account: { acct: string }; post: { id: string } }[] }>(
        "GET",
        "/api/notifications",
      )
    ).items;
    expect(notes.map((n) => [n.type, n.account.acct, n.post.id])).toEqual([["boost", "bob@remote.example", post.id]]);

    await deliver(bob, { id: `${bob.id}#undo/1`, type: "Undo", actor: bob.id, object: `${bob.id}/announces/1` });
    expect((await alice.json<{ post: { boostsCount: number } }>("GET", `/api/posts/${post.id}`)).post.boostsCount).toBe(0);
  });

  it("refuses boosts of posts the actor may not see (followers-only, direct)", async () => {
    const alice = await signUp("alice");
    const secret = await postAs(alice, "followers only", { visibility: "followers" });
    const bob = await fakeActor("remote.example", "bob");
    restore = serveRemotes([bob]).restore;
    await deliver(bob, announce(bob, `${ORIGIN}/notes/${secret.id}`));
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM remote_boosts").first("n")).toBe(0);
  });

  it("of a remote Note by a followed actor: in home as a boost; the Note fetched from its own server", async () => {
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const carol = await fakeActor("other.example", "carol");
    const note = {
      "@context": AS,
      id: `${carol.id}/notes/7`,
      type: "Note",
      attributedTo: carol.id,
      content: "<p>the real note</p>",
      to: [PUBLIC],
      published: "2026-01-02T00:00:00Z",
    };
    const remote = serveRemotes([bob, carol]);
    restore = remote.restore;
    // carol's server serves the Note at its id.
    const served = vi.spyOn(globalThis, "fetch");
    const inner = served.getMockImplementation();
    served.mockImplementation(async (input, init) => {
      const url = new Request(input as RequestInfo, init).url;
      if (url === note.id)
        return new Response(JSON.stringify(note), { headers: { "content-type": "application/activity+json" } });
      return inner ? inner(input, init) : new Response(null, { status: 404 });
    });
    await followRemote(alice, bob);
    // bob embeds a forged copy of carol's note: it is ignored and the real one fetched.
    await deliver(bob, announce(bob, { ...note, content: "<p>forged</p>" }));
    await deliver(bob, announce(bob, { ...note, content: "<p>forged</p>" }));
    const items = await home(alice);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      remote: true,
      author: { username: "bob@remote.example" },
      boostOf: { text: "the real note", uri: note.id, author: { username: "carol@other.example" } },
    });
    // Not on the federated timeline as a post of its own; the original is.
    const federated = (await alice.json<{ items: Item[] }>("GET", "/api/timelines/federated")).items;
    expect(federated.map((p) => p.text)).toEqual(["the real note"]);

    await deliver(bob, {
      id: `${bob.id}#undo/1`,
      type: "Undo",
      actor: bob.id,
      object: announce(bob, note.id),
    });
    expect(await home(alice)).toEqual([]);
  });

  it("ignores Announces from actors nobody here follows, and Undo by someone else", async () => {
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const carol = await fakeActor("other.example", "carol");
    restore = serveRemotes([bob, carol]).restore;
    await deliver(carol, announce(carol, `${bob.id}/notes/1`));
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM remote_posts").first("n")).toBe(0);
    const post = await postAs(alice, "hi");
    await deliver(bob, announce(bob, `${ORIGIN}/notes/${post.id}`));
    // carol cannot withdraw bob's boost.
    await deliver(carol, { id: `${carol.id}#undo/1`, type: "Undo", actor: carol.id, object: `${bob.id}/announces/1` });
    expect((await alice.json<{ post: { boostsCount: number } }>("GET", `/api/posts/${post.id}`)).post.boostsCount).toBe(1);
    // An Announce claiming to be bob's but signed by carol is refused outright.
    await deliver(carol, { ...announce(bob, `${ORIGIN}/notes/${post.id}`, "2") }, 401);
  });
});
