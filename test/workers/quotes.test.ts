import { describe, expect, it } from "vitest";
import { Client, postAs, signUp } from "./client";

describe("quotes", () => {
  it("embeds the quoted post for viewers who may see it", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const original = await postAs(alice, "original");
    const quote = await postAs(bob, "so true", { quoteId: original.id });
    expect(quote).toMatchObject({ quoteId: original.id, quote: { id: original.id, text: "original" } });
    const seen = (await new Client().json("GET", `/api/posts/${quote.id}`)).post;
    expect(seen.quote.id).toBe(original.id);
    // The quote disappears from the card once the original is gone.
    await alice.json("DELETE", `/api/posts/${original.id}`, undefined, 204);
    expect((await new Client().json("GET", `/api/posts/${quote.id}`)).post).toMatchObject({ quoteId: original.id, quote: null });
  });

  it("never widens a post's audience", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    await bob.json("POST", "/api/follows", { target: "alice" });
    const followers = await postAs(alice, "for followers", { visibility: "followers" });
    // Someone else may not quote it at all; the author only as followers or direct.
    expect((await bob.post("/api/posts", { text: "look", quoteId: followers.id, visibility: "followers" })).status).toBe(403);
    expect((await alice.post("/api/posts", { text: "look", quoteId: followers.id })).status).toBe(403);
    expect((await alice.post("/api/posts", { text: "look", quoteId: followers.id, visibility: "unlisted" })).status).toBe(403);
    const own = await postAs(alice, "again", { quoteId: followers.id, visibility: "followers" });
    expect(own.quote.id).toBe(followers.id);
    // A follower sees the embed; a stranger does not see the post at all.
    expect((await bob.json("GET", `/api/posts/${own.id}`)).post.quote.id).toBe(followers.id);

    const local = await postAs(alice, "locals", { visibility: "local_only" });
    expect((await bob.post("/api/posts", { text: "x", quoteId: local.id })).status).toBe(403);
    expect((await bob.post("/api/posts", { text: "x", quoteId: local.id, visibility: "local_only" })).status).toBe(201);

    const carol = await signUp("carol");
    expect((await carol.post("/api/posts", { text: "x", quoteId: followers.id, visibility: "direct" })).status).toBe(404);
  });

  it("keeps members-only community posts inside their community", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    const { community } = await alice.json(
      "POST",
      "/api/communities",
      { name: "club", title: "Club", visibility: "members" },
      201,
    );
    const { invite } = await alice.json("POST", `/api/communities/${community.id}/invites`, {}, 201);
    await bob.json("POST", `/api/communities/${community.id}/join`, { inviteCode: invite.code });
    const secret = await postAs(alice, "members only", { communityId: community.id });
    expect((await bob.post("/api/posts", { text: "leak", quoteId: secret.id })).status).toBe(403);
    expect((await carol.post("/api/posts", { text: "leak", quoteId: secret.id })).status).toBe(404);
    const inside = await postAs(bob, "inside", { quoteId: secret.id, communityId: community.id });
    expect(inside.quote.id).toBe(secret.id);
  });

  it("publishes with sensitive media, reaction acceptance, and media-only text", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 2, 0, 0, 0, 3,
    ]);
    const upload = async (c: Client) => {
      const form = new FormData();
      form.set("file", new File([png], "a.png"));
      form.set("alt", "a dot");
      const res = await c.post("/api/media", form);
      expect(res.status).toBe(201);
      return ((await res.json()) as any).media.id as string;
    };
    const mine = await upload(alice);
    const post = await postAs(alice, "", { mediaIds: [mine], sensitive: true });
    expect(post).toMatchObject({ text: "", sensitive: true });
    expect(post.media).toEqual([
      expect.objectContaining({
        id: mine,
        type: "image",
        contentType: "image/png",
        alt: "a dot",
        url: expect.stringContaining("/media/"),
      }),
    ]);
    expect((await new Client().json("GET", "/api/timelines/local")).items[0].media[0].id).toBe(mine);
    // Already attached, someone else's, or unknown: refused, nothing stored.
    const theirs = await upload(bob);
    for (const mediaIds of [[mine], [theirs], ["01890000-0000-7000-8000-000000000000"]]) {
      const res = await alice.post("/api/posts", { text: "x", mediaIds });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.code).toBe("validation_failed");
    }
    expect((await alice.post("/api/posts", { text: "", mediaIds: [] })).status).toBe(400);
    expect((await alice.json("GET", "/api/accounts/alice/posts")).items).toHaveLength(1);
  });
});
