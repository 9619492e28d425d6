import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Client, ORIGIN, postAs, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
let settle: (() => Promise<void>) | undefined;
afterEach(async () => {
  // Deliveries this test queued (Accepts, Creates to followers) land before the stub goes.
  await settle?.();
  restore?.();
  restore = undefined;
  settle = undefined;
});

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = `${AS}#Public`;

async function deliver(actor: FakeActor, activity: Record<string, unknown>) {
  const res = await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, { "@context": AS, ...activity }, actor));
  expect(res.status).toBe(202);
}

const create = (actor: FakeActor, object: Record<string, unknown>) => ({
  id: `${object.id}/activity`,
  type: "Create",
  actor: actor.id,
  object,
});

interface Notice {
  type: string;
  account?: { acct: string; username: string; remote?: boolean };
  post?: { id: string; text: string; remote?: boolean; visibility: string };
}
const notices = async (c: Client) => (await c.json<{ items: Notice[] }>("GET", "/api/notifications")).items;
const home = async (c: Client) =>
  (await c.json<{ items: { text: string; visibility: string }[] }>("GET", "/api/timelines/home")).items;

describe("inbound mentions", () => {
  it("a public Note mentioning a local user notifies them, from the remote actor, with the post", async () => {
    const alice = await signUp("alice");
    const carol = await fakeActor("other.example", "carol");
    ({ restore, settle } = serveRemotes([carol]));
    const note = {
      id: `${carol.id}/notes/1`,
      type: "Note",
      attributedTo: carol.id,
      content: `<p><span class="h-card"><a href="${ORIGIN}/@alice" class="u-url mention">@<span>alice</span></a></span> hi</p>`,
      to: [PUBLIC],
      cc: [`${carol.id}/followers`, `${ORIGIN}/users/alice`],
      tag: [{ type: "Mention", href: `${ORIGIN}/users/alice`, name: `@alice@127.0.0.1:8787` }],
    };
    await deliver(carol, create(carol, note));
    await deliver(carol, create(carol, note));
    const [n, ...rest] = await notices(alice);
    expect(rest).toEqual([]);
    expect(n).toMatchObject({
      type: "mention",
      account: { acct: "carol@other.example", username: "carol@other.example", remote: true },
      post: { text: "@alice hi", remote: true, visibility: "public" },
    });
    expect((await home(alice)).map((p) => p.text)).toEqual(["@alice hi"]);
  });

  it("a direct Note is readable only by the local users it addresses", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await fakeActor("other.example", "carol");
    ({ restore, settle } = serveRemotes([carol]));
    // Bob follows carol: her direct post to alice still must not reach him.
    await env.DB.prepare(
      "INSERT INTO remote_actors (id, iri, host, handle, inbox, updated_at) VALUES ('ra-carol', ?, 'other.example', '@carol@other.example', ?, 0)",
    )
      .bind(carol.id, carol.inbox)
      .run();
    const bobId = (await bob.json<{ account: { id: string } }>("GET", "/api/me")).account.id;
    await env.DB.prepare(
      "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, 'ra-carol', 'f', 1, 1)",
    )
      .bind(bobId)
      .run();
    await deliver(
      carol,
      create(carol, {
        id: `${carol.id}/notes/secret`,
        type: "Note",
        attributedTo: carol.id,
        content: "<p>just for alice</p>",
        to: `${ORIGIN}/users/alice`,
        tag: { type: "Mention", href: `${ORIGIN}/users/alice` },
      }),
    );
    expect((await home(alice)).map((p) => [p.text, p.visibility])).toEqual([["just for alice", "direct"]]);
    expect(await home(bob)).toEqual([]);
    expect((await notices(alice)).map((n) => n.type)).toEqual(["mention"]);
    expect(await notices(bob)).toEqual([]);
    expect((await alice.json<{ items: unknown[] }>("GET", "/api/timelines/federated")).items).toEqual([]);
  });

  it("a reply to a local post notifies its author as a reply", async () => {
    const alice = await signUp("alice");
    const post = await postAs(alice, "question?");
    const carol = await fakeActor("other.example", "carol");
    ({ restore, settle } = serveRemotes([carol]));
    await deliver(
      carol,
      create(carol, {
        id: `${carol.id}/notes/answer`,
        type: "Note",
        attributedTo: carol.id,
        content: "<p>answer</p>",
        inReplyTo: `${ORIGIN}/notes/${post.id}`,
        to: [PUBLIC],
        cc: [`${ORIGIN}/users/alice`],
        tag: [{ type: "Mention", href: `${ORIGIN}/users/alice` }],
      }),
    );
    expect((await notices(alice)).map((n) => [n.type, n.post?.text])).toEqual([["reply", "answer"]]);
  });

  it("a mention flood is handled without crashing: at most 32 local lookups, unknown names ignored", async () => {
    const alice = await signUp("alice");
    const carol = await fakeActor("other.example", "carol");
    ({ restore, settle } = serveRemotes([carol]));
    // With the mention caps raised out of the way (they would drop this Note: policies.test.ts),
    // the lookups themselves are what stays bounded.
    await alice.json("PATCH", "/api/admin/settings", { mentionLimit: 1000, strangerMentionLimit: 1000 });
    const names = Array.from({ length: 200 }, (_, i) => `${ORIGIN}/users/nobody${i}`);
    await deliver(
      carol,
      create(carol, {
        id: `${carol.id}/notes/spam`,
        type: "Note",
        attributedTo: carol.id,
        content: "<p>spam</p>",
        to: [PUBLIC],
        cc: [`${ORIGIN}/users/alice`, ...names],
        tag: [`${ORIGIN}/users/alice`, ...names].map((href) => ({ type: "Mention", href })),
      }),
    );
    expect((await notices(alice)).map((n) => n.type)).toEqual(["mention"]);
  });
});

