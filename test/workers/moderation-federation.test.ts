import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { uuidv7 } from "uuidv7";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ORIGIN, postAs, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = `${AS}#Public`;
const count = (table: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>("n");

async function deliver(actor: FakeActor, activity: Record<string, unknown>) {
  return exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, { "@context": AS, ...activity }, actor));
}

/** A remote actor the local account follows (accepted), so its public Notes are cached. */
async function followed(accountId: string, actor: FakeActor): Promise<string> {
  const id = uuidv7();
  const host = new URL(actor.id).host;
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO remote_actors (id, iri, host, handle, inbox, shared_inbox, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0)",
    ).bind(id, actor.id, host, `@${actor.document.preferredUsername}@${host}`, actor.inbox, actor.sharedInbox),
    env.DB.prepare(
      "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, ?, 1, 1)",
    ).bind(accountId, id, `${ORIGIN}/follows/${id}`),
  ]);
  return id;
}

function create(actor: FakeActor, n: string) {
  const object = {
    id: `${actor.id}/statuses/${n}`,
    type: "Note",
    attributedTo: actor.id,
    content: `<p>remote ${n}</p>`,
    published: "2026-01-01T00:00:00Z",
    to: [PUBLIC],
    cc: [`${actor.id}/followers`],
  };
  return { id: `${object.id}/activity`, type: "Create", actor: actor.id, object };
}

async function setup() {
  const admin = await signUp("admin");
  const alice = await signUp("alice");
  const aliceId = (await alice.json("GET", "/api/me")).account.id as string;
  const bob = await fakeActor("remote.example", "bob");
  const remote = serveRemotes([bob]);
  restore = remote.restore;
  const bobId = await followed(aliceId, bob);
  return { admin, alice, aliceId, bob, bobId, remote };
}

