import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../workers/http/app";
import { Client, postAs, signUp } from "./client";

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;

describe("posts", () => {
  it("publishes a post with the contract fields", async () => {
    const alice = await signUp("alice");
    const res = await alice.post("/api/posts", { text: "hello world", cw: "greeting", visibility: "unlisted" });
    expect(res.status).toBe(201);
    const { post } = (await res.json()) as any;
    expect(post).toMatchObject({
      text: "hello world",
      cw: "greeting",
      visibility: "unlisted",
      author: { username: "alice", displayName: "alice" },
      uri: `http://127.0.0.1:8787/notes/${post.id}`,
      remote: false,
    });
    expect(post.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(post.createdAt).toString()).not.toBe("Invalid Date");
    expect((await alice.json("GET", `/api/posts/${post.id}`)).post.id).toBe(post.id);
  });

  it("defaults to public and counts characters as code points (3,000 max)", async () => {
    const alice = await signUp("alice");
    const emoji = "😀".repeat(3000); // 6,000 UTF-16 units, 3,000 characters
    expect((await alice.post("/api/posts", { text: emoji })).status).toBe(201);
    const long = await alice.post("/api/posts", { text: "あ".repeat(3001) });
    expect(long.status).toBe(400);
    const { post } = await alice.json("POST", "/api/posts", { text: "x" }, 201);
    expect(post.visibility).toBe("public");
  });

  it.each([
    ["empty text", { text: "" }, 400],
    ["whitespace only", { text: "   \n " }, 400],
    ["no text", { visibility: "public" }, 400],
    ["unknown visibility", { text: "x", visibility: "everyone" }, 400],
    ["text not a string", { text: 42 }, 400],
    ["bad replyToId", { text: "x", replyToId: "../etc" }, 400],
    ["missing parent", { text: "x", replyToId: "01890000-0000-7000-8000-000000000000" }, 404],
  ])("refuses %s and stores nothing", async (_name, body, status) => {
    const alice = await signUp("alice");
    const res = await alice.post("/api/posts", body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as any).error.code).toMatch(/^[a-z_]+$/);
    expect(await count("SELECT COUNT(*) AS n FROM posts")).toBe(0);
  });

  it("refuses a 200k-character post with 413 and stores nothing", async () => {
    const alice = await signUp("alice");
    const res = await alice.post("/api/posts", { text: "a".repeat(200_000) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error.code).toBe("payload_too_large");
    expect(await count("SELECT COUNT(*) AS n FROM posts")).toBe(0);
  });

  it("refuses unauthenticated writes with 401", async () => {
    const anon = new Client();
    expect((await anon.post("/api/posts", { text: "hi" })).status).toBe(401);
    expect((await anon.post("/api/follows", { target: "x" })).status).toBe(401);
    expect((await anon.get("/api/timelines/home")).status).toBe(401);
    expect(await count("SELECT COUNT(*) AS n FROM posts")).toBe(0);
  });

  it("deletes softly: gone from timelines, detail and counters; only the author may delete", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    await bob.json("POST", "/api/follows", { target: "alice" });
    const post = await postAs(alice, "soon gone");
    expect((await bob.json("GET", "/api/timelines/home")).items).toHaveLength(1);
    expect((await bob.delete(`/api/posts/${post.id}`)).status).toBe(403);
    expect((await alice.delete(`/api/posts/${post.id}`)).status).toBe(204);
    expect((await alice.delete(`/api/posts/${post.id}`)).status).toBe(204);
    expect((await alice.get(`/api/posts/${post.id}`)).status).toBe(404);
    expect((await bob.json("GET", "/api/timelines/home")).items).toHaveLength(0);
    expect((await alice.json("GET", "/api/timelines/local")).items).toHaveLength(0);
    expect((await alice.json("GET", "/api/accounts/alice")).account.postsCount).toBe(0);
    // Soft delete: the row is still there, marked deleted.
    expect(await count("SELECT COUNT(*) AS n FROM posts WHERE deleted_at IS NOT NULL")).toBe(1);
  });

  it("builds threads with ancestors and descendants, counting replies", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const root = await postAs(alice, "root");
    const r1 = await postAs(bob, "reply 1", { replyToId: root.id });
    const r2 = await postAs(alice, "reply 2", { replyToId: r1.id });
    const r3 = await postAs(bob, "reply 3", { replyToId: root.id });
    const t = await bob.json("GET", `/api/posts/${r1.id}/thread`);
    expect(t.ancestors.map((p: any) => p.id)).toEqual([root.id]);
    expect(t.post.id).toBe(r1.id);
    expect(t.descendants.map((p: any) => p.id)).toEqual([r2.id]);
    const full = await bob.json("GET", `/api/posts/${root.id}/thread`);
    expect(full.descendants.map((p: any) => p.id)).toEqual([r1.id, r2.id, r3.id]);
    expect(full.post.repliesCount).toBe(2);
  });
});

