import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildDeps } from "../../workers/deps";
import { loadConfig } from "../../workers/env";
import { federationDeps } from "../../workers/federation/activitypub/context";
import { buildFederation } from "../../workers/federation/activitypub/federation";
import { removeFriendsForDomain } from "../../workers/federation/activitypub/friends";
import { Client, ORIGIN, postAs, signUp } from "./client";
import { serveRemotes } from "./fake-remote";
import { befriend, friendFollow, friendRow, inbox, instanceActor, OUR_ACTOR, PUBLIC, settle } from "./friends-helpers";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const count = (table: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>("n");

describe("friends admin API", () => {
  it("is for admins only: 401 signed out, 403 for others, on every route", async () => {
    await signUp("admin");
    const bob = await signUp("bob");
    const anon = new Client();
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/admin/friends"],
      ["GET", "/api/admin/friends/map"],
      ["POST", "/api/admin/friends", { url: "friend.example" }],
      ["POST", "/api/admin/friends/x/accept"],
      ["POST", "/api/admin/friends/x/reject"],
      ["PATCH", "/api/admin/friends/x", { available: false }],
      ["DELETE", "/api/admin/friends/x"],
      ["GET", "/api/admin/relays"],
      ["POST", "/api/admin/relays", { url: "https://relay.example/inbox" }],
      ["DELETE", "/api/admin/relays/x"],
    ];
    for (const [method, path, body] of routes) {
      expect((await anon.request(method, path, body)).status, `${method} ${path}`).toBe(401);
      const res = await bob.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    expect(await count("friend_servers")).toBe(0);
    expect(await count("relays")).toBe(0);
  });

  it("refuses bad input with 400 and a JSON error, storing nothing", async () => {
    const admin = await signUp("admin");
    for (const body of [{}, { url: "" }, { url: 42 }, { url: "ftp://x.example" }, { url: "friend.example", extra: 1 }]) {
      const res = await admin.post("/api/admin/friends", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
      expect((await admin.post("/api/admin/relays", body)).status, JSON.stringify(body)).toBe(400);
    }
    const malformed = await admin.request("POST", "/api/admin/friends", "{", { "content-type": "application/json" });
    expect(malformed.status).toBe(400);
    await befriend("friend.example");
    const id = (await friendRow("friend.example"))?.id;
    for (const body of [{ available: "no" }, { typo: true }]) {
      expect((await admin.patch(`/api/admin/friends/${id}`, body)).status).toBe(400);
    }
    expect((await friendRow("friend.example"))?.available).toBe(1);
    expect((await admin.patch("/api/admin/friends/nope", { available: false })).status).toBe(404);
    expect((await admin.post("/api/admin/friends/nope/accept")).status).toBe(404);
    // Accepting when they never asked is a conflict.
    expect((await admin.post(`/api/admin/friends/${id}/accept`)).status).toBe(409);
    expect((await admin.post("/api/admin/friends", { url: new URL(ORIGIN).host })).status).toBe(409);
    expect(await count("relays")).toBe(0);
  });

  it("lists flags and health; PATCH pauses and resumes", async () => {
    const admin = await signUp("admin");
    await befriend("friend.example");
    await env.DB.prepare(
      "INSERT INTO peers (host, last_success_at, consecutive_failures, last_error) VALUES ('friend.example', 1700000000000, 2, 'HTTP 503')",
    ).run();
    const { items } = await admin.json("GET", "/api/admin/friends");
    expect(items).toEqual([
      expect.objectContaining({
        domain: "friend.example",
        inboxUrl: "https://friend.example/inbox",
        ourState: "accepted",
        theirState: "idle",
        state: "accepted",
        available: true,
        sendAll: false,
        receiveAll: false,
        deliverLocalPublic: true,
        lastDeliveryAt: new Date(1700000000000).toISOString(),
        failures: 2,
        lastError: "HTTP 503",
      }),
    ]);
    const { friend } = await admin.json("PATCH", `/api/admin/friends/${items[0].id}`, { available: false, sendAll: true });
    expect(friend).toMatchObject({ available: false, sendAll: true, receiveAll: false });
    const resumed = await admin.json("PATCH", `/api/admin/friends/${items[0].id}`, { available: true });
    expect(resumed.friend.available).toBe(true);
  });

  it("relays: subscribe with Follow{Public} (no inboxUrl), the relay's Accept, unsubscribe with Undo", async () => {
    const admin = await signUp("admin");
    const relay = await instanceActor("relay.example");
    const remote = serveRemotes([relay]);
    restore = remote.restore;
    const { relay: sub } = await admin.json("POST", "/api/admin/relays", { url: "https://relay.example/inbox" }, 201);
    expect(sub).toMatchObject({ inboxUrl: "https://relay.example/inbox", state: "pending" });
    expect((await admin.post("/api/admin/relays", { url: "https://relay.example/inbox" })).status).toBe(409);
    await settle(remote.deliveries, 1);
    const follow = remote.deliveries[0]?.body as Record<string, unknown>;
    expect(follow).toMatchObject({ type: "Follow", actor: OUR_ACTOR });
    expect([PUBLIC, "as:Public"]).toContain(follow.object);
    expect(follow).not.toHaveProperty("inboxUrl");

    await inbox(
      {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: "https://relay.example/accept/1",
        type: "Accept",
        actor: relay.id,
        object: follow.id,
      },
      relay,
    );
    expect((await admin.json("GET", "/api/admin/relays")).items).toMatchObject([{ state: "accepted" }]);

    remote.deliveries.length = 0;
    expect((await admin.request("DELETE", "/api/admin/relays", { url: "https://relay.example/inbox" })).status).toBe(204);
    await settle(remote.deliveries, 1);
    expect(remote.deliveries[0]?.body).toMatchObject({ type: "Undo", object: { id: follow.id, type: "Follow" } });
    expect(await count("relays")).toBe(0);
  });

  it("publishes active friends in NodeInfo and draws the friend map from their NodeInfo", async () => {
    const admin = await signUp("admin");
    await befriend("friend.example");
    await befriend("paused.example", { available: 0 });
    const nodeinfo = await exports.default.fetch(
      new Request(`${ORIGIN}/nodeinfo/2.1`, { headers: { accept: "application/json" } }),
    );
    expect(((await nodeinfo.json()) as { metadata: { friendServers: string[] } }).metadata.friendServers).toEqual([
      "friend.example",
    ]);

    const real = globalThis.fetch;
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = new URL(new Request(input as RequestInfo, init).url);
      // The paused friend is asked too (its link is still accepted); it publishes nothing.
      if (url.host === "paused.example") return new Response("not found", { status: 404 });
      if (url.host !== "friend.example") return real(input as RequestInfo, init);
      if (url.pathname === "/.well-known/nodeinfo")
        return Response.json({
          links: [{ rel: "http://nodeinfo.diaspora.software/ns/schema/2.1", href: "https://friend.example/nodeinfo/2.1" }],
        });
      return Response.json({
        version: "2.1",
        software: { name: "commons", version: "1" },
        protocols: ["activitypub"],
        services: { inbound: [], outbound: [] },
        openRegistrations: true,
        usage: { users: {} },
        metadata: { friendServers: ["third.example", new URL(ORIGIN).host, "bad host!"] },
      });
    });
    restore = () => spy.mockRestore();
    const map = await admin.json("GET", "/api/admin/friends/map");
    const host = new URL(ORIGIN).host;
    expect(map.nodes).toEqual(
      expect.arrayContaining([
        { id: host, kind: "self" },
        { id: "friend.example", kind: "friend" },
        { id: "paused.example", kind: "friend" },
        { id: "third.example", kind: "remote" },
      ]),
    );
    expect(map.nodes).toHaveLength(4);
    expect(map.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: host, to: "friend.example", state: "accepted", paused: false }),
        expect.objectContaining({ from: host, to: "paused.example", paused: true }),
        expect.objectContaining({ from: "friend.example", to: "third.example", state: "known" }),
      ]),
    );
    expect(map.edges).toHaveLength(3);
  });

  it("removeFriendsForDomain (for domain blocks) removes the link and tells the other side", async () => {
    await signUp("admin");
    const them = await instanceActor("blocked.example");
    const remote = serveRemotes([them]);
    restore = remote.restore;
    await befriend("blocked.example", {}, "https://blocked.example/inbox");
    const config = loadConfig(env);
    const deps = buildDeps(env);
    const ctx = buildFederation(env, config, deps.ids.next).createContext(new URL(ORIGIN), federationDeps(env, deps, config));
    expect(await removeFriendsForDomain(ctx, "blocked.example")).toBe(1);
    expect(await removeFriendsForDomain(ctx, "blocked.example")).toBe(0);
    expect(await friendRow("blocked.example")).toBeNull();
    await settle(remote.deliveries, 1);
    expect(remote.deliveries[0]?.body).toMatchObject({ type: "Delete", object: PUBLIC });
  });

  it("a domain block with rejectFriends ends the link (subdomains too), refuses new requests both ways", async () => {
    const admin = await signUp("admin");
    const them = await instanceActor("sub.blocked.example");
    const remote = serveRemotes([them]);
    restore = remote.restore;
    await befriend("sub.blocked.example", {}, "https://sub.blocked.example/inbox");
    await admin.json(
      "POST",
      "/api/admin/domain-blocks",
      { domain: "blocked.example", severity: "none", rejectFriends: true },
      201,
    );
    expect(await friendRow("sub.blocked.example")).toBeNull();
    await settle(remote.deliveries, 1);
    expect(remote.deliveries[0]?.body).toMatchObject({ type: "Delete", object: PUBLIC });
    // Their new request is ignored; ours is refused.
    expect((await inbox(friendFollow(them), them)).status).toBe(202);
    expect(await friendRow("sub.blocked.example")).toBeNull();
    const refused = await admin.post("/api/admin/friends", { url: "https://sub.blocked.example" });
    expect(refused.status).toBe(403);
  });

  it("forbidLocalPublic: new local_public posts fall back to unlisted", async () => {
    const admin = await signUp("admin");
    expect((await postAs(admin, "before", { visibility: "local_public" })).visibility).toBe("local_public");
    await admin.json("PATCH", "/api/admin/settings", { forbidLocalPublic: true });
    expect((await postAs(admin, "after", { visibility: "local_public" })).visibility).toBe("unlisted");
    expect((await postAs(admin, "public", { visibility: "public" })).visibility).toBe("public");
  });
});