describe("moderation over ActivityPub", () => {
  it("a signed Flag from a remote server becomes a report, once per Flag id", async () => {
    const { admin, alice, bob } = await setup();
    const post = await postAs(alice, "a post they dislike", { visibility: "public" });
    const flag = {
      id: "https://remote.example/flags/1",
      type: "Flag",
      actor: bob.id,
      object: [`${ORIGIN}/users/alice`, `${ORIGIN}/notes/${post.id}`],
      content: "this is spam",
    };
    expect((await deliver(bob, flag)).status).toBe(202);
    expect((await deliver(bob, flag)).status).toBe(202);
    const { items } = await admin.json("GET", "/api/admin/reports?status=open");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      reporter: null,
      originHost: "remote.example",
      target: { username: "alice", remote: false },
      postId: post.id,
      comment: "this is spam",
      category: "other",
    });
    // An unsigned Flag is refused before anything is stored.
    const unsigned = await exports.default.fetch(
      new Request(`${ORIGIN}/inbox`, {
        method: "POST",
        headers: { "content-type": "application/activity+json" },
        body: JSON.stringify({ "@context": AS, ...flag, id: "https://remote.example/flags/2" }),
      }),
    );
    expect(unsigned.status).toBe(401);
    expect(await count("reports")).toBe(1);
  });

  it("a domain block with rejectReports ignores that server's Flags", async () => {
    const { admin, alice, bob } = await setup();
    const post = await postAs(alice, "a post", { visibility: "public" });
    await admin.json(
      "POST",
      "/api/admin/domain-blocks",
      { domain: "remote.example", severity: "none", rejectReports: true },
      201,
    );
    const flag = { id: "https://remote.example/flags/9", type: "Flag", actor: bob.id, object: [`${ORIGIN}/notes/${post.id}`] };
    expect((await deliver(bob, flag)).status).toBe(202);
    expect(await count("reports")).toBe(0);
  });

  it("a forwarded report about a remote post goes out as a Flag from the instance actor", async () => {
    const { alice, bob, bobId, remote } = await setup();
    expect((await deliver(bob, create(bob, "1"))).status).toBe(202);
    const [cached] = (await alice.json("GET", "/api/timelines/federated")).items;
    expect(cached.author.username).toBe("bob@remote.example");
    const { report } = await alice.json(
      "POST",
      "/api/reports",
      { postId: cached.id, category: "spam", comment: "spam from bob", forward: true },
      201,
    );
    expect(report.forwarded).toBe(true);
    await vi.waitUntil(() => remote.deliveries.some((d) => d.body.type === "Flag"), { timeout: 10_000 });
    const flag = remote.deliveries.find((d) => d.body.type === "Flag");
    expect(flag?.url).toBe("https://remote.example/inbox");
    expect(flag?.body).toMatchObject({ actor: `${ORIGIN}/actor`, content: "spam from bob" });
    expect(flag?.body.object).toEqual([bob.id, `${bob.id}/statuses/1`]);
    expect(flag?.headers.get("signature") ?? flag?.headers.get("signature-input")).toBeTruthy();
    // Not forwarded unless asked.
    await alice.json("POST", "/api/reports", { accountId: bobId, category: "abuse" }, 201);
    await new Promise((r) => setTimeout(r, 500));
    expect(remote.deliveries.filter((d) => d.body.type === "Flag")).toHaveLength(1);
  });

  it("silencing a remote actor hides it from the federated timeline; suspending drops its content and refuses its activities", async () => {
    const { admin, alice, aliceId, bob, bobId } = await setup();
    await deliver(bob, create(bob, "1"));
    expect((await alice.json("GET", "/api/timelines/federated")).items).toHaveLength(1);
    await admin.json("POST", `/api/admin/accounts/${bobId}/actions`, { type: "silence", reason: "noisy" });
    expect((await alice.json("GET", "/api/timelines/federated")).items).toHaveLength(0);
    expect((await admin.post(`/api/admin/accounts/${bobId}/actions`, { type: "warn" })).status).toBe(400);

    await admin.json("POST", `/api/admin/accounts/${bobId}/actions`, { type: "suspend", reason: "spam" });
    expect(await count("remote_posts")).toBe(0);
    expect(await count("remote_followings")).toBe(0);
    // Their activities are dropped after verification: nothing is stored.
    // Even with a follow in place again, their activities are dropped after verification.
    const refollow = () =>
      env.DB.prepare(
        "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, 'x', 1, 1)",
      )
        .bind(aliceId, bobId)
        .run();
    await refollow();
    expect((await deliver(bob, create(bob, "2"))).status).toBe(202);
    expect(await count("remote_posts")).toBe(0);
    // Unsuspended, their next activity is taken.
    await admin.json("POST", `/api/admin/accounts/${bobId}/actions`, { type: "unsuspend", reason: "" });
    await admin.json("POST", `/api/admin/accounts/${bobId}/actions`, { type: "unsilence", reason: "" });
    expect((await deliver(bob, create(bob, "3"))).status).toBe(202);
    expect(await count("remote_posts")).toBe(1);
    const entry = (await admin.json("GET", "/api/admin/audit-log")).items.find((e: any) => e.action === "suspend");
    expect(entry).toMatchObject({ action: "suspend", targetType: "remote_actor", targetLabel: "@bob@remote.example" });
  });

  it("suspending a local account sends Delete of the actor to the servers that follow it", async () => {
    const { admin, aliceId, bob, remote } = await setup();
    const account = (await env.DB.prepare("SELECT id FROM remote_actors").first<string>("id")) as string;
    await env.DB.prepare("INSERT INTO remote_follows (account_id, remote_actor_id, created_at) VALUES (?, ?, 1)")
      .bind(aliceId, account)
      .run();
    await admin.json("POST", `/api/admin/accounts/${aliceId}/actions`, { type: "suspend", reason: "illegal" });
    await vi.waitUntil(() => remote.deliveries.some((d) => d.body.type === "Delete"), { timeout: 10_000 });
    const del = remote.deliveries.find((d) => d.body.type === "Delete");
    expect(del?.url).toBe(bob.sharedInbox);
    expect(del?.body).toMatchObject({ actor: `${ORIGIN}/users/alice`, object: `${ORIGIN}/users/alice` });
  });
});
