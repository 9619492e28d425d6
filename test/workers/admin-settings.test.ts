import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, signUp } from "./client";

describe("server settings", () => {
  it("start at their defaults and show in /api/instance", async () => {
    const admin = await signUp("admin");
    const { settings } = await admin.json("GET", "/api/admin/settings");
    expect(settings).toEqual({
      autoAcceptFriends: false,
      forbidLocalPublic: false,
      signupMode: "open",
      prohibitedWords: [],
      sensitiveWords: [],
      mentionLimit: 20,
      strangerMentionLimit: 5,
      unknownSenderPolicy: "allow",
      newAccountHoldHours: 0,
      inboxActorPerMinute: 60,
      inboxPeerPerMinute: 600,
      postsPerMinute: 30,
    });
    const instance = await new Client().json("GET", "/api/instance");
    expect(instance).toMatchObject({ signupMode: "open", localPublic: true });
  });

  it("admins change some fields; the rest keep their values", async () => {
    const admin = await signUp("admin");
    const { settings } = await admin.json("PATCH", "/api/admin/settings", {
      forbidLocalPublic: true,
      prohibitedWords: [" spam ", "spam", "", "scam"],
      mentionLimit: 10,
    });
    expect(settings).toMatchObject({
      forbidLocalPublic: true,
      prohibitedWords: ["spam", "scam"],
      mentionLimit: 10,
      strangerMentionLimit: 5,
    });
    expect((await admin.json("GET", "/api/admin/settings")).settings.prohibitedWords).toEqual(["spam", "scam"]);
    expect((await new Client().json("GET", "/api/instance")).localPublic).toBe(false);
  });

  it("refuses non-admins, unknown fields, wrong types and inconsistent limits, storing nothing", async () => {
    const admin = await signUp("admin");
    const bob = await signUp("bob");
    const patch = (c: Client, body: unknown) => c.patch("/api/admin/settings", body);
    expect((await bob.get("/api/admin/settings")).status).toBe(403);
    expect((await patch(bob, { signupMode: "closed" })).status).toBe(403);
    expect((await new Client().get("/api/admin/settings")).status).toBe(401);
    const cases: [unknown, string][] = [
      [{ signupMode: "sometimes" }, "validation_failed"],
      [{ mentionLimit: -1 }, "validation_failed"],
      [{ mentionLimit: 1.5 }, "validation_failed"],
      [{ prohibitedWords: "spam" }, "validation_failed"],
      [{ typo: true }, "validation_failed"],
      [{ strangerMentionLimit: 50 }, "validation_failed"],
    ];
    for (const [body, code] of cases) {
      const res = await patch(admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as any).error.code).toBe(code);
    }
    const malformed = await admin.request("PATCH", "/api/admin/settings", "{", { "content-type": "application/json" });
    expect(malformed.status).toBe(400);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM instance_settings").first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("ignores a stored value of the wrong type", async () => {
    const admin = await signUp("admin");
    await env.DB.prepare("INSERT INTO instance_settings (key, value, updated_at) VALUES ('mentionLimit', '\"lots\"', 0)").run();
    expect((await admin.json("GET", "/api/admin/settings")).settings.mentionLimit).toBe(20);
  });
});
