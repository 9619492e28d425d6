import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { REPORT_RATE } from "../../workers/core/moderation/reports";
import { Client, postAs, signUp } from "./client";

const count = (table: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>("n");

async function setup() {
  const admin = await signUp("admin");
  const alice = await signUp("alice");
  const spammer = await signUp("spammer");
  const me = async (c: Client) => (await c.json("GET", "/api/me")).account as { id: string };
  return { admin, alice, spammer, spammerId: (await me(spammer)).id, aliceId: (await me(alice)).id };
}

describe("reports", () => {
  it("a user reports a post; a moderator sees it in the queue and resolves it by deleting the post and suspending the author", async () => {
    const { admin, alice, spammer, spammerId } = await setup();
    const post = await postAs(spammer, "buy cheap pills", { visibility: "public" });
    const filed = await alice.json("POST", "/api/reports", { postId: post.id, category: "spam", comment: "spam" }, 201);
    expect(filed.report).toMatchObject({ status: "open", forwarded: false });

    const queue = await admin.json("GET", "/api/admin/reports?status=open");
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      category: "spam",
      comment: "spam",
      reporter: { username: "alice" },
      target: { id: spammerId, username: "spammer", suspended: false },
      postId: post.id,
      postText: "buy cheap pills",
    });

    const id = queue.items[0].id;
    const deleted = await admin.json("POST", `/api/admin/reports/${id}/resolve`, { note: "spam", action: "delete_post" });
    expect(deleted.report).toMatchObject({ status: "resolved", resolutionNote: "spam" });
    expect((await alice.get(`/api/posts/${post.id}`)).status).toBe(404);
    expect((await admin.json("GET", "/api/admin/reports?status=open")).items).toHaveLength(0);
    // Closed reports can't be closed again.
    expect((await admin.post(`/api/admin/reports/${id}/dismiss`, {})).status).toBe(409);

    // An account report, resolved with a suspension.
    await alice.json("POST", "/api/reports", { accountId: spammerId, category: "abuse" }, 201);
    const [open] = (await admin.json("GET", "/api/admin/reports?status=open")).items;
    await admin.json("POST", `/api/admin/reports/${open.id}/resolve`, { action: "suspend", reason: "spam bot" });
    const log = (await admin.json("GET", "/api/admin/audit-log")).items.map((e: any) => [e.action, e.actor, e.reason]);
    expect(log).toEqual([
      ["resolve_report", "admin", ""],
      ["suspend", "admin", "spam bot"],
      ["resolve_report", "admin", "spam"],
      ["delete_post", "admin", "spam"],
    ]);
  });

  it("refuses bad input with 400 and stores nothing; 401 signed out; 404 for posts the reporter can't see", async () => {
    const { alice, spammer, aliceId } = await setup();
    const hidden = await postAs(spammer, "only for followers", { visibility: "followers" });
    const cases: unknown[] = [
      {},
      { category: "spam" },
      { postId: "nope", category: "spam" },
      { postId: hidden.id, category: "rude" },
      { postId: hidden.id, category: "spam", comment: "x".repeat(3000) },
      { postId: hidden.id, category: "spam", extra: 1 },
      { accountId: aliceId, category: "spam" },
    ];
    for (const body of cases) {
      const res = await alice.post("/api/reports", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as any).error.code).toBe("validation_failed");
    }
    expect((await alice.request("POST", "/api/reports", "{", { "content-type": "application/json" })).status).toBe(400);
    expect((await new Client().post("/api/reports", { postId: hidden.id, category: "spam" })).status).toBe(401);
    expect((await alice.post("/api/reports", { postId: hidden.id, category: "spam" })).status).toBe(404);
    expect(await count("reports")).toBe(0);
  });

  it("limits how many reports one account files per hour", async () => {
    const { alice, spammerId } = await setup();
    await env.DB.batch(
      Array.from({ length: REPORT_RATE.max }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO reports (id, reporter_id, target_account_id, category, created_at) VALUES (?, (SELECT id FROM accounts WHERE username = 'alice'), ?, 'spam', ?)",
        ).bind(`r${i}`, spammerId, Date.now()),
      ),
    );
    const res = await alice.post("/api/reports", { accountId: spammerId, category: "spam" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect(await count("reports")).toBe(REPORT_RATE.max);
  });

  it("the queue and its actions are for staff: 401 / 403 for others, 400 on bad input", async () => {
    const { admin, alice, spammer } = await setup();
    const post = await postAs(spammer, "x", { visibility: "public" });
    await alice.json("POST", "/api/reports", { postId: post.id, category: "other" }, 201);
    const [report] = (await admin.json("GET", "/api/admin/reports")).items;
    expect((await new Client().get("/api/admin/reports")).status).toBe(401);
    expect((await alice.get("/api/admin/reports")).status).toBe(403);
    expect((await alice.get(`/api/admin/reports/${report.id}`)).status).toBe(404);
    expect((await alice.post(`/api/admin/reports/${report.id}/resolve`, {})).status).toBe(404);
    expect((await admin.get("/api/admin/reports?status=maybe")).status).toBe(400);
    expect((await admin.post(`/api/admin/reports/${report.id}/resolve`, { action: "explode" })).status).toBe(400);
    expect((await admin.post(`/api/admin/reports/${report.id}/dismiss`, { action: "warn" })).status).toBe(400);
    expect(await count("moderation_log")).toBe(0);
    expect((await admin.json("POST", `/api/admin/reports/${report.id}/dismiss`, { note: "fine" })).report.status).toBe(
      "dismissed",
    );
  });

  it("community moderators see and handle reports about posts in their community, but can't act on accounts", async () => {
    const { admin, alice, spammer } = await setup();
    const owner = await signUp("owner");
    const { community } = await owner.json("POST", "/api/communities", { name: "garden", title: "Garden" }, 201);
    await spammer.json("POST", `/api/communities/${community.id}/join`, {}, 200).catch(async () => {
      await spammer.json("POST", `/api/communities/${community.id}/join`, {}, 201);
    });
    const post = await postAs(spammer, "rude words", { communityId: community.id });
    const elsewhere = await postAs(spammer, "elsewhere", { visibility: "public" });
    await alice.json("POST", "/api/reports", { postId: post.id, category: "abuse" }, 201);
    await alice.json("POST", "/api/reports", { postId: elsewhere.id, category: "spam" }, 201);

    const mine = await owner.json("GET", "/api/admin/reports?status=open");
    expect(mine.items.map((r: any) => r.postId)).toEqual([post.id]);
    expect(mine.items[0].communityId).toBe(community.id);
    const all = await admin.json("GET", "/api/admin/reports?status=open");
    expect(all.items).toHaveLength(2);
    const other = all.items.find((r: any) => r.postId === elsewhere.id);
    expect((await owner.post(`/api/admin/reports/${other.id}/dismiss`, {})).status).toBe(404);

    const id = mine.items[0].id;
    expect((await owner.post(`/api/admin/reports/${id}/resolve`, { action: "suspend" })).status).toBe(403);
    await owner.json("POST", `/api/admin/reports/${id}/resolve`, { action: "delete_post", note: "rude" });
    expect((await alice.get(`/api/posts/${post.id}`)).status).toBe(404);
  });
});

