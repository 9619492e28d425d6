import { describe, expect, it } from "vitest";
import { type Client, postAs, signUp } from "./client";

async function club(owner: Client, member: Client) {
  const { community } = await owner.json("POST", "/api/communities", { name: "club", title: "Club", visibility: "members" }, 201);
  const { invite } = await owner.json("POST", `/api/communities/${community.id}/invites`, {}, 201);
  await member.json("POST", `/api/communities/${community.id}/join`, { inviteCode: invite.code });
  return community.id as string;
}

describe("boosts", () => {
  it("boosts once, fans out to followers, shows on the profile with the original embedded, and unboosts", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    await carol.json("POST", "/api/follows", { target: "bob" });
    const post = await postAs(alice, "worth sharing");
    const boosted = await bob.json("POST", `/api/posts/${post.id}/boost`);
    expect(boosted.post).toMatchObject({ id: post.id, boosted: true, boostsCount: 1 });
    // Idempotent.
    expect((await bob.json("POST", `/api/posts/${post.id}/boost`)).post.boostsCount).toBe(1);

    const home = await carol.json("GET", "/api/timelines/home");
    expect(home.items).toHaveLength(1);
    expect(home.items[0]).toMatchObject({ author: { username: "bob" }, boostOfId: post.id, text: "" });
    expect(home.items[0].boostOf).toMatchObject({ id: post.id, text: "worth sharing", boosted: false, boostsCount: 1 });
    const profile = await carol.json("GET", "/api/accounts/bob/posts");
    expect(profile.items[0].boostOf.id).toBe(post.id);
    // The original on the local timeline only once (boosts are not on it).
    expect((await carol.json("GET", "/api/timelines/local")).items.map((p: any) => p.id)).toEqual([post.id]);

    const un = await bob.json("DELETE", `/api/posts/${post.id}/boost`);
    expect(un.post).toMatchObject({ boosted: false, boostsCount: 0 });
    expect((await carol.json("GET", "/api/timelines/home")).items).toHaveLength(0);
    // And again, after unboosting.
    expect((await bob.json("POST", `/api/posts/${post.id}/boost`)).post).toMatchObject({ boosted: true, boostsCount: 1 });
  });

  it("keeps local_only boosts local_only and hides boosts when the original is deleted", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const local = await postAs(alice, "locals", { visibility: "local_only" });
    await bob.json("POST", `/api/posts/${local.id}/boost`);
    const [boost] = (await bob.json("GET", "/api/accounts/bob/posts")).items;
    expect(boost.visibility).toBe("local_only");
    expect((await bob.json("GET", `/api/posts/${boost.id}`)).post.boostOf.id).toBe(local.id);
    await alice.json("DELETE", `/api/posts/${local.id}`, undefined, 204);
    expect((await bob.json("GET", "/api/accounts/bob/posts")).items).toHaveLength(0);
    expect((await bob.json("GET", "/api/timelines/home")).items).toHaveLength(0);
    expect((await bob.get(`/api/posts/${boost.id}`)).status).toBe(404);
  });

  it("refuses followers-only and direct posts, and members-only community posts", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    await bob.json("POST", "/api/follows", { target: "alice" });
    const followers = await postAs(alice, "for followers", { visibility: "followers" });
    expect((await bob.post(`/api/posts/${followers.id}/boost`)).status).toBe(403);
    expect((await alice.post(`/api/posts/${followers.id}/boost`)).status).toBe(403);
    const direct = await postAs(alice, "hi @bob", { visibility: "direct" });
    expect((await bob.post(`/api/posts/${direct.id}/boost`)).status).toBe(403);
    const carol = await signUp("carol");
    expect((await carol.post(`/api/posts/${followers.id}/boost`)).status).toBe(404);

    const id = await club(alice, bob);
    const secret = await postAs(alice, "members only", { communityId: id });
    expect((await bob.post(`/api/posts/${secret.id}/boost`)).status).toBe(403);
    expect((await carol.post(`/api/posts/${secret.id}/boost`)).status).toBe(404);
    expect((await bob.json("GET", `/api/posts/${secret.id}`)).post.boostsCount).toBe(0);
  });
});

describe("concurrent boosts", () => {
  it("treats simultaneous boosts of one post by one account as one", async () => {
    const alice = await signUp("racer_a");
    const bob = await signUp("racer_b");
    const post = await postAs(alice, "boost me twice");
    const results = await Promise.all(Array.from({ length: 5 }, () => bob.post(`/api/posts/${post.id}/boost`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const { post: after } = await alice.json("GET", `/api/posts/${post.id}`);
    expect(after.boostsCount).toBe(1);
  });
});
