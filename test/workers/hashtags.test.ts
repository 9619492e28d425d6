import { describe, expect, it } from "vitest";
import { Client, postAs, signUp } from "./client";

const tag = async (c: Client, t: string) => (await c.json("GET", `/api/timelines/tag/${encodeURIComponent(t)}`)).items;

describe("hashtags", () => {
  it("links Unicode, NFKC-normalised, lower-cased tags and lists them on a public timeline", async () => {
    const alice = await signUp("alice");
    const post = await postAs(alice, "Tokyo #東京 #Ｃａｔｓ #cats #123 a#not &#39;");
    expect(post.hashtags).toEqual(["東京", "cats"]);
    const anon = new Client();
    expect((await tag(anon, "東京")).map((p: any) => p.id)).toEqual([post.id]);
    expect((await tag(anon, "CATS")).map((p: any) => p.id)).toEqual([post.id]);
    expect(await tag(anon, "not")).toEqual([]);
    expect((await anon.get(`/api/timelines/tag/${encodeURIComponent("no spaces")}`)).status).toBe(400);
  });

  it("keeps at most 10 tags per post", async () => {
    const alice = await signUp("alice");
    const text = Array.from({ length: 12 }, (_, i) => `#t${i}`).join(" ");
    const post = await postAs(alice, text);
    expect(post.hashtags).toHaveLength(10);
    expect(await tag(new Client(), "t11")).toEqual([]);
  });

  it("pages with a keyset cursor", async () => {
    const alice = await signUp("alice");
    for (let i = 0; i < 5; i++) await postAs(alice, `#page ${i}`);
    const first = await new Client().json("GET", "/api/timelines/tag/page?limit=3");
    expect(first.items.map((p: any) => p.text)).toEqual(["#page 4", "#page 3", "#page 2"]);
    const second = await new Client().json("GET", `/api/timelines/tag/page?limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((p: any) => p.text)).toEqual(["#page 1", "#page 0"]);
    expect(second.nextCursor).toBeNull();
  });

  it("excludes unlisted, followers-only, direct, local-only and members-only community posts", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    await bob.json("POST", "/api/follows", { target: "alice" });
    for (const visibility of ["unlisted", "followers", "direct", "local_only"])
      await postAs(alice, `#secret ${visibility}`, { visibility });
    const { community } = await alice.json(
      "POST",
      "/api/communities",
      { name: "club", title: "Club", visibility: "members" },
      201,
    );
    await postAs(alice, "#secret in the club", { communityId: community.id });
    const { community: open } = await alice.json("POST", "/api/communities", { name: "open", title: "Open" }, 201);
    const visible = await postAs(alice, "#secret in the open", { communityId: open.id });
    const shown = await postAs(alice, "#secret local public", { visibility: "local_public" });
    expect((await tag(bob, "secret")).map((p: any) => p.id)).toEqual([shown.id, visible.id]);
    expect((await tag(alice, "secret")).map((p: any) => p.id)).toEqual([shown.id, visible.id]);
  });
});
