import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { verifyRequest } from "@fedify/fedify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ORIGIN, signUp } from "./client";
import { fakeActor, serveRemotes, signedPost } from "./fake-remote";

const count = (table: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>("n");

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function follow(from: string, to: string, id = `${from}#follows/1`) {
  return {
    "@context": "https://www.w3.org/ns/activitystreams",
    id,
    type: "Follow",
    actor: from,
    object: to,
  };
}

describe("inbox", () => {
  it("refuses an unsigned POST with 401 and stores nothing", async () => {
    await signUp("alice");
    for (const path of ["/inbox", "/users/alice/inbox"]) {
      const res = await exports.default.fetch(
        new Request(`${ORIGIN}${path}`, {
          method: "POST",
          headers: { "content-type": "application/activity+json" },
          body: JSON.stringify(follow("https://remote.example/users/bob", `${ORIGIN}/users/alice`)),
        }),
      );
      expect(res.status, path).toBe(401);
    }
    expect(await count("remote_actors")).toBe(0);
    expect(await count("remote_follows")).toBe(0);
  });

  it("refuses a body over 1 MB with 413 before parsing it", async () => {
    const big = JSON.stringify({ type: "Create", padding: "x".repeat(1024 * 1024) });
    const declared = await exports.default.fetch(
      new Request(`${ORIGIN}/inbox`, { method: "POST", headers: { "content-type": "application/activity+json" }, body: big }),
    );
    expect(declared.status).toBe(413);
    expect((await declared.json<{ error: { code: string } }>()).error.code).toBe("payload_too_large");
    // Without a Content-Length (streamed), the cap still holds.
    const stream = new Blob([big]).stream();
    const streamed = await exports.default.fetch(
      new Request(`${ORIGIN}/inbox`, {
        method: "POST",
        headers: { "content-type": "application/activity+json" },
        body: stream,
        // @ts-expect-error workerd accepts duplex for streamed bodies
        duplex: "half",
      }),
    );
    expect(streamed.status).toBe(413);
  });

  it("a signed Follow stores the follower and queues an Accept, which the consumer signs and delivers", async () => {
    await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const remote = serveRemotes([bob]);
    restore = remote.restore;
    const res = await exports.default.fetch(
      await signedPost(`${ORIGIN}/users/alice/inbox`, follow(bob.id, `${ORIGIN}/users/alice`), bob),
    );
    expect(res.status).toBe(202);
    const row = await env.DB.prepare(
      "SELECT a.iri, a.inbox, a.shared_inbox, a.handle, f.follow_iri FROM remote_follows f JOIN remote_actors a ON a.id = f.remote_actor_id",
    ).first();
    expect(row).toEqual({
      iri: bob.id,
      inbox: bob.inbox,
      shared_inbox: bob.sharedInbox,
      handle: "@bob@remote.example",
      follow_iri: `${bob.id}#follows/1`,
    });
    // The Accept was queued; the queue consumer restores the key, signs and delivers it.
    await vi.waitUntil(() => remote.deliveries.length > 0, { timeout: 10_000 });
    expect(remote.deliveries).toHaveLength(1);
    const delivery = remote.deliveries[0];
    expect(delivery?.url).toBe(bob.inbox);
    expect(delivery?.body).toMatchObject({ type: "Accept", actor: `${ORIGIN}/users/alice` });
    expect(delivery?.headers.get("signature")).toMatch(/keyId="http:\/\/127\.0\.0\.1:8787\/users\/alice#main-key"/);
    expect(delivery?.headers.get("user-agent")).toMatch(/^Commons\//);
    const replay = new Request(delivery?.url ?? "", {
      method: "POST",
      headers: delivery?.headers,
      body: JSON.stringify(delivery?.body),
    });
    restore();
    restore = undefined;
    const key = await verifyRequest(replay, {
      documentLoader: async (url) => {
        const res = await exports.default.fetch(new Request(url, { headers: { accept: "application/activity+json" } }));
        return { documentUrl: url, contextUrl: null, document: await res.json() };
      },
    }).catch(() => null);
    expect(key?.id?.href).toBe(`${ORIGIN}/users/alice#main-key`);
    expect(
      await env.DB.prepare("SELECT last_success_at IS NOT NULL AS ok FROM peers WHERE host = 'remote.example'").first("ok"),
    ).toBe(1);

    // Undo(Follow) removes the follower.
    const remote2 = serveRemotes([bob]);
    restore = remote2.restore;
    const undo = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${bob.id}#undo/1`,
      type: "Undo",
      actor: bob.id,
      object: follow(bob.id, `${ORIGIN}/users/alice`),
    };
    const undone = await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, undo, bob));
    expect(undone.status).toBe(202);
    expect(await count("remote_follows")).toBe(0);
  });

  it("refuses an activity whose actor is not the signing key's owner (origin rule)", async () => {
    await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const carol = await fakeActor("other.example", "carol");
    const remote = serveRemotes([bob, carol]);
    restore = remote.restore;
    // Signed by bob, claiming to be carol.
    const res = await exports.default.fetch(
      await signedPost(`${ORIGIN}/users/alice/inbox`, follow(carol.id, `${ORIGIN}/users/alice`), bob),
    );
    expect(res.status).toBe(401);
    expect(await count("remote_follows")).toBe(0);
  });

  it("acknowledges activities it does not handle yet, storing nothing", async () => {
    await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const remote = serveRemotes([bob]);
    restore = remote.restore;
    const like = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${bob.id}#likes/1`,
      type: "Like",
      actor: bob.id,
      object: `${ORIGIN}/notes/0190a000-0000-7000-8000-000000000001`,
    };
    const res = await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, like, bob));
    expect(res.status).toBe(202);
    expect(await count("remote_actors")).toBe(0);
    expect(remote.deliveries).toHaveLength(0);
  });
});
