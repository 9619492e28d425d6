import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ORIGIN, postAs, signUp } from "./client";

const AS2 = { accept: "application/activity+json" };

async function get(path: string, headers: Record<string, string> = {}) {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers, redirect: "manual" }));
}

describe("ActivityPub endpoints", () => {
  it("WebFinger resolves acct:user@host to the actor, any case", async () => {
    await signUp("Alice");
    const res = await get(`/.well-known/webfinger?resource=acct:alice@127.0.0.1:8787`);
    expect(res.status).toBe(200);
    const jrd = await res.json<{ subject: string; links: { rel: string; type?: string; href?: string }[] }>();
    expect(jrd.subject).toBe("acct:alice@127.0.0.1:8787");
    expect(jrd.links).toContainEqual(
      expect.objectContaining({ rel: "self", type: "application/activity+json", href: `${ORIGIN}/users/Alice` }),
    );
    expect((await get(`/.well-known/webfinger?resource=acct:nobody@127.0.0.1:8787`)).status).toBe(404);
  });

  it("serves the actor as AS2 and redirects browsers to the profile page", async () => {
    await signUp("alice");
    const res = await get("/users/alice", AS2);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/activity\+json|ld\+json/);
    const actor = await res.json<Record<string, any>>();
    expect(actor).toMatchObject({
      id: `${ORIGIN}/users/alice`,
      type: "Person",
      preferredUsername: "alice",
      inbox: `${ORIGIN}/users/alice/inbox`,
      outbox: `${ORIGIN}/users/alice/outbox`,
      followers: `${ORIGIN}/users/alice/followers`,
      following: `${ORIGIN}/users/alice/following`,
      endpoints: { sharedInbox: `${ORIGIN}/inbox` },
      url: `${ORIGIN}/@alice`,
      manuallyApprovesFollowers: false,
    });
    expect(actor.publicKey).toMatchObject({ id: `${ORIGIN}/users/alice#main-key`, owner: `${ORIGIN}/users/alice` });
    expect(actor.publicKey.publicKeyPem).toMatch(/BEGIN PUBLIC KEY/);
    const multikeys = [actor.assertionMethod].flat();
    expect(multikeys[0]).toMatchObject({ type: "Multikey", controller: `${ORIGIN}/users/alice` });
    expect(multikeys[0].publicKeyMultibase).toMatch(/^z6Mk/); // Ed25519
    expect(JSON.stringify(actor)).not.toMatch(/localhost/);

    const browser = await get("/users/alice", { accept: "text/html" });
    expect(browser.status).toBe(302);
    expect(browser.headers.get("location")).toBe("/@alice");
    expect((await get("/users/nobody", AS2)).status).toBe(404);
  });

  it("keeps each actor's keys: generated once, stored, private halves never served", async () => {
    await signUp("alice");
    const first = await (await get("/users/alice", AS2)).json<Record<string, any>>();
    const second = await (await get("/users/alice", AS2)).json<Record<string, any>>();
    expect(second.publicKey.publicKeyPem).toBe(first.publicKey.publicKeyPem);
    const rows = await env.DB.prepare("SELECT algorithm, private_jwk FROM actor_keys ORDER BY algorithm").all<{
      algorithm: string;
      private_jwk: string;
    }>();
    expect(rows.results.map((r) => r.algorithm)).toEqual(["ed25519", "rsa"]);
    const rsa = JSON.parse(rows.results[1]?.private_jwk ?? "{}");
    expect(rsa.kty).toBe("RSA");
    expect(Buffer.from(rsa.n, "base64url").length).toBe(256); // 2048 bits
    expect(JSON.stringify(first)).not.toContain(rsa.d);
  });

  it("serves the instance actor and finds it by acct:host@host", async () => {
    const res = await get("/actor", AS2);
    expect(res.status).toBe(200);
    const actor = await res.json<Record<string, any>>();
    expect(actor).toMatchObject({
      id: `${ORIGIN}/actor`,
      type: "Application",
      preferredUsername: "127.0.0.1:8787",
      inbox: `${ORIGIN}/inbox`,
    });
    expect(actor.publicKey.id).toBe(`${ORIGIN}/actor#main-key`);
    const wf = await get(`/.well-known/webfinger?resource=${encodeURIComponent(`${ORIGIN}/actor`)}`);
    expect(wf.status).toBe(200);
  });

  it("NodeInfo 2.1 with usage and features, linked from /.well-known/nodeinfo", async () => {
    const alice = await signUp("alice");
    await postAs(alice, "hello");
    await postAs(alice, "again");
    const links = await (await get("/.well-known/nodeinfo")).json<{ links: { rel: string; href: string }[] }>();
    expect(links.links).toContainEqual(
      expect.objectContaining({ rel: "http://nodeinfo.diaspora.software/ns/schema/2.1", href: `${ORIGIN}/nodeinfo/2.1` }),
    );
    const info = await (await get("/nodeinfo/2.1")).json<Record<string, any>>();
    expect(info).toMatchObject({
      version: "2.1",
      software: { name: "commons", version: "0.1.0" },
      protocols: ["activitypub"],
      openRegistrations: true,
      usage: { users: { total: 1, activeMonth: 1, activeHalfyear: 1 }, localPosts: 2 },
      metadata: { nodeName: "Commons" },
    });
    // emoji_reaction: incoming Like/EmojiReact become reactions (federation-remote-reactions.test.ts).
    expect(info.metadata.features).toEqual(["quote", "local_public", "emoji_reaction"]);
  });

  it("Notes: AS2 only for posts anyone may read; others 404; browsers go to the post page", async () => {
    const alice = await signUp("alice");
    const pub = await postAs(alice, "public #hello", { visibility: "public" });
    const res = await get(`/notes/${pub.id}`, AS2);
    expect(res.status).toBe(200);
    const note = await res.json<Record<string, any>>();
    expect(note.id).toBe(pub.uri);
    expect(note.type).toBe("Note");
    for (const visibility of ["followers", "direct", "local_only"]) {
      const p = await postAs(alice, `hidden ${visibility}`, { visibility });
      expect((await get(`/notes/${p.id}`, AS2)).status, visibility).toBe(404);
    }
    for (const visibility of ["unlisted", "local_public"]) {
      const p = await postAs(alice, `listed ${visibility}`, { visibility });
      expect((await get(`/notes/${p.id}`, AS2)).status, visibility).toBe(200);
    }
    const browser = await get(`/notes/${pub.id}`, { accept: "text/html" });
    expect(browser.status).toBe(302);
    expect(browser.headers.get("location")).toBe(`/posts/${pub.id}`);
  });

  it("outbox pages public posts as Create; followers/following collections count and list actors", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    await bob.json("POST", "/api/follows", { target: "alice" });
    await postAs(alice, "one");
    await postAs(alice, "secret", { visibility: "followers" });
    const outbox = await (await get("/users/alice/outbox", AS2)).json<Record<string, any>>();
    expect(outbox.type).toBe("OrderedCollection");
    expect(outbox.first).toBeDefined();
    const firstUrl = typeof outbox.first === "string" ? outbox.first : outbox.first.id;
    const page = await (await get(new URL(firstUrl).pathname + new URL(firstUrl).search, AS2)).json<Record<string, any>>();
    const items = page.orderedItems as Record<string, any>[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: "Create", object: { type: "Note", content: "<p>one</p>" } });

    const followers = await (await get("/users/alice/followers", AS2)).json<Record<string, any>>();
    expect(followers.totalItems).toBe(1);
    const fUrl = new URL(typeof followers.first === "string" ? followers.first : followers.first.id);
    const fPage = await (await get(fUrl.pathname + fUrl.search, AS2)).json<Record<string, any>>();
    expect([fPage.orderedItems ?? fPage.items].flat()).toEqual([`${ORIGIN}/users/bob`]);
    const following = await (await get("/users/bob/following", AS2)).json<Record<string, any>>();
    expect(following.totalItems).toBe(1);
  });
});
