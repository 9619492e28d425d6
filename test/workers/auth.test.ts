import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, signUp } from "./client";

describe("accounts and sessions", () => {
  it("signs up, makes the first account admin, and keeps the session", async () => {
    const alice = new Client();
    const res = await alice.post("/api/auth/signup", { username: "Alice", password: "s3cret-password" });
    expect(res.status).toBe(201);
    const { account } = (await res.json()) as any;
    expect(account).toMatchObject({ username: "Alice", role: "admin" });
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    const me = await alice.json("GET", "/api/me");
    expect(me.account.username).toBe("Alice");

    const bob = await signUp("bob");
    expect((await bob.json("GET", "/api/me")).account.role).toBe("user");
  });

  it("refuses a duplicate username case-insensitively with 409 and stores nothing", async () => {
    await signUp("carol");
    const res = await new Client().post("/api/auth/signup", { username: "CAROL", password: "another-password" });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "username_taken", message: expect.any(String) } });
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM accounts").first<{ n: number }>())!;
    expect(n).toBe(1);
  });

  it.each([
    ["", "password123"],
    ["has space", "password123"],
    ["a".repeat(31), "password123"],
    ["dave", "short"],
    ["dave", "x".repeat(300)],
  ])("rejects invalid sign-up %#", async (username, password) => {
    const res = await new Client().post("/api/auth/signup", { username, password });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe("validation_failed");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM accounts").first("n")).toBe(0);
  });

  it("never stores the password in clear", async () => {
    await signUp("erin", "plain-text-never-stored");
    const row = await env.DB.prepare("SELECT password_hash FROM accounts").first<{ password_hash: string }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(row?.password_hash).not.toContain("plain-text-never-stored");
  });

  it("logs in, rejects wrong passwords and unknown users with 401, logs out", async () => {
    await signUp("frank", "frank-password");
    const c = new Client();
    expect((await c.post("/api/auth/login", { username: "frank", password: "nope-nope-nope" })).status).toBe(401);
    expect((await c.post("/api/auth/login", { username: "nobody", password: "frank-password" })).status).toBe(401);
    expect((await c.get("/api/me")).status).toBe(401);
    const ok = await c.post("/api/auth/login", { username: "FRANK", password: "frank-password" });
    expect(ok.status).toBe(200);
    expect((await c.get("/api/me")).status).toBe(200);
    const token = c.cookie;
    expect((await c.post("/api/auth/logout")).status).toBe(204);
    // The old token is dead on the server, not just forgotten by the client.
    const stale = new Client();
    stale.cookie = token;
    expect((await stale.get("/api/me")).status).toBe(401);
  });

  it("rejects malformed JSON, wrong content types and oversized bodies cleanly", async () => {
    const c = new Client();
    const bad = await c.request("POST", "/api/auth/signup", "{not json", { "content-type": "application/json" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe("malformed_json");
    const form = await c.request("POST", "/api/auth/signup", "username=a", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    const huge = await c.request("POST", "/api/auth/signup", JSON.stringify({ username: "x", password: "y".repeat(200_000) }), {
      "content-type": "application/json",
    });
    expect(huge.status).toBe(413);
    const notObject = await c.post("/api/auth/signup", [1, 2, 3]);
    expect(notObject.status).toBe(400);
  });

  it("refuses state-changing requests from other origins (CSRF)", async () => {
    const alice = await signUp("alice");
    const res = await alice.post("/api/posts", { text: "hi" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe("csrf_rejected");
    const site = await alice.post("/api/posts", { text: "hi" }, { "sec-fetch-site": "cross-site" });
    expect(site.status).toBe(403);
    const same = await alice.post("/api/posts", { text: "hi" }, { origin: "http://127.0.0.1:8787" });
    expect(same.status).toBe(201);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM posts").first("n")).toBe(1);
  });

  it("updates the profile and stores an avatar in R2, refusing non-images", async () => {
    const alice = await signUp("alice");
    const { account } = await alice.json("PATCH", "/api/me", { displayName: "Alice A.", bio: "hello" });
    expect(account).toMatchObject({ displayName: "Alice A.", bio: "hello" });
    expect((await alice.patch("/api/me", { bio: "x".repeat(600) })).status).toBe(400);

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const form = new FormData();
    form.set("file", new File([png], "me.svg", { type: "image/svg+xml" }));
    const up = await alice.post("/api/me/avatar", form);
    expect(up.status).toBe(200);
    const url: string = ((await up.json()) as any).account.avatarUrl;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/media\/accounts\/.+\.png$/);
    const media = await alice.get(new URL(url).pathname);
    expect(media.status).toBe(200);
    expect(media.headers.get("content-type")).toBe("image/png");
    expect(media.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(png);

    const svg = new FormData();
    svg.set("file", new File(["<svg onload=alert(1)>"], "x.png", { type: "image/png" }));
    const refused = await alice.post("/api/me/avatar", svg);
    expect(refused.status).toBe(415);
    const listed = await env.MEDIA.list();
    expect(listed.objects).toHaveLength(1);
  });
});