describe("account actions", () => {
  it("warn sends the reason as a notification; silence hides from the local timeline but not from followers; unsilence undoes it", async () => {
    const { admin, alice, spammer, spammerId } = await setup();
    const followed = await alice.post("/api/follows", { target: "spammer" });
    expect(followed.ok).toBe(true);
    await admin.json("POST", `/api/admin/accounts/${spammerId}/actions`, { type: "warn", reason: "be nice" });
    const notes = await spammer.json("GET", "/api/notifications");
    expect(notes.items[0]).toMatchObject({ type: "moderation_warning", text: "be nice" });

    const post = await postAs(spammer, "loud", { visibility: "public" });
    expect(
      (await admin.json("POST", `/api/admin/accounts/${spammerId}/actions`, { type: "silence", reason: "loud" })).silenced,
    ).toBe(true);
    const local = await new Client().json("GET", "/api/timelines/local");
    expect(local.items.map((p: any) => p.id)).not.toContain(post.id);
    // Still reachable directly, and followers still get it at home.
    expect((await new Client().get(`/api/posts/${post.id}`)).status).toBe(200);
    expect((await alice.json("GET", "/api/timelines/home")).items.map((p: any) => p.id)).toContain(post.id);
    await admin.json("POST", `/api/admin/accounts/${spammerId}/actions`, { type: "unsilence", reason: "" });
    expect((await new Client().json("GET", "/api/timelines/local")).items.map((p: any) => p.id)).toContain(post.id);
    const search = await admin.json("GET", "/api/admin/accounts?q=spam");
    expect(search.items).toHaveLength(1);
    expect(search.items[0]).toMatchObject({ username: "spammer", silenced: false, suspended: false });
  });

  it("suspend ends sessions, refuses login and hides content from everyone; unsuspend restores", async () => {
    const { admin, spammer, spammerId } = await setup();
    const post = await postAs(spammer, "hello", { visibility: "public" });
    expect((await admin.json("GET", "/api/search?q=spammer")).accounts.map((a: any) => a.username)).toContain("spammer");
    await admin.json("POST", `/api/admin/accounts/${spammerId}/actions`, { type: "suspend", reason: "spam" });
    expect((await spammer.get("/api/me")).status).toBe(401);
    const login = await new Client().post("/api/auth/login", { username: "spammer", password: "correct horse battery" });
    expect(login.status).toBe(403);
    expect(((await login.json()) as any).error.message).toMatch(/suspended/);
    expect((await admin.get(`/api/posts/${post.id}`)).status).toBe(404);
    expect((await new Client().json("GET", "/api/timelines/local")).items).toHaveLength(0);
    expect((await admin.json("GET", "/api/admin/accounts?status=suspended")).items.map((a: any) => a.id)).toEqual([spammerId]);
    // The profile is gone except for staff, and search doesn't find it.
    expect((await new Client().get("/api/accounts/spammer")).status).toBe(404);
    expect((await admin.get("/api/accounts/spammer")).status).toBe(200);
    const found = await admin.json("GET", "/api/search?q=spammer");
    expect(found.accounts.map((a: any) => a.username)).not.toContain("spammer");

    await admin.json("POST", `/api/admin/accounts/${spammerId}/actions`, { type: "unsuspend", reason: "appeal" });
    expect((await new Client().post("/api/auth/login", { username: "spammer", password: "correct horse battery" })).status).toBe(
      200,
    );
    expect((await admin.get(`/api/posts/${post.id}`)).status).toBe(200);
  });

  it("authz: users 403, signed out 401; nobody acts on admins or themselves; only admins act on moderators; bad input 400", async () => {
    const { admin, alice, spammerId, aliceId } = await setup();
    const adminId = (await admin.json("GET", "/api/me")).account.id;
    const act = (c: Client, id: string, body: unknown) => c.post(`/api/admin/accounts/${id}/actions`, body);
    expect((await act(new Client(), spammerId, { type: "warn" })).status).toBe(401);
    expect((await act(alice, spammerId, { type: "warn" })).status).toBe(403);
    expect((await alice.get("/api/admin/accounts")).status).toBe(403);
    expect((await act(admin, adminId, { type: "silence" })).status).toBe(403);
    expect((await act(admin, spammerId, { type: "ban" })).status).toBe(400);
    expect((await act(admin, spammerId, { type: "warn", reason: "x".repeat(2000) })).status).toBe(400);
    expect((await act(admin, "01930c6e-2f1a-7c3d-9a77-5e2b8f3c1d20", { type: "warn" })).status).toBe(404);
    expect(await count("account_moderation")).toBe(0);
    expect(await count("moderation_log")).toBe(0);

    // Roles: admins grant moderator; moderators then moderate users but not other moderators or admins.
    expect((await alice.request("PUT", `/api/admin/accounts/${aliceId}/role`, { role: "moderator" })).status).toBe(403);
    expect((await admin.request("PUT", `/api/admin/accounts/${aliceId}/role`, { role: "admin" })).status).toBe(400);
    const granted = await admin.json("PUT", `/api/admin/accounts/${aliceId}/role`, { role: "moderator" });
    expect(granted.account.role).toBe("moderator");
    expect((await act(alice, spammerId, { type: "silence" })).status).toBe(200);
    expect((await act(alice, adminId, { type: "silence" })).status).toBe(403);
    expect((await alice.request("PUT", `/api/admin/accounts/${spammerId}/role`, { role: "moderator" })).status).toBe(403);
    await admin.json("PUT", `/api/admin/accounts/${aliceId}/role`, { role: "user" });
    expect((await act(alice, spammerId, { type: "unsilence" })).status).toBe(403);
  });
});
