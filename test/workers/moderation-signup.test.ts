import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SIGNUP_RATE } from "../../workers/core/moderation/signup-control";
import { STAFF_IDLE_MS, switchToApprovalWhenUnattended } from "../../workers/core/moderation/staff-activity";
import { buildDeps } from "../../workers/deps";
import worker from "../../workers/index";
import { Client, signUp } from "./client";

const count = (table: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>("n");
const PASSWORD = "correct horse battery";
const setMode = (admin: Client, signupMode: string) => admin.json("PATCH", "/api/admin/settings", { signupMode });

describe("signup modes", () => {
  it("closed refuses signups (the first account is always admitted)", async () => {
    const admin = await signUp("admin");
    await setMode(admin, "closed");
    const res = await new Client().post("/api/auth/signup", { username: "bob", password: PASSWORD });
    expect(res.status).toBe(403);
    expect(await count("accounts")).toBe(1);
  });

  it("approval: the account waits (no session, no login) until a moderator approves; rejection deletes it", async () => {
    const admin = await signUp("admin");
    await setMode(admin, "approval");
    const bob = new Client();
    const res = await bob.post("/api/auth/signup", { username: "bob", password: PASSWORD, reason: "I like gardens" });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ pending: true, account: { username: "bob" } });
    expect(bob.cookie).toBeNull();
    const login = await new Client().post("/api/auth/login", { username: "bob", password: PASSWORD });
    expect(login.status).toBe(403);
    expect(((await login.json()) as any).error.message).toMatch(/approval/);

    const { items } = await admin.json("GET", "/api/admin/signup-requests");
    expect(items).toMatchObject([{ account: { username: "bob" }, reason: "I like gardens" }]);
    expect((await admin.json("GET", "/api/admin/accounts?status=pending")).items).toHaveLength(1);
    const user = await signUp("carol").catch(() => null);
    expect(user).toBeNull(); // carol is pending too: signUp() expects 201
    const carolId = (await admin.json("GET", "/api/admin/signup-requests")).items[1].account.id;

    expect((await new Client().get("/api/admin/signup-requests")).status).toBe(401);
    await admin.json("POST", `/api/admin/signup-requests/${items[0].account.id}/approve`, {}, 204);
    expect((await new Client().post("/api/auth/login", { username: "bob", password: PASSWORD })).status).toBe(200);
    await admin.json("POST", `/api/admin/signup-requests/${carolId}/reject`, { reason: "bot" }, 204);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM accounts WHERE username = 'carol'").first("n")).toBe(0);
    expect((await admin.post(`/api/admin/signup-requests/${carolId}/approve`, {})).status).toBe(404);
    const log = (await admin.json("GET", "/api/admin/audit-log")).items.map((e: any) => e.action);
    expect(log).toEqual(["reject_signup", "approve_signup"]);
  });

  it("invite: invite links with use counts, expiry and revocation; created by staff only", async () => {
    const admin = await signUp("admin");
    const alice = await signUp("alice");
    await setMode(admin, "invite");
    expect((await new Client().post("/api/auth/signup", { username: "bob", password: PASSWORD })).status).toBe(403);
    expect((await alice.post("/api/admin/invites", {})).status).toBe(403);
    expect((await admin.post("/api/admin/invites", { maxUses: 0 })).status).toBe(400);
    expect((await admin.post("/api/admin/invites", { expiresInDays: "soon" })).status).toBe(400);
    expect(await count("signup_invites")).toBe(0);

    const { invite } = await admin.json("POST", "/api/admin/invites", { maxUses: 1, expiresInDays: 7 }, 201);
    expect(invite).toMatchObject({ uses: 0, maxUses: 1, valid: true });
    expect(invite.url).toMatch(/\/signup\?invite=/);
    const bob = new Client();
    await bob.json("POST", "/api/auth/signup", { username: "bob", password: PASSWORD, invite: invite.code }, 201);
    const again = await new Client().post("/api/auth/signup", { username: "carol", password: PASSWORD, invite: invite.code });
    expect(again.status).toBe(403);
    const [listed] = (await admin.json("GET", "/api/admin/invites")).items;
    expect(listed).toMatchObject({ uses: 1, valid: false });

    // A failed signup gives the use back; revoked and expired invites don't work.
    const { invite: open } = await admin.json("POST", "/api/admin/invites", { maxUses: 1 }, 201);
    expect((await new Client().post("/api/auth/signup", { username: "bob", password: PASSWORD, invite: open.code })).status).toBe(
      409,
    );
    await new Client().json("POST", "/api/auth/signup", { username: "dave", password: PASSWORD, invite: open.code }, 201);
    const { invite: expired } = await admin.json("POST", "/api/admin/invites", { expiresInDays: 1 }, 201);
    await env.DB.prepare("UPDATE signup_invites SET expires_at = 1 WHERE code = ?").bind(expired.code).run();
    expect(
      (await new Client().post("/api/auth/signup", { username: "erin", password: PASSWORD, invite: expired.code })).status,
    ).toBe(403);
    const { invite: revoked } = await admin.json("POST", "/api/admin/invites", {}, 201);
    await admin.json("DELETE", `/api/admin/invites/${revoked.code}`, undefined, 204);
    expect(
      (await new Client().post("/api/auth/signup", { username: "erin", password: PASSWORD, invite: revoked.code })).status,
    ).toBe(403);
    // In approval mode an invite skips the queue.
    await setMode(admin, "approval");
    const { invite: skip } = await admin.json("POST", "/api/admin/invites", {}, 201);
    await new Client().json("POST", "/api/auth/signup", { username: "frank", password: PASSWORD, invite: skip.code }, 201);
  });

  it("rate-limits signup attempts per client IP (CF-Connecting-IP)", async () => {
    await signUp("admin");
    const attempt = (i: number, ip: string) =>
      new Client().post(
        "/api/auth/signup",
        { username: `u${ip.replace(/\D/g, "")}x${i}`, password: PASSWORD },
        { "cf-connecting-ip": ip },
      );
    for (let i = 0; i < SIGNUP_RATE.max; i++) expect((await attempt(i, "203.0.113.7")).status).toBe(201);
    const refused = await attempt(99, "203.0.113.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await attempt(0, "198.51.100.1")).status).toBe(201);
    expect(await count("accounts")).toBe(1 + SIGNUP_RATE.max + 1);
  });
});

