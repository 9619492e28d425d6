import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ORIGIN, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = `${AS}#Public`;

async function deliver(actor: FakeActor, activity: Record<string, unknown>) {
  const res = await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, { "@context": AS, ...activity }, actor));
  expect(res.status).toBe(202);
}

function note(actor: FakeActor, n: string, content: string, extra: Record<string, unknown> = {}) {
  const id = `${actor.id}/statuses/${n}`;
  return { id, type: "Note", attributedTo: actor.id, content, to: [PUBLIC], published: "2026-01-01T00:00:00Z", ...extra };
}

describe("search over cached remote posts", () => {
  it("finds public cached posts by text (trigram and short queries), not unlisted or deleted ones, and follows edits", async () => {
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    restore = serveRemotes([bob]).restore;
    const me = await alice.json<{ account: { id: string } }>("GET", "/api/me");
    await env.DB.prepare(
      "INSERT INTO remote_actors (id, iri, host, handle, name, inbox, updated_at) VALUES ('ra-bob', ?, 'remote.example', '@bob@remote.example', 'Bob', ?, 0)",
    )
      .bind(bob.id, bob.inbox)
      .run();
    await env.DB.prepare(
      "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, 'ra-bob', 'f', 1, 1)",
    )
      .bind(me.account.id)
      .run();
    await alice.json("POST", "/api/posts", { text: "local 東京タワー post" }, 201);
    const pub = note(bob, "1", "<p>東京タワーの夜景 &amp; more</p>");
    await deliver(bob, { id: `${pub.id}/a`, type: "Create", actor: bob.id, object: pub });
    const unlisted = note(bob, "2", "<p>東京タワー unlisted</p>", { to: [`${bob.id}/followers`], cc: [PUBLIC] });
    await deliver(bob, { id: `${unlisted.id}/a`, type: "Create", actor: bob.id, object: unlisted });

    type Found = { posts: { text: string; remote?: boolean; uri: string }[] };
    const search = (q: string) => alice.json<Found>("GET", `/api/search?q=${encodeURIComponent(q)}&type=posts`);
    const long = await search("タワーの");
    expect(long.posts.map((p) => p.uri)).toEqual([pub.id]);
    expect(long.posts[0]).toMatchObject({ remote: true, text: "東京タワーの夜景 & more" });
    const short = await search("夜景");
    expect(short.posts.map((p) => p.uri)).toEqual([pub.id]);
    const both = await search("東京タワー");
    expect(both.posts).toHaveLength(2); // ours and bob's public one, not the unlisted one
    expect(both.posts.some((p) => p.uri === unlisted.id)).toBe(false);
    // Anonymous visitors find public remote posts too.
    const anon = await exports.default.fetch(new Request(`${ORIGIN}/api/search?q=${encodeURIComponent("夜景")}`));
    expect(((await anon.json()) as Found).posts).toHaveLength(1);

    await deliver(bob, {
      id: `${pub.id}/u`,
      type: "Update",
      actor: bob.id,
      object: { ...pub, content: "<p>スカイツリーの夜景</p>", updated: "2026-01-02T00:00:00Z" },
    });
    expect((await search("タワーの")).posts).toHaveLength(0);
    expect((await search("スカイツリー")).posts.map((p) => p.uri)).toEqual([pub.id]);

    await deliver(bob, { id: `${pub.id}/d`, type: "Delete", actor: bob.id, object: pub.id });
    expect((await search("スカイツリー")).posts).toHaveLength(0);
    // The index holds nothing of rows the cache dropped.
    await env.DB.prepare("DELETE FROM remote_posts").run();
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM remote_posts_fts WHERE remote_posts_fts MATCH '\"東京タワー\"'").first("n"),
    ).toBe(0);
  });
});