describe("outbound mentions and replies to remote posts", () => {
  async function setup() {
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const carol = await fakeActor("other.example", "carol");
    const remote = serveRemotes([bob, carol]);
    ({ restore, settle } = remote);
    // carol follows alice (a remote follower on another server).
    const aliceId = (await alice.json<{ account: { id: string } }>("GET", "/api/me")).account.id;
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO remote_actors (id, iri, host, handle, inbox, shared_inbox, updated_at) VALUES ('ra-carol', ?, 'other.example', '@carol@other.example', ?, ?, 0)",
      ).bind(carol.id, carol.inbox, carol.sharedInbox),
      env.DB.prepare("INSERT INTO remote_follows (account_id, remote_actor_id, created_at) VALUES (?, 'ra-carol', 1)").bind(
        aliceId,
      ),
    ]);
    return { alice, aliceId, bob, carol, remote };
  }
  const pause = () => new Promise((r) => setTimeout(r, 500));

  it("@user@host is resolved by WebFinger, tagged, cc'd and delivered to the mentioned actor and followers", async () => {
    const { alice, bob, remote } = await setup();
    await postAs(alice, "hello @bob@remote.example!");
    await vi.waitUntil(() => remote.deliveries.length >= 2, { timeout: 10_000 });
    const toBob = remote.deliveries.find((d) => d.host === "remote.example");
    const note = toBob?.body.object as Record<string, unknown>;
    expect(toBob?.body.type).toBe("Create");
    expect(note.to).toEqual(PUBLIC);
    expect(note.cc).toEqual([`${ORIGIN}/users/alice/followers`, bob.id]);
    expect(note.tag).toEqual({ type: "Mention", href: bob.id, name: "@bob@remote.example" });
    expect(note.content).toContain(`<a href="${bob.id}" class="u-url mention">@<span>bob</span></a>`);
    expect(remote.deliveries.some((d) => d.host === "other.example")).toBe(true);
  });

  it("a direct post goes to the mentioned actors only, never Public or followers", async () => {
    const { alice, bob, remote } = await setup();
    await postAs(alice, "psst @bob@remote.example", { visibility: "direct" });
    await vi.waitUntil(() => remote.deliveries.length >= 1, { timeout: 10_000 });
    await pause();
    expect(remote.deliveries.map((d) => d.host)).toEqual(["remote.example"]);
    const note = remote.deliveries[0]?.body.object as Record<string, unknown>;
    expect(note.to).toEqual(bob.id);
    expect(note.cc).toBeUndefined();
    expect(JSON.stringify(remote.deliveries[0]?.body)).not.toContain("Public");
    expect(JSON.stringify(remote.deliveries[0]?.body)).not.toContain("followers");
  });

  it("replies to a cached remote post: inReplyTo its Note, its author mentioned and delivered to", async () => {
    const { alice, aliceId, bob, remote } = await setup();
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO remote_actors (id, iri, host, handle, inbox, updated_at) VALUES ('ra-bob', ?, 'remote.example', '@bob@remote.example', ?, 0)",
      ).bind(bob.id, bob.inbox),
      env.DB.prepare(
        "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, 'ra-bob', 'f', 1, 1)",
      ).bind(aliceId),
    ]);
    const note = {
      id: `${bob.id}/notes/q`,
      type: "Note",
      attributedTo: bob.id,
      content: "<p>a question</p>",
      to: [PUBLIC],
      cc: [`${bob.id}/followers`],
    };
    await deliver(bob, create(bob, note));
    const [cached] = (await alice.json<{ items: { id: string; remote: boolean }[] }>("GET", "/api/timelines/home")).items;
    expect(cached?.remote).toBe(true);

    const reply = await postAs(alice, "an answer", { replyToId: cached?.id });
    expect(reply).toMatchObject({ replyToId: null, inReplyToUri: note.id });
    await vi.waitUntil(() => remote.deliveries.some((d) => d.host === "remote.example"), { timeout: 10_000 });
    const toBob = remote.deliveries.find((d) => d.host === "remote.example");
    const sent = toBob?.body.object as Record<string, unknown>;
    expect(sent.inReplyTo).toBe(note.id);
    expect(sent.tag).toEqual({ type: "Mention", href: bob.id, name: "@bob@remote.example" });
    expect(sent.cc).toEqual([`${ORIGIN}/users/alice/followers`, bob.id]);
    // The Note we serve says the same.
    const served = await exports.default.fetch(
      new Request(`${ORIGIN}/notes/${reply.id}`, { headers: { accept: "application/activity+json" } }),
    );
    expect(((await served.json()) as Record<string, unknown>).inReplyTo).toBe(note.id);
  });

  it("cannot reply to a remote post the viewer may not read", async () => {
    const { alice, carol } = await setup();
    const dave = await signUp("dave");
    await deliver(
      carol,
      create(carol, {
        id: `${carol.id}/notes/dm`,
        type: "Note",
        attributedTo: carol.id,
        content: "<p>for alice</p>",
        to: [`${ORIGIN}/users/alice`],
        tag: [{ type: "Mention", href: `${ORIGIN}/users/alice` }],
      }),
    );
    const [dm] = (await alice.json<{ items: { id: string }[] }>("GET", "/api/timelines/home")).items;
    await dave.json("POST", "/api/posts", { text: "hi", replyToId: dm?.id }, 404);
    await alice.json("POST", "/api/posts", { text: "thanks", replyToId: dm?.id, visibility: "direct" }, 201);
  });
});
