import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ORIGIN, postAs, signUp } from "./client";
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

async function deliver(actor: FakeActor, activity: Record<string, unknown>, status = 202) {
  const res = await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, { "@context": AS, ...activity }, actor));
  expect(res.status).toBe(status);
}
const count = (table: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>("n");
const cached = (iri: string) =>
  env.DB.prepare("SELECT name, summary, avatar_url, deleted_at IS NOT NULL AS deleted FROM remote_actors WHERE iri = ?")
    .bind(iri)
    .first();

/** bob follows alice (Follow through the inbox, so bob is cached). */
async function bobFollowsAlice(bob: FakeActor) {
  await deliver(bob, { id: `${bob.id}#follows/1`, type: "Follow", actor: bob.id, object: `${ORIGIN}/users/alice` });
}

const updated = (actor: FakeActor, extra: Record<string, unknown>) => ({
  id: `${actor.id}#updates/1`,
  type: "Update",
  actor: actor.id,
  object: { ...actor.document, ...extra },
});

describe("remote actor Update and Delete", () => {
  it("Update(Person) by the actor refreshes the cached profile, sanitised", async () => {
    await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    ({ restore, settle } = serveRemotes([bob]));
    await bobFollowsAlice(bob);
    await deliver(
      bob,
      updated(bob, {
        name: "Robert",
        summary: '<p>new bio<script>alert(1)</script><a href="javascript:x">x</a></p>',
        icon: { type: "Image", url: "https://remote.example/avatars/2.png" },
      }),
    );
    expect(await cached(bob.id)).toEqual({
      name: "Robert",
      summary: expect.not.stringMatching(/script|javascript/),
      avatar_url: "https://remote.example/avatars/2.png",
      deleted: 0,
    });
  });

  it("refuses an Update of someone else's actor, and one for an actor never cached", async () => {
    await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const carol = await fakeActor("other.example", "carol");
    ({ restore, settle } = serveRemotes([bob, carol]));
    await bobFollowsAlice(bob);
    // carol, signing as herself, sends bob's document: ignored.
    await deliver(carol, { ...updated(bob, { name: "Hijacked" }), actor: carol.id });
    // carol's signature on an activity claiming bob as its actor: refused.
    await deliver(carol, updated(bob, { name: "Hijacked" }), 401);
    expect((await cached(bob.id))?.name).toBe("BOB");
    // carol is not cached: her Update stores nothing.
    await deliver(carol, updated(carol, { name: "Carol" }));
    expect(await cached(carol.id)).toBeNull();
  });

  it("Delete of the actor by itself removes its follows, reactions, posts and tombstones it", async () => {
    const alice = await signUp("alice");
    const post = await postAs(alice, "hello");
    const bob = await fakeActor("remote.example", "bob");
    const carol = await fakeActor("other.example", "carol");
    ({ restore, settle } = serveRemotes([bob, carol]));
    await bobFollowsAlice(bob);
    const aliceId = (await alice.json<{ account: { id: string } }>("GET", "/api/me")).account.id;
    const bobId = await env.DB.prepare("SELECT id FROM remote_actors WHERE iri = ?").bind(bob.id).first<string>("id");
    await env.DB.prepare(
      "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, 'f', 1, 1)",
    )
      .bind(aliceId, bobId)
      .run();
    await deliver(bob, { id: `${bob.id}#likes/1`, type: "Like", actor: bob.id, object: `${ORIGIN}/notes/${post.id}` });
    const note = (n: string) => ({
      id: `${bob.id}/notes/${n}`,
      type: "Note",
      attributedTo: bob.id,
      content: `<p>${n}</p>`,
      to: [PUBLIC],
    });
    await deliver(bob, { id: `${bob.id}/notes/1/activity`, type: "Create", actor: bob.id, object: note("1") });
    expect(await count("remote_posts")).toBe(1);
    expect((await alice.json<{ post: { reactionsCount: number } }>("GET", `/api/posts/${post.id}`)).post.reactionsCount).toBe(1);

    // carol cannot delete bob.
    await deliver(carol, { id: `${carol.id}#delete`, type: "Delete", actor: carol.id, object: bob.id });
    expect(await count("remote_follows")).toBe(1);

    await deliver(bob, { id: `${bob.id}#delete`, type: "Delete", actor: bob.id, object: { id: bob.id, type: "Tombstone" } });
    expect(await count("remote_follows")).toBe(0);
    expect(await count("remote_followings")).toBe(0);
    expect(await count("remote_reactions")).toBe(0);
    expect(await count("remote_posts")).toBe(0);
    expect((await alice.json<{ post: { reactionsCount: number } }>("GET", `/api/posts/${post.id}`)).post.reactionsCount).toBe(0);
    expect(await cached(bob.id)).toMatchObject({ name: null, deleted: 1 });
    // Nothing later from it is taken, and it cannot be revived.
    await deliver(bob, { id: `${bob.id}/notes/2/activity`, type: "Create", actor: bob.id, object: note("2") });
    await bobFollowsAlice(bob);
    await deliver(bob, updated(bob, { name: "Back" }));
    expect(await count("remote_posts")).toBe(0);
    expect(await count("remote_follows")).toBe(0);
    expect(await cached(bob.id)).toMatchObject({ name: null, deleted: 1 });
    await alice.json("GET", "/api/accounts/@bob@remote.example", undefined, 404);
  });
});
