import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, postAs, signUp } from "./client";

const texts = async (c: Client, q: string) =>
  ((await c.json("GET", `/api/search?type=posts&q=${encodeURIComponent(q)}`)).posts as any[]).map((p) => p.text);

describe("search", () => {
  it("finds only posts the viewer may read", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const anon = new Client();
    await postAs(alice, "pancake public", { visibility: "public" });
    await postAs(alice, "pancake localpublic", { visibility: "local_public" });
    await postAs(alice, "pancake unlisted", { visibility: "unlisted" });
    await postAs(alice, "pancake followers", { visibility: "followers" });
    await postAs(alice, "pancake direct", { visibility: "direct" });
    await postAs(alice, "pancake localonly", { visibility: "local_only" });
    await bob.json("POST", "/api/follows", { target: "alice" });
    expect(await texts(bob, "pancake")).toEqual(["pancake localonly", "pancake localpublic", "pancake public"]);
    expect(await texts(anon, "pancake")).toEqual(["pancake localpublic", "pancake public"]);
    // The author finds all of their own posts.
    expect(await texts(alice, "pancake")).toHaveLength(6);
  });

  it("hides posts of members-only communities from non-members, and deleted posts from everyone", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    const { community } = await alice.json("POST", "/api/communities", { name: "hidden", title: "Hidden" }, 201);
    await bob.json("POST", `/api/communities/${community.id}/join`);
    await alice.json("PATCH", `/api/communities/${community.id}`, { visibility: "members" });
    await postAs(alice, "waffle secret plan", { communityId: community.id });
    const gone = await postAs(carol, "waffle deleted");
    expect((await carol.delete(`/api/posts/${gone.id}`)).status).toBeLessThan(300);
    expect(await texts(bob, "waffle")).toEqual(["waffle secret plan"]);
    expect(await texts(carol, "waffle")).toEqual([]);
    expect(await texts(new Client(), "waffle")).toEqual([]);
  });

  it("searches Japanese with the trigram index and short words with the fallback", async () => {
    const alice = await signUp("alice");
    await postAs(alice, "東京タワーに行った");
    await postAs(alice, "京都に行った");
    const anon = new Client();
    expect(await texts(anon, "東京タワー")).toEqual(["東京タワーに行った"]);
    expect(await texts(anon, "東京")).toEqual(["東京タワーに行った"]);
    expect(await texts(anon, "行った")).toEqual(["京都に行った", "東京タワーに行った"]);
    expect(await texts(anon, "タワ")).toEqual(["東京タワーに行った"]);
    // Query syntax is literal: quotes, operators and LIKE wildcards.
    await postAs(alice, 'she said "100% sure" AND left');
    expect(await texts(anon, '"100% sure"')).toEqual(['she said "100% sure" AND left']);
    expect(await texts(anon, "%")).toEqual(['she said "100% sure" AND left']);
    expect(await texts(anon, "_")).toEqual([]);
    expect(await texts(anon, "NEAR(")).toEqual([]);
  });

  it("finds accounts, hashtags and public communities, and narrows by type", async () => {
    const alice = await signUp("alice");
    await signUp("alicia");
    await signUp("bob");
    await alice.json("POST", "/api/communities", { name: "alpine", title: "Alpine club" }, 201);
    const hidden = (await alice.json("POST", "/api/communities", { name: "alcove", title: "Alcove" }, 201)).community;
    await alice.json("PATCH", `/api/communities/${hidden.id}`, { visibility: "members" });
    const post = await postAs(alice, "hello");
    await env.DB.batch([
      env.DB.prepare("INSERT INTO post_hashtags (tag, post_id) VALUES ('alpaca', ?)").bind(post.id),
      env.DB.prepare("INSERT INTO post_hashtags (tag, post_id) VALUES ('東京', ?)").bind(post.id),
    ]);
    const all = await new Client().json("GET", "/api/search?q=al");
    expect(all.accounts.map((a: any) => a.username).sort()).toEqual(["alice", "alicia"]);
    expect(all.hashtags).toEqual([{ tag: "alpaca" }]);
    expect(all.communities.map((c: any) => c.name)).toEqual(["alpine"]);
    const onlyAccounts = await new Client().json("GET", "/api/search?q=%40bob&type=accounts");
    expect(onlyAccounts).toMatchObject({ posts: [], hashtags: [], communities: [] });
    expect(onlyAccounts.accounts.map((a: any) => a.username)).toEqual(["bob"]);
    expect((await new Client().json("GET", `/api/search?q=${encodeURIComponent("#東")}&type=hashtags`)).hashtags).toEqual([
      { tag: "東京" },
    ]);
    // LIKE wildcards in account search are literal.
    expect((await new Client().json("GET", "/api/search?q=%25&type=accounts")).accounts).toEqual([]);
    expect((await new Client().get("/api/search")).status).toBe(400);
    expect((await new Client().get("/api/search?q=x&type=nope")).status).toBe(400);
  });
});