describe("visibility", () => {
  async function world() {
    const alice = await signUp("alice");
    const bob = await signUp("bob"); // follows alice
    const carol = await signUp("carol"); // mentioned in the direct post
    const anon = new Client();
    await bob.json("POST", "/api/follows", { target: "alice" });
    const ids: Record<string, string> = {};
    for (const v of ["public", "local_public", "unlisted", "followers", "local_only"])
      ids[v] = (await postAs(alice, v, { visibility: v })).id;
    ids.direct = (await postAs(alice, "hi @carol", { visibility: "direct" })).id;
    return { alice, bob, carol, anon, ids };
  }

  it("applies the read rules to post detail", async () => {
    const { bob, carol, anon, ids } = await world();
    const can = async (c: Client, v: string) => (await c.get(`/api/posts/${ids[v]}`)).status === 200;
    expect(await can(anon, "public")).toBe(true);
    expect(await can(anon, "local_public")).toBe(true);
    expect(await can(anon, "unlisted")).toBe(true);
    expect(await can(anon, "local_only")).toBe(false);
    expect(await can(anon, "followers")).toBe(false);
    expect(await can(anon, "direct")).toBe(false);
    expect(await can(carol, "local_only")).toBe(true);
    expect(await can(carol, "followers")).toBe(false);
    expect(await can(carol, "direct")).toBe(true);
    expect(await can(bob, "followers")).toBe(true);
    expect(await can(bob, "direct")).toBe(false);
  });

  it("puts public, local_public and (signed in) local_only posts on the local timeline", async () => {
    const { carol, anon, ids } = await world();
    const texts = async (c: Client) => (await c.json("GET", "/api/timelines/local")).items.map((p: any) => p.id);
    expect(await texts(anon)).toEqual([ids.local_public, ids.public]);
    expect(await texts(carol)).toEqual([ids.local_only, ids.local_public, ids.public]);
  });

  it("fills home timelines: own posts, followed accounts (not direct), and direct mentions", async () => {
    const { alice, bob, carol, ids } = await world();
    const home = async (c: Client) => (await c.json("GET", "/api/timelines/home")).items.map((p: any) => p.visibility);
    expect(await home(alice)).toEqual(["direct", "local_only", "followers", "unlisted", "local_public", "public"]);
    expect(await home(bob)).toEqual(["local_only", "followers", "unlisted", "local_public", "public"]);
    expect(await home(carol)).toEqual(["direct"]);
    expect(ids.direct).toBeTruthy();
  });

  it("filters an account's posts for the viewer", async () => {
    const { bob, carol, anon } = await world();
    const vis = async (c: Client) => (await c.json("GET", "/api/accounts/alice/posts")).items.map((p: any) => p.visibility);
    expect(await vis(anon)).toEqual(["unlisted", "local_public", "public"]);
    expect(await vis(carol)).toEqual(["local_only", "unlisted", "local_public", "public"]);
    expect(await vis(bob)).toEqual(["local_only", "followers", "unlisted", "local_public", "public"]);
  });
});

describe("timelines and follows", () => {
  it("pages with keyset cursors, newest first, no duplicates", async () => {
    const alice = await signUp("alice");
    // alice is the first account (the admin): more posts than one minute's posting allowance.
    await alice.json("PATCH", "/api/admin/settings", { postsPerMinute: 100 });
    for (let i = 0; i < 45; i++) await postAs(alice, `post ${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await alice.json("GET", `/api/timelines/local?limit=20${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((p: any) => p.text));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `post ${44 - i}`));
    expect((await alice.get("/api/timelines/local?limit=abc")).status).toBe(400);
    expect((await alice.get("/api/timelines/local?cursor=1%20OR%201=1")).status).toBe(400);
    expect((await alice.json("GET", "/api/timelines/local?limit=500")).items).toHaveLength(40);
  });

  it("follows and unfollows, backfilling and clearing home, keeping counters", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    await postAs(alice, "before follow");
    const r = await bob.json("POST", "/api/follows", { target: "@Alice" });
    expect(r.relationship).toEqual({ following: true, requested: false, followedBy: false });
    await bob.json("POST", "/api/follows", { target: "alice" }); // idempotent
    expect((await bob.json("GET", "/api/timelines/home")).items.map((p: any) => p.text)).toEqual(["before follow"]);
    await postAs(alice, "after follow");
    expect((await bob.json("GET", "/api/timelines/home")).items).toHaveLength(2);
    const profile = await bob.json("GET", "/api/accounts/alice");
    expect(profile.account).toMatchObject({
      followersCount: 1,
      postsCount: 2,
      relationship: { following: true, requested: false, followedBy: false },
    });
    expect((await bob.json("DELETE", "/api/follows/alice")).relationship.following).toBe(false);
    expect((await bob.json("GET", "/api/timelines/home")).items).toHaveLength(0);
    expect((await bob.json("GET", "/api/accounts/alice")).account.followersCount).toBe(0);
    expect((await bob.post("/api/follows", { target: "bob" })).status).toBe(400);
    expect((await bob.post("/api/follows", { target: "nobody" })).status).toBe(404);
    expect((await bob.post("/api/follows", {})).status).toBe(400);
  });

  it("answers unknown accounts and routes with JSON 404s", async () => {
    const anon = new Client();
    for (const path of ["/api/accounts/nobody", "/api/accounts/bad%20name/posts", "/api/posts/nope", "/api/nope"]) {
      const res = await anon.get(path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).error.code).toBe("not_found");
    }
  });

  it("serves an OpenAPI document covering every API route", async () => {
    const doc = await new Client().json("GET", "/api/openapi.json");
    expect(doc.openapi).toMatch(/^3\./);
    const routes = createApp()
      .routes.filter((r) => r.path.startsWith("/api/") && r.method !== "ALL" && !r.path.includes("*"))
      .map((r) => [r.path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}").replace(/\/$/, ""), r.method.toLowerCase()] as const);
    expect(routes.length).toBeGreaterThan(10);
    for (const [path, method] of routes) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeTruthy();
  });
});