describe("7 days without staff activity", () => {
  it("switches an open server to approval and notifies the admins (fake clock through the use case)", async () => {
    const admin = await signUp("admin");
    await signUp("alice");
    const real = buildDeps(env);
    let now = Date.now();
    const deps = { ...real, clock: { now: () => new Date(now) } };
    await admin.json("GET", "/api/admin/dashboard"); // staff acted just now
    expect(await switchToApprovalWhenUnattended(deps)).toBe(false);
    now += STAFF_IDLE_MS - 60_000;
    expect(await switchToApprovalWhenUnattended(deps)).toBe(false);
    now += 120_000;
    expect(await switchToApprovalWhenUnattended(deps)).toBe(true);
    expect((await admin.json("GET", "/api/admin/settings")).settings.signupMode).toBe("approval");
    const notes = await admin.json("GET", "/api/notifications");
    expect(notes.items[0]).toMatchObject({ type: "moderation_notice", text: expect.stringMatching(/7 days/) });
    const [entry] = (await admin.json("GET", "/api/admin/audit-log")).items;
    expect(entry).toMatchObject({ action: "auto_approval_mode", actor: null });
    // Not open any more: nothing further happens.
    now += STAFF_IDLE_MS;
    expect(await switchToApprovalWhenUnattended(deps)).toBe(false);
  });

  it("runs from the scheduled handler; a staff login counts as activity", async () => {
    const admin = await signUp("admin");
    const week = 8 * 24 * 60 * 60 * 1000;
    const stale = () =>
      env.DB.prepare("UPDATE moderation_marks SET at = ?")
        .bind(Date.now() - week)
        .run();
    await new Client().json("POST", "/api/auth/login", { username: "admin", password: PASSWORD });
    expect(await count("moderation_marks")).toBe(1);
    await worker.scheduled({ cron: "*/10 * * * *", scheduledTime: Date.now(), noRetry() {} } as ScheduledController, env);
    expect((await admin.json("GET", "/api/admin/settings")).settings.signupMode).toBe("open");
    await stale();
    await worker.scheduled({ cron: "*/10 * * * *", scheduledTime: Date.now(), noRetry() {} } as ScheduledController, env);
    expect((await admin.json("GET", "/api/admin/settings")).settings.signupMode).toBe("approval");
  });
});
