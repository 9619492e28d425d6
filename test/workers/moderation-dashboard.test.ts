import { env } from "cloudflare:test";
import { uuidv7 } from "uuidv7";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Client, ORIGIN, postAs, signUp } from "./client";
import { fakeActor, serveRemotes } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

describe("moderation endpoints", () => {
  it("answer 401 signed out and 403 to plain users, storing nothing", async () => {
    await signUp("admin");
    const alice = await signUp("alice");
    const id = (await alice.json("GET", "/api/me")).account.id;
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/admin/reports"],
      ["GET", "/api/admin/accounts"],
      ["POST", `/api/admin/accounts/${id}/actions`, { type: "warn", reason: "x" }],
      ["PUT", `/api/admin/accounts/${id}/role`, { role: "moderator" }],
      ["GET", "/api/admin/signup-requests"],
      ["POST", `/api/admin/signup-requests/${id}/approve`, {}],
      ["POST", `/api/admin/signup-requests/${id}/reject`, {}],
      ["GET", "/api/admin/invites"],
      ["POST", "/api/admin/invites", {}],
      ["DELETE", "/api/admin/invites/abc"],
      ["GET", "/api/admin/audit-log"],
      ["GET", "/api/admin/dashboard"],
      ["GET", "/api/admin/peers"],
      ["GET", "/api/admin/dead-letters"],
      ["POST", `/api/admin/dead-letters/${id}/replay`],
    ];
    for (const [method, path, body] of routes) {
      expect((await new Client().request(method, path, body)).status, `${method} ${path} signed out`).toBe(401);
      expect((await alice.request(method, path, body)).status, `${method} ${path} as a user`).toBe(403);
    }
    for (const table of ["moderation_log", "account_moderation", "signup_invites", "reports"])
      expect(await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first("n"), table).toBe(0);
    expect((await alice.json("GET", "/api/me")).account.role).toBe("user");
  });
});

describe("admin dashboard", () => {
  it("shows users, posts, active users, backlog and peer health to staff only", async () => {
    const admin = await signUp("admin");
    const alice = await signUp("alice");
    await postAs(alice, "hi", { visibility: "public" });
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO peers (host, consecutive_failures, unavailable_until, last_error) VALUES (?, 6, ?, 'HTTP 503')",
      ).bind("down.example", now + 3_600_000),
      env.DB.prepare("INSERT INTO peers (host, last_success_at, consecutive_failures) VALUES ('up.example', ?, 0)").bind(now),
    ]);
    const figures = await admin.json("GET", "/api/admin/dashboard");
    expect(figures).toMatchObject({
      users: 2,
      posts: 1,
      activeUsers7d: 2,
      pendingSignups: 0,
      openReports: 0,
      deadLetters: 0,
      peers: 2,
      unavailablePeers: 1,
    });
    const { items } = await admin.json("GET", "/api/admin/peers");
    expect(items.map((p: any) => [p.host, p.state])).toEqual([
      ["down.example", "open"],
      ["up.example", "healthy"],
    ]);
    for (const path of ["/api/admin/dashboard", "/api/admin/peers", "/api/admin/dead-letters", "/api/admin/audit-log"]) {
      expect((await alice.get(path)).status, path).toBe(403);
      expect((await new Client().get(path)).status, path).toBe(401);
    }
  });

  it("lists dead letters and replays one onto the delivery queue (admins only)", async () => {
    const admin = await signUp("admin");
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const remote = serveRemotes([bob]);
    restore = remote.restore;
    // A secret-free outbox task, as the consumer records it when it gives up.
    const activity = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${ORIGIN}/notes/x#create`,
      type: "Create",
      actor: `${ORIGIN}/users/admin`,
      object: { id: `${ORIGIN}/notes/x`, type: "Note", content: "x", attributedTo: `${ORIGIN}/users/admin` },
      to: "https://www.w3.org/ns/activitystreams#Public",
    };
    await admin.json("GET", "/api/admin/dashboard");
    // Ensure the admin's keys exist (the consumer restores them by key id).
    await new Client().request("GET", "/users/admin", undefined, { accept: "application/activity+json" });
    const task = {
      type: "outbox",
      id: uuidv7(),
      baseUrl: ORIGIN,
      keys: [{ keyId: `${ORIGIN}/users/admin#main-key` }],
      activity,
      activityId: activity.id,
      activityType: "https://www.w3.org/ns/activitystreams#Create",
      inbox: bob.sharedInbox,
      sharedInbox: true,
      started: new Date().toISOString(),
      attempt: 0,
      headers: {},
      traceContext: {},
    };
    const id = uuidv7();
    await env.DB.prepare(
      "INSERT INTO delivery_dead_letters (id, host, inbox, activity_id, activity_type, reason, error, attempts, task, created_at) VALUES (?, 'remote.example', ?, ?, 'Create', 'retries_exhausted', 'HTTP 503', 9, ?, ?)",
    )
      .bind(id, bob.sharedInbox, activity.id, JSON.stringify(task), Date.now())
      .run();
    const { items } = await admin.json("GET", "/api/admin/dead-letters");
    expect(items).toMatchObject([{ id, host: "remote.example", reason: "retries_exhausted", attempts: 9 }]);
    expect(items[0].task).toBeUndefined();
    expect((await admin.json("GET", "/api/admin/dashboard")).deadLetters).toBe(1);

    expect((await alice.post(`/api/admin/dead-letters/${id}/replay`)).status).toBe(403);
    expect((await admin.post(`/api/admin/dead-letters/${uuidv7()}/replay`)).status).toBe(404);
    expect((await admin.json("POST", `/api/admin/dead-letters/${id}/replay`, undefined, 202)).replayed).toBe(id);
    expect((await admin.json("GET", "/api/admin/dead-letters")).items).toHaveLength(0);
    await vi.waitUntil(() => remote.deliveries.length > 0, { timeout: 10_000 });
    expect(remote.deliveries[0]?.url).toBe(bob.sharedInbox);
    expect(remote.deliveries[0]?.body).toMatchObject({ type: "Create", id: activity.id });
  });
});
