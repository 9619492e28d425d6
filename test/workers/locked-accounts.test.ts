import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Client, ORIGIN, postAs, signUp } from "./client";
import { fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const count = (table: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>("n");

interface Req {
  id: string;
  account: { username: string; acct: string; remote?: boolean };
}
const requests = async (c: Client) => (await c.json<{ items: Req[] }>("GET", "/api/follow-requests")).items;
const notificationTypes = async (c: Client) =>
  (await c.json<{ items: { type: string; account?: { acct: string } }[] }>("GET", "/api/notifications")).items;

async function lockedAlice() {
  const alice = await signUp("alice");
  const me = await alice.json<{ account: { locked: boolean } }>("PATCH", "/api/me", { locked: true });
  expect(me.account.locked).toBe(true);
  return alice;
}

describe("locked accounts", () => {
  it("a local follow becomes a request; accepting makes it a follow, rejecting drops it", async () => {
    const alice = await lockedAlice();
    await postAs(alice, "hello followers", { visibility: "followers" });
    const bob = await signUp("bob");
    const carol = await signUp("carol");

    const r = await bob.json<{ relationship: { following: boolean; requested: boolean } }>("POST", "/api/follows", {
      target: "alice",
    });
    expect(r.relationship).toMatchObject({ following: false, requested: true });
    // Asking twice is one request and one notification.
    await bob.json("POST", "/api/follows", { target: "alice" });
    await carol.json("POST", "/api/follows", { target: "alice" });
    const profile = await bob.json<{ account: { locked: boolean; relationship: { requested: boolean } } }>(
      "GET",
      "/api/accounts/alice",
    );
    expect(profile.account).toMatchObject({ locked: true, relationship: { requested: true, following: false } });

    const pending = await requests(alice);
    expect(pending.map((p) => p.account.username)).toEqual(["carol", "bob"]);
    expect((await notificationTypes(alice)).map((n) => n.type)).toEqual(["follow_request", "follow_request"]);
    // Only the owner sees and answers them.
    expect(await requests(bob)).toEqual([]);
    await bob.json("POST", `/api/follow-requests/${pending[1]?.id}/accept`, undefined, 404);

    await alice.json("POST", `/api/follow-requests/${pending[1]?.id}/accept`, undefined, 204);
    await alice.json("POST", `/api/follow-requests/${pending[1]?.id}/accept`, undefined, 404);
    await alice.json("POST", `/api/follow-requests/${pending[0]?.id}/reject`, undefined, 204);
    expect(await requests(alice)).toEqual([]);
    // Accepting is not news to alice: no "followed you" on top of the request.
    expect((await notificationTypes(alice)).map((n) => n.type)).toEqual(["follow_request", "follow_request"]);

    const bobView = await bob.json<{ account: { relationship: unknown; followersCount: number } }>("GET", "/api/accounts/alice");
    expect(bobView.account.relationship).toMatchObject({ following: true, requested: false });
    expect(bobView.account.followersCount).toBe(1);
    // The accepted follower gets the followers-only backlog.
    const home = await bob.json<{ items: { text: string }[] }>("GET", "/api/timelines/home");
    expect(home.items.map((p) => p.text)).toEqual(["hello followers"]);
    const carolView = await carol.json<{ account: { relationship: unknown } }>("GET", "/api/accounts/alice");
    expect(carolView.account.relationship).toMatchObject({ following: false, requested: false });
  });

  it("unfollowing withdraws a pending request", async () => {
    const alice = await lockedAlice();
    const bob = await signUp("bob");
    await bob.json("POST", "/api/follows", { target: "alice" });
    const r = await bob.json<{ relationship: { requested: boolean } }>("DELETE", "/api/follows/alice");
    expect(r.relationship.requested).toBe(false);
    expect(await requests(alice)).toEqual([]);
  });

  it("a remote Follow waits; the actor says manuallyApprovesFollowers; accept sends Accept, reject sends Reject", async () => {
    const alice = await lockedAlice();
    const actor = await exports.default.fetch(
      new Request(`${ORIGIN}/users/alice`, { headers: { accept: "application/activity+json" } }),
    );
    expect(((await actor.json()) as Record<string, unknown>).manuallyApprovesFollowers).toBe(true);

    const bob = await fakeActor("remote.example", "bob");
    const carol = await fakeActor("other.example", "carol");
    const remote = serveRemotes([bob, carol]);
    restore = remote.restore;
    const follow = (who: typeof bob, n: string) => ({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${who.id}#follows/${n}`,
      type: "Follow",
      actor: who.id,
      object: `${ORIGIN}/users/alice`,
    });
    for (const [who, n] of [
      [bob, "1"],
      [bob, "2"],
      [carol, "1"],
    ] as const) {
      const res = await exports.default.fetch(await signedPost(`${ORIGIN}/users/alice/inbox`, follow(who, n), who));
      expect(res.status).toBe(202);
    }
    expect(await count("remote_follows")).toBe(0);
    const pending = await requests(alice);
    expect(pending.map((p) => p.account)).toMatchObject([
      { acct: "carol@other.example", remote: true },
      { acct: "bob@remote.example", remote: true },
    ]);
    const notes = await notificationTypes(alice);
    expect(notes.map((n) => [n.type, n.account?.acct])).toEqual([
      ["follow_request", "carol@other.example"],
      ["follow_request", "bob@remote.example"],
    ]);
    // Nothing was sent yet.
    await new Promise((r) => setTimeout(r, 300));
    expect(remote.deliveries).toEqual([]);

    await alice.json("POST", `/api/follow-requests/${pending[1]?.id}/accept`, undefined, 204);
    await alice.json("POST", `/api/follow-requests/${pending[0]?.id}/reject`, undefined, 204);
    await vi.waitUntil(() => remote.deliveries.length >= 2, { timeout: 10_000 });
    const toBob = remote.deliveries.find((d) => d.host === "remote.example");
    const toCarol = remote.deliveries.find((d) => d.host === "other.example");
    // The newest Follow id is the one answered.
    expect(toBob?.body).toMatchObject({ type: "Accept", actor: `${ORIGIN}/users/alice`, object: { id: `${bob.id}#follows/2` } });
    expect(toCarol?.body).toMatchObject({ type: "Reject", object: { id: `${carol.id}#follows/1` } });
    expect(await count("remote_follows")).toBe(1);
    expect(await count("follow_requests")).toBe(0);
  });

  it("an Undo(Follow) before the answer withdraws the remote request", async () => {
    const alice = await lockedAlice();
    const bob = await fakeActor("remote.example", "bob");
    restore = serveRemotes([bob]).restore;
    const follow = {
      id: `${bob.id}#follows/1`,
      type: "Follow",
      actor: bob.id,
      object: `${ORIGIN}/users/alice`,
    };
    const ctx = { "@context": "https://www.w3.org/ns/activitystreams" };
    await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, { ...ctx, ...follow }, bob));
    expect(await requests(alice)).toHaveLength(1);
    await exports.default.fetch(
      await signedPost(`${ORIGIN}/inbox`, { ...ctx, id: `${bob.id}#undo/1`, type: "Undo", actor: bob.id, object: follow }, bob),
    );
    expect(await requests(alice)).toEqual([]);
  });
});
