import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Client, ORIGIN, postAs, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

/** As Misskey and Pleroma send them: `_misskey_reaction` and `EmojiReact` (litepub) are defined. */
const CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  { misskey: "https://misskey-hub.net/ns#", _misskey_reaction: "misskey:_misskey_reaction" },
  { litepub: "http://litepub.social/ns#", EmojiReact: "litepub:EmojiReact" },
];
const note = (id: string) => `${ORIGIN}/notes/${id}`;

async function deliver(actor: FakeActor, activity: Record<string, unknown>) {
  const res = await exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, { "@context": CONTEXT, ...activity }, actor));
  expect(res.status).toBe(202);
}

/** The post's reactions as its author sees them through the API. */
async function reactionsOf(c: Client, postId: string) {
  const { post } = await c.json<{ post: { reactions: { emoji: string; count: number }[]; reactionsCount?: number } }>(
    "GET",
    `/api/posts/${postId}`,
  );
  return post.reactions.map((r) => [r.emoji, r.count]);
}

async function setup() {
  const alice = await signUp("alice");
  const bob = await fakeActor("remote.example", "bob");
  restore = serveRemotes([bob]).restore;
  return { alice, bob };
}

describe("inbound reactions", () => {
  it("Like with _misskey_reaction, plain Like, EmojiReact; Undo removes; idempotent", async () => {
    const { alice, bob } = await setup();
    const post = await postAs(alice, "react to me");
    await deliver(bob, {
      id: `${bob.id}#likes/1`,
      type: "Like",
      actor: bob.id,
      object: note(post.id),
      _misskey_reaction: "👍",
      content: "👍",
    });
    await deliver(bob, {
      id: `${bob.id}#likes/1`,
      type: "Like",
      actor: bob.id,
      object: note(post.id),
      _misskey_reaction: "👍",
      content: "👍",
    });
    await deliver(bob, { id: `${bob.id}#reacts/1`, type: "EmojiReact", actor: bob.id, object: note(post.id), content: "🎉" });
    expect(await reactionsOf(alice, post.id)).toEqual(
      expect.arrayContaining([
        ["👍", 1],
        ["🎉", 1],
      ]),
    );
    // A local reaction with the same emoji adds to the same count.
    await alice.json("POST", `/api/posts/${post.id}/reactions`, { emoji: "🎉" }, 200);
    expect(await reactionsOf(alice, post.id)).toEqual(expect.arrayContaining([["🎉", 2]]));

    // Undo naming the Like by id only; Undo embedding the EmojiReact.
    await deliver(bob, { id: `${bob.id}#undo/1`, type: "Undo", actor: bob.id, object: `${bob.id}#likes/1` });
    await deliver(bob, {
      id: `${bob.id}#undo/2`,
      type: "Undo",
      actor: bob.id,
      object: { id: `${bob.id}#reacts/1`, type: "EmojiReact", actor: bob.id, object: note(post.id), content: "🎉" },
    });
    expect(await reactionsOf(alice, post.id)).toEqual([["🎉", 1]]);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM remote_reactions").first("n")).toBe(0);
  });

  it("a plain Like and a remote custom emoji are ❤️", async () => {
    const { alice, bob } = await setup();
    const post = await postAs(alice, "like me");
    await deliver(bob, { id: `${bob.id}#likes/2`, type: "Like", actor: bob.id, object: note(post.id) });
    const other = await postAs(alice, "custom");
    await deliver(bob, {
      id: `${bob.id}#likes/3`,
      type: "Like",
      actor: bob.id,
      object: note(other.id),
      content: ":blobcat:",
      _misskey_reaction: ":blobcat@remote.example:",
      tag: [{ type: "Emoji", name: ":blobcat:", icon: { type: "Image", url: "https://remote.example/e/blobcat.png" } }],
    });
    expect(await reactionsOf(alice, post.id)).toEqual([["❤️", 1]]);
    expect(await reactionsOf(alice, other.id)).toEqual([["❤️", 1]]);
  });

  it("respects reaction acceptance and what the remote actor may see", async () => {
    const { alice, bob } = await setup();
    const likes = await postAs(alice, "likes only", { reactionAcceptance: "likes" });
    const none = await postAs(alice, "no reactions", { reactionAcceptance: "none" });
    const followers = await postAs(alice, "followers", { visibility: "followers" });
    const direct = await postAs(alice, "direct", { visibility: "direct" });
    const localOnly = await postAs(alice, "local only", { visibility: "local_only" });
    for (const [i, p] of [likes, none, followers, direct, localOnly].entries()) {
      await deliver(bob, { id: `${bob.id}#reacts/x${i}`, type: "EmojiReact", actor: bob.id, object: note(p.id), content: "🎉" });
    }
    expect(await reactionsOf(alice, likes.id)).toEqual([["❤️", 1]]);
    for (const p of [none, followers]) expect(await reactionsOf(alice, p.id)).toEqual([]);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM remote_reactions").first("n")).toBe(1);

    // Once bob follows alice, her followers-only posts take his reactions.
    await deliver(bob, { id: `${bob.id}#follows/1`, type: "Follow", actor: bob.id, object: `${ORIGIN}/users/alice` });
    await deliver(bob, {
      id: `${bob.id}#reacts/y`,
      type: "EmojiReact",
      actor: bob.id,
      object: note(followers.id),
      content: "🎉",
    });
    expect(await reactionsOf(alice, followers.id)).toEqual([["🎉", 1]]);
  });
});
