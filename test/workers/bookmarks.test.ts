import { describe, expect, it } from "vitest";
import { Client, postAs, signUp } from "./client";

describe("bookmarks", () => {
  it("bookmarks privately, newest bookmark first, with keyset pages", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const a = await postAs(alice, "a");
    const b = await postAs(alice, "b");
    const c = await postAs(alice, "c");
    for (const p of [c, a, b]) expect((await bob.json("POST", `/api/posts/${p.id}/bookmark`)).post.bookmarked).toBe(true);
    await bob.json("POST", `/api/posts/${a.id}/bookmark`); // idempotent
    const first = await bob.json("GET", "/api/bookmarks?limit=2");
    expect(first.items.map((p: any) => p.text)).toEqual(["b", "a"]);
    const second = await bob.json("GET", `/api/bookmarks?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((p: any) => p.text)).toEqual(["c"]);
    // Private: nobody else sees them or the mark.
    expect((await alice.json("GET", "/api/bookmarks")).items).toEqual([]);
    expect((await alice.json("GET", `/api/posts/${a.id}`)).post.bookmarked).toBe(false);
    expect((await new Client().get("/api/bookmarks")).status).toBe(401);
    expect((await bob.json("DELETE", `/api/posts/${a.id}/bookmark`)).post.bookmarked).toBe(false);
    expect((await bob.json("GET", "/api/bookmarks")).items.map((p: any) => p.text)).toEqual(["b", "c"]);
  });

  it("refuses invisible posts and drops bookmarks of posts that became invisible", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    const secret = await postAs(alice, "followers", { visibility: "followers" });
    expect((await bob.post(`/api/posts/${secret.id}/bookmark`)).status).toBe(404);
    const { community } = await alice.json(
      "POST",
      "/api/communities",
      { name: "club", title: "Club", visibility: "members" },
      201,
    );
    const clubPost = await postAs(alice, "club", { communityId: community.id });
    expect((await carol.post(`/api/posts/${clubPost.id}/bookmark`)).status).toBe(404);
    const gone = await postAs(alice, "soon gone");
    await bob.json("POST", `/api/posts/${gone.id}/bookmark`);
    await alice.json("DELETE", `/api/posts/${gone.id}`, undefined, 204);
    expect((await bob.json("GET", "/api/bookmarks")).items).toEqual([]);
  });
});

describe("pinned posts", () => {
  it("pins up to five of your own public posts, listed for viewers who may see them", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const posts = [];
    for (let i = 0; i < 6; i++) posts.push(await postAs(alice, `p${i}`));
    for (const p of posts.slice(0, 5)) expect((await alice.json("POST", `/api/posts/${p.id}/pin`)).post.pinned).toBe(true);
    await alice.json("POST", `/api/posts/${posts[0]!.id}/pin`); // idempotent
    const sixth = await alice.post(`/api/posts/${posts[5]!.id}/pin`);
    expect(sixth.status).toBe(400);
    expect(((await sixth.json()) as any).error.code).toBe("validation_failed");
    const pinned = await new Client().json("GET", "/api/accounts/alice/pinned");
    expect(pinned.items).toHaveLength(5);
    expect(pinned.items.every((p: any) => p.pinned)).toBe(true);
    expect((await bob.json("GET", `/api/posts/${posts[1]!.id}`)).post.pinned).toBe(true);

    expect((await bob.post(`/api/posts/${posts[5]!.id}/pin`)).status).toBe(403);
    expect((await alice.json("DELETE", `/api/posts/${posts[0]!.id}/pin`)).post.pinned).toBe(false);
    expect((await alice.post(`/api/posts/${posts[5]!.id}/pin`)).status).toBe(200);
    const followers = await postAs(alice, "followers", { visibility: "followers" });
    expect((await alice.post(`/api/posts/${followers.id}/pin`)).status).toBe(400);
    expect((await new Client().get("/api/accounts/nobody/pinned")).status).toBe(404);
  });
});
