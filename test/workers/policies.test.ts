import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signUp } from "./client";

const count = (table: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>("n");

async function hits(admin: Awaited<ReturnType<typeof signUp>>) {
  const { items } = await admin.json<{ items: { rule: string; count: number }[] }>("GET", "/api/admin/policy-stats");
  return Object.fromEntries(items.map((i) => [i.rule, i.count]));
}

describe("ingest policies on local posts", () => {
  it("refuses a prohibited word with 422 content_rejected, before anything is stored", async () => {
    const admin = await signUp("admin");
    const alice = await signUp("alice");
    await admin.json("PATCH", "/api/admin/settings", { prohibitedWords: ["buy followers"] });
    const before = await count("posts");
    const res = await alice.post("/api/posts", { text: "Cheap! BUY FOLLOWERS now" });
    expect(res.status).toBe(422);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("content_rejected");
    // Full-width letters fold to the same word.
    expect((await alice.post("/api/posts", { text: "ｂｕｙ ｆｏｌｌｏｗｅｒｓ" })).status).toBe(422);
    // In a content warning too.
    expect((await alice.post("/api/posts", { text: "hi", cw: "buy followers" })).status).toBe(422);
    expect(await count("posts")).toBe(before);
    expect((await hits(admin)).prohibited_word).toBe(3);
    // Editing into a prohibited word is refused as well.
    const { post } = await alice.json("POST", "/api/posts", { text: "fine" }, 201);
    const edit = await alice.patch(`/api/posts/${post.id}`, { text: "buy followers" });
    expect(edit.status).toBe(422);
  });

  it("gives a sensitive word a content warning", async () => {
    const admin = await signUp("admin");
    await admin.json("PATCH", "/api/admin/settings", { sensitiveWords: ["spoiler"] });
    const { post } = await admin.json("POST", "/api/posts", { text: "the spoiler: it was him" }, 201);
    expect(post.cw).toBe("Sensitive content");
    const own = await admin.json("POST", "/api/posts", { text: "spoiler", cw: "my own warning" }, 201);
    expect(own.post.cw).toBe("my own warning");
    expect((await hits(admin)).sensitive_word).toBe(2);
  });

  it("caps mentions per post (local and remote handles count)", async () => {
    const admin = await signUp("admin");
    await admin.json("PATCH", "/api/admin/settings", { mentionLimit: 3, strangerMentionLimit: 1 });
    const ok = await admin.post("/api/posts", { text: "@a @b @c@remote.example hello" });
    expect(ok.status).toBe(201);
    const res = await admin.post("/api/posts", { text: "@a @b @c @d@remote.example hello" });
    expect(res.status).toBe(422);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("too_many_mentions");
    expect((await hits(admin)).mention_limit).toBe(1);
  });

  it("applies to community posts before the community object writes anything", async () => {
    const admin = await signUp("admin");
    await admin.json("PATCH", "/api/admin/settings", { prohibitedWords: ["scam"] });
    const { community } = await admin.json("POST", "/api/communities", { name: "lounge", title: "Lounge" }, 201);
    const before = await count("posts");
    const res = await admin.post("/api/posts", { text: "a scam", communityId: community.id });
    expect(res.status).toBe(422);
    expect(await count("posts")).toBe(before);
  });
});

describe("domain blocks (admin API)", () => {
  it("moderators add, list and lift blocks; users are refused; bad domains are 400", async () => {
    const admin = await signUp("admin");
    const user = await signUp("user");
    const { domainBlock } = await admin.json(
      "POST",
      "/api/admin/domain-blocks",
      { domain: "HTTPS://Spam.Example/", severity: "suspend", rejectReports: true },
      201,
    );
    expect(domainBlock).toMatchObject({ domain: "spam.example", severity: "suspend", rejectReports: true, rejectMedia: false });
    await admin.json("POST", "/api/admin/domain-blocks", { domain: "loud.example", severity: "silence", rejectMedia: true }, 201);
    const { items } = await admin.json("GET", "/api/admin/domain-blocks");
    expect(items.map((b: { domain: string }) => b.domain)).toEqual(["loud.example", "spam.example"]);
    expect((await user.get("/api/admin/domain-blocks")).status).toBe(403);
    expect((await user.post("/api/admin/domain-blocks", { domain: "x.example", severity: "silence" })).status).toBe(403);
    expect((await admin.post("/api/admin/domain-blocks", { domain: "not a domain", severity: "silence" })).status).toBe(400);
    expect((await admin.post("/api/admin/domain-blocks", { domain: "x.example", severity: "nuke" })).status).toBe(400);
    expect((await admin.post("/api/admin/domain-blocks", { domain: "127.0.0.1", severity: "suspend" })).status).toBe(400);
    expect((await admin.delete("/api/admin/domain-blocks/loud.example")).status).toBe(204);
    expect((await admin.delete("/api/admin/domain-blocks/loud.example")).status).toBe(404);
    expect(await count("domain_blocks")).toBe(1);
  });
});
