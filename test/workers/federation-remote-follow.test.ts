import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ORIGIN, signUp } from "./client";
import { type Delivery, type FakeActor, fakeActor, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

/** Like serveRemotes, plus WebFinger, a bio with markup to sanitise and an avatar. */
function serveWithWebFinger(actors: FakeActor[]) {
  const deliveries: Delivery[] = [];
  const real = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    const url = new URL(request.url);
    const mine = actors.filter((a) => new URL(a.id).host === url.host);
    if (mine.length === 0) return real(input as RequestInfo, init);
    if (request.method === "POST") {
      deliveries.push({ url: request.url, host: url.host, body: await request.json(), headers: request.headers });
      return new Response(null, { status: 202 });
    }
    if (url.pathname === "/.well-known/webfinger") {
      const actor = mine.find((a) => url.searchParams.get("resource") === `acct:${a.document.preferredUsername}@${url.host}`);
      if (!actor) return new Response("not found", { status: 404 });
      return Response.json({
        subject: url.searchParams.get("resource"),
        links: [{ rel: "self", type: "application/activity+json", href: actor.id }],
      });
    }
    const actor = mine.find((a) => a.id === `${url.origin}${url.pathname}`);
    if (!actor) return new Response("not found", { status: 404 });
    const document = {
      ...actor.document,
      summary: '<p>hello <script>alert(1)</script><a href="javascript:x">x</a></p>',
      icon: { type: "Image", url: `${url.origin}/avatars/1.png`, mediaType: "image/png" },
      url: `${url.origin}/@${actor.document.preferredUsername}`,
    };
    return new Response(JSON.stringify(document), { headers: { "content-type": "application/activity+json" } });
  });
  return { deliveries, restore: () => spy.mockRestore() };
}

describe("remote follow", () => {
  it("follows @user@host: Follow sent, pending until Accept; profile; Undo on unfollow", async () => {
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const carol = await fakeActor("other.example", "carol");
    const remote = serveWithWebFinger([bob, carol]);
    restore = remote.restore;

    const followed = await alice.json("POST", "/api/follows", { target: "@bob@remote.example" });
    expect(followed.relationship).toEqual({ following: false, requested: true, followedBy: false });
    await vi.waitUntil(() => remote.deliveries.some((d) => d.body.type === "Follow"), { timeout: 10_000 });
    const follow = remote.deliveries.find((d) => d.body.type === "Follow");
    expect(follow?.url).toBe(bob.inbox);
    expect(follow?.body).toMatchObject({ actor: `${ORIGIN}/users/alice`, object: bob.id });
    const followId = String(follow?.body.id);

    // An Accept by someone else naming our Follow does nothing.
    const forged = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${carol.id}#a/1`,
      type: "Accept",
      actor: carol.id,
      object: followId,
    };
    expect((await exports.default.fetch(await signedPost(`${ORIGIN}/users/alice/inbox`, forged, carol))).status).toBe(202);
    const pending = await alice.json("GET", "/api/accounts/@bob@remote.example");
    expect(pending.account.relationship).toEqual({ following: false, requested: true, followedBy: false });

    const accept = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${bob.id}#a/1`,
      type: "Accept",
      actor: bob.id,
      object: followId,
    };
    expect((await exports.default.fetch(await signedPost(`${ORIGIN}/users/alice/inbox`, accept, bob))).status).toBe(202);
    const { account } = await alice.json("GET", "/api/accounts/@bob@remote.example");
    expect(account).toMatchObject({
      acct: "bob@remote.example",
      username: "bob",
      displayName: "BOB",
      uri: bob.id,
      host: "remote.example",
      remote: true,
      avatarUrl: `${ORIGIN}/proxy/media?url=${encodeURIComponent("https://remote.example/avatars/1.png")}`,
      url: "https://remote.example/@bob",
      relationship: { following: true, requested: false, followedBy: false },
    });
    expect(account.bio).toBe("<p>hello <a>x</a></p>");

    // Following again while accepted sends nothing more; by actor URL it is the same account.
    const again = await alice.json("POST", "/api/follows", { target: bob.id });
    expect(again.relationship.following).toBe(true);

    const undone = await alice.json("DELETE", `/api/follows/${encodeURIComponent("@bob@remote.example")}`);
    expect(undone.relationship).toEqual({ following: false, requested: false, followedBy: false });
    await vi.waitUntil(() => remote.deliveries.some((d) => d.body.type === "Undo"), { timeout: 10_000 });
    expect(remote.deliveries.find((d) => d.body.type === "Undo")?.body).toMatchObject({
      actor: `${ORIGIN}/users/alice`,
      object: { type: "Follow", id: followId, object: bob.id },
    });
    expect(remote.deliveries.filter((d) => d.body.type === "Follow")).toHaveLength(1);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM remote_followings").first("n")).toBe(0);
  });

  it("unknown remote accounts are 404", async () => {
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    restore = serveWithWebFinger([bob]).restore;
    expect((await alice.post("/api/follows", { target: "@nobody@remote.example" })).status).toBe(404);
    expect((await alice.get("/api/accounts/@nobody@remote.example")).status).toBe(404);
  });
});
