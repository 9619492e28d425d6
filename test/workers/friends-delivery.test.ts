import { env } from "cloudflare:test";
import { uuidv7 } from "uuidv7";
import { afterEach, describe, expect, it, vi } from "vitest";
import { postAs, signUp } from "./client";
import { type Delivery, type FakeActor, fakeActor, serveRemotes } from "./fake-remote";
import { befriend, PUBLIC, settle } from "./friends-helpers";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const LOCAL_PUBLIC = "kmyblue:LocalPublic";

async function addRemoteFollower(username: string, actor: FakeActor) {
  const account = await env.DB.prepare("SELECT id FROM accounts WHERE username = ?").bind(username).first<string>("id");
  const id = uuidv7();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO remote_actors (id, iri, host, handle, inbox, shared_inbox, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0)",
    ).bind(id, actor.id, new URL(actor.id).host, null, actor.inbox, actor.sharedInbox),
    env.DB.prepare("INSERT INTO remote_follows (account_id, remote_actor_id, created_at) VALUES (?, ?, ?)").bind(
      account,
      id,
      Date.now(),
    ),
  ]);
}

const asList = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
/** Which variant a server got: "local_public" (kmyblue marker in to), "public", or "unlisted". */
function variant(d: Delivery): string {
  const note = d.body.object as { to?: unknown; cc?: unknown };
  const to = asList(note.to);
  if (to.includes(LOCAL_PUBLIC)) return "local_public";
  if (to.some((t) => t === PUBLIC || t === "as:Public")) return "public";
  return asList(note.cc).some((t) => t === PUBLIC || t === "as:Public") ? "unlisted" : "other";
}

const byHost = (deliveries: Delivery[]) => Object.fromEntries(deliveries.map((d) => [d.host, variant(d)]));

describe("delivery to friend servers and relays", () => {
  it("each server gets exactly one variant; friends with local-public sharing get local_public, everyone else unlisted", async () => {
    const alice = await signUp("alice");
    const lp = await Promise.all(["a1", "a2"].map((n) => fakeActor("lp.example", n)));
    const off = await fakeActor("off.example", "o1");
    const plain = await fakeActor("plain.example", "p1");
    const paused = await fakeActor("paused.example", "z1");
    const all = await fakeActor("all.example", "actor");
    const relay = await fakeActor("relay.example", "actor");
    for (const a of [...lp, off, plain, paused]) await addRemoteFollower("alice", a);
    await befriend("lp.example");
    await befriend("off.example", { deliver_local_public: 0 });
    await befriend("paused.example", { available: 0, send_all: 1 });
    await befriend("all.example", { send_all: 1 });
    await env.DB.prepare(
      "INSERT INTO relays (id, inbox_url, actor_iri, follow_id, state, created_at) VALUES ('r1', 'https://relay.example/inbox', ?, 'x', 'accepted', 0)",
    )
      .bind(relay.id)
      .run();
    const remote = serveRemotes([...lp, off, plain, paused, all, relay]);
    restore = remote.restore;

    await postAs(alice, "for my friends", { visibility: "local_public" });
    await settle(remote.deliveries, 5);
    // 5 servers, 5 deliveries: lp.example once although two followers live there; no relay.
    expect(remote.deliveries).toHaveLength(5);
    expect(byHost(remote.deliveries)).toEqual({
      "lp.example": "local_public",
      "off.example": "unlisted",
      "plain.example": "unlisted",
      "paused.example": "unlisted",
      "all.example": "local_public",
    });
    const friendNote = remote.deliveries.find((d) => d.host === "lp.example")?.body.object as Record<string, unknown>;
    expect(asList(friendNote.to)).toEqual(["http://127.0.0.1:8787/users/alice/followers", LOCAL_PUBLIC]);
    expect(asList(friendNote.cc)).toContain(PUBLIC);

    // A public post: one public delivery per server, the send-all friend and the relay included.
    remote.deliveries.length = 0;
    await postAs(alice, "for everyone", { visibility: "public" });
    await settle(remote.deliveries, 6);
    expect(remote.deliveries).toHaveLength(6);
    expect(new Set(Object.values(byHost(remote.deliveries)))).toEqual(new Set(["public"]));
    expect(Object.keys(byHost(remote.deliveries)).sort()).toEqual(
      ["all.example", "lp.example", "off.example", "paused.example", "plain.example", "relay.example"].sort(),
    );

    // Unlisted: followers only (no send-all, no relay).
    remote.deliveries.length = 0;
    await postAs(alice, "quietly", { visibility: "unlisted" });
    await settle(remote.deliveries, 4);
    expect(Object.keys(byHost(remote.deliveries)).sort()).toEqual(
      ["lp.example", "off.example", "paused.example", "plain.example"].sort(),
    );
  });

  it("members-only community posts never go to friends or relays", async () => {
    const alice = await signUp("alice");
    const all = await fakeActor("all.example", "actor");
    const relay = await fakeActor("relay.example", "actor");
    await befriend("all.example", { send_all: 1 });
    await env.DB.prepare(
      "INSERT INTO relays (id, inbox_url, follow_id, state, created_at) VALUES ('r1', 'https://relay.example/inbox', 'x', 'accepted', 0)",
    ).run();
    const remote = serveRemotes([all, relay]);
    restore = remote.restore;
    const { community } = await alice.json(
      "POST",
      "/api/communities",
      { name: "club", title: "Club", visibility: "members" },
      201,
    );
    await postAs(alice, "members only", { communityId: community.id, visibility: "public" });
    await new Promise((r) => setTimeout(r, 1500));
    expect(remote.deliveries).toHaveLength(0);
    // A profile post does go out (the setup is live).
    await postAs(alice, "hello", { visibility: "public" });
    await settle(remote.deliveries, 2);
    expect(remote.deliveries).toHaveLength(2);
  });
});
