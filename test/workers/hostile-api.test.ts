/**
 * Hostile input on the JSON API's write paths that the policies guard: every refusal is a
 * 4xx with `{error:{code,message}}`, nothing is stored, never a 500.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signUp } from "./client";

const count = (table: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>("n");

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect((await res.json<{ error: { code: string; message: string } }>()).error).toMatchObject({ code });
}

describe("hostile API input", () => {
  it("posts: malformed, mistyped, oversized, prohibited or mention-stuffed bodies store nothing", async () => {
    const admin = await signUp("admin");
    await admin.json("PATCH", "/api/admin/settings", { prohibitedWords: ["viagra"], mentionLimit: 5 });
    const before = await count("posts");
    await expectError(await admin.post("/api/posts", "{not json", { "content-type": "application/json" }), 400, "malformed_json");
    await expectError(await admin.post("/api/posts", "text=hi", { "content-type": "text/plain" }), 415, "unsupported_media_type");
    await expectError(await admin.post("/api/posts", { text: "x".repeat(70_000) }), 413, "payload_too_large");
    await expectError(await admin.post("/api/posts", { text: 42 }), 400, "validation_failed");
    await expectError(await admin.post("/api/posts", { text: "cheap VIAGRA" }), 422, "content_rejected");
    const stuffed = Array.from({ length: 10 }, (_, i) => `@user${i}@spam${i}.example`).join(" ");
    await expectError(await admin.post("/api/posts", { text: stuffed }), 422, "too_many_mentions");
    expect(await count("posts")).toBe(before);
  });

  it("a posting flood outside communities gets 429 with Retry-After once the account's bucket is empty", async () => {
    const admin = await signUp("admin");
    await admin.json("PATCH", "/api/admin/settings", { postsPerMinute: 5 });
    const mallory = await signUp("mallory");
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await mallory.post("/api/posts", { text: `flood ${i}`, visibility: "direct" })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const refused = await mallory.post("/api/posts", { text: "one more" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectError(refused, 429, "rate_limited");
    expect(await count("posts")).toBe(5);
    // Someone else's bucket is their own.
    expect((await admin.post("/api/posts", { text: "still fine" })).status).toBe(201);
  });

  it("domain blocks, mutes and filters: garbage is a 400, other people's data a 404, strangers a 401/403", async () => {
    const admin = await signUp("admin");
    const user = await signUp("user");
    await expectError(await admin.post("/api/admin/domain-blocks", { domain: "x.example" }), 400, "validation_failed");
    await expectError(
      await admin.post("/api/admin/domain-blocks", { domain: "x.example", severity: "suspend", extra: 1 }),
      400,
      "validation_failed",
    );
    await expectError(
      await admin.post("/api/admin/domain-blocks", { domain: "<script>", severity: "silence" }),
      400,
      "validation_failed",
    );
    await expectError(
      await user.post("/api/admin/domain-blocks", { domain: "x.example", severity: "silence" }),
      403,
      "forbidden",
    );
    await expectError(await user.get("/api/admin/policy-stats"), 403, "forbidden");
    await expectError(await user.post("/api/accounts/admin/mute", { durationSeconds: "soon" }), 400, "validation_failed");
    await expectError(await user.post("/api/accounts/%00%ff/block"), 404, "not_found");
    await expectError(await user.post("/api/filters", { phrase: "", action: "hide" }), 400, "validation_failed");
    await expectError(await user.post("/api/filters", { phrase: "x", action: "explode" }), 400, "validation_failed");
    const { filter } = await admin.json("POST", "/api/filters", { phrase: "x", action: "hide" }, 201);
    await expectError(await user.delete(`/api/filters/${filter.id}`), 404, "not_found");
    await expectError(await user.delete("/api/filters/not-an-id"), 404, "not_found");
    expect(await count("domain_blocks")).toBe(0);
    expect(await count("account_mutes")).toBe(0);
    expect(await count("word_filters")).toBe(1);
  });
});
