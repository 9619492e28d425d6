/// <reference types="vite/client" />
/**
 * Real-world payload shapes (test/fixtures/activitypub, by sending host) through the real
 * inbox: each is signed by its actor's fake server and must have the effect it has on
 * Mastodon-compatible servers, or be refused when sent by someone else.
 */
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Client, ORIGIN, postAs, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

const FIXTURES = import.meta.glob("../fixtures/activitypub/**/*.json", {
  eager: true,
  query: "?raw",
  import: "default",
}) as Record<string, string>;

let postId = "";
function fixture(name: string): Record<string, unknown> {
  const raw = FIXTURES[`../fixtures/activitypub/${name}.json`];
  if (!raw) throw new Error(`no fixture ${name}`);
  return JSON.parse(raw.replaceAll("{{ORIGIN}}", ORIGIN).replaceAll("{{POST}}", postId)) as Record<string, unknown>;
}

let restore: (() => void) | undefined;
let mastodon: FakeActor;
let misskey: FakeActor;
let kmyblue: FakeActor;
let bob: Client;

beforeEach(async () => {
  [mastodon, misskey, kmyblue] = await Promise.all([
    fakeActor("mastodon.example", "alice"),
    fakeActor("misskey.example", "9abc0001"),
    fakeActor("kmyblue.example", "kana"),
  ]);
  restore = serveRemotes([mastodon, misskey, kmyblue]).restore;
  bob = await signUp("bob");
  postId = (await postAs(bob, "a local post")).id;
});
afterEach(() => {
  restore?.();
  restore = undefined;
});

async function send(name: string, as: FakeActor, status = 202, patch: (a: Record<string, unknown>) => unknown = (a) => a) {
  const res = await exports.default.fetch(
    await signedPost(`${ORIGIN}/inbox`, patch(fixture(name)) as Record<string, unknown>, as),
  );
  expect(res.status, name).toBe(status);
}

interface Notice {
  type: string;
  account?: { acct: string };
  post?: { id: string; text: string; visibility: string };
}
const notices = async () => (await bob.json<{ items: Notice[] }>("GET", "/api/notifications")).items;
const localPost = async () =>
  (
    await bob.json<{ post: { boostsCount: number; reactions: { emoji: string; count: number }[] } }>(
      "GET",
      `/api/posts/${postId}`,
    )
  ).post;
const remotePost = (iri: string) =>
  env.DB.prepare("SELECT visibility, text, content, media, deleted FROM remote_posts WHERE iri = ?").bind(iri).first<{
    visibility: string;
    text: string;
    content: string;
    media: string;
    deleted: number;
  }>();
const remoteActor = (iri: string) =>
  env.DB.prepare("SELECT name, summary, avatar_url, deleted_at IS NOT NULL AS deleted FROM remote_actors WHERE iri = ?")
    .bind(iri)
    .first();

async function follow(who: FakeActor) {
  const me = (await bob.json<{ account: { id: string } }>("GET", "/api/me")).account.id;
  await env.DB.batch([
    env.DB.prepare(
      "INSERT OR IGNORE INTO remote_actors (id, iri, host, handle, inbox, updated_at) VALUES (?, ?, ?, ?, ?, 0)",
    ).bind(`ra-${who.keyId}`, who.id, new URL(who.id).host, null, who.inbox),
    env.DB.prepare(
      "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, 'f', 1, 1)",
    ).bind(me, `ra-${who.keyId}`),
  ]);
}

describe("Mastodon payloads", () => {
  it("Create(Note) with HTML, a mention, a hashtag, a custom emoji and an image: cached, sanitised, bob notified", async () => {
    await send("mastodon.example/create-note", mastodon);
    const row = await remotePost("https://mastodon.example/users/alice/statuses/113000000000000001");
    expect(row?.visibility).toBe("public");
    expect(row?.text).toBe("@bob hello from Mastodon #fediverse :blobcat:\n\nsecond https://example.org/page");
    expect(row?.content).not.toContain("onclick");
    expect(JSON.parse(row?.media ?? "[]")).toEqual([
      {
        url: "https://files.mastodon.example/media_attachments/files/113/000/001/original/cat.jpg",
        type: "image",
        mediaType: "image/jpeg",
        alt: "A cat on a sofa",
        width: 1200,
        height: 800,
        blurhash: null,
      },
    ]);
    expect((await notices()).map((n) => [n.type, n.account?.acct])).toEqual([["mention", "alice@mastodon.example"]]);
  });

  it("Like is a ❤️ reaction, Announce a boost (both notify once)", async () => {
    await send("mastodon.example/like", mastodon);
    await send("mastodon.example/announce", mastodon);
    await send("mastodon.example/announce", mastodon);
    const post = await localPost();
    expect(post.reactions).toEqual([{ emoji: "❤️", count: 1, me: false }]);
    expect(post.boostsCount).toBe(1);
    expect((await notices()).map((n) => n.type)).toEqual(["boost"]);
  });

  it("a quote (FEP-044f quote, quoteUri, _misskey_quote) from a followed account is cached with its link", async () => {
    await follow(mastodon);
    await send("mastodon.example/create-quote", mastodon);
    const row = await remotePost("https://mastodon.example/users/alice/statuses/113000000000000003");
    expect(row?.text).toContain(`RE: ${ORIGIN}/notes/${postId}`);
  });

  it("Delete with a Tombstone removes the cached Note", async () => {
    await send("mastodon.example/create-note", mastodon);
    await send("mastodon.example/delete-note", mastodon);
    expect(await remotePost("https://mastodon.example/users/alice/statuses/113000000000000001")).toMatchObject({
      deleted: 1,
      text: "",
    });
  });

  it("Update(Person) refreshes the profile (sanitised bio, new avatar); Delete of the actor tombstones it", async () => {
    await send("mastodon.example/like", mastodon);
    await send("mastodon.example/update-person", mastodon, 202, (a) => ({
      ...a,
      object: { ...(a.object as object), publicKey: mastodon.document.publicKey },
    }));
    expect(await remoteActor(mastodon.id)).toEqual({
      name: "Alice in Fediland",
      summary: expect.not.stringContaining("onerror"),
      avatar_url: "https://files.mastodon.example/accounts/avatars/alice-2.png",
      deleted: 0,
    });
    await send("mastodon.example/delete-actor", mastodon);
    expect(await remoteActor(mastodon.id)).toMatchObject({ deleted: 1 });
    expect((await localPost()).reactions).toEqual([]);
  });

  it("hostile: an Update of alice's Person sent by someone else changes nothing; a forged actor is refused", async () => {
    await send("mastodon.example/like", mastodon);
    await send("mastodon.example/update-person", misskey, 202, (a) => ({ ...a, actor: misskey.id }));
    expect((await remoteActor(mastodon.id))?.name).toBe("ALICE");
    await send("mastodon.example/update-person", misskey, 401);
    await send("mastodon.example/delete-actor", misskey, 401);
    await send("mastodon.example/delete-actor", misskey, 202, (a) => ({ ...a, actor: misskey.id }));
    expect(await remoteActor(mastodon.id)).toMatchObject({ deleted: 0 });
  });
});

describe("Misskey payloads", () => {
  it("Create(Note) with single-string `to`, _misskey_quote/quoteUrl and an emoji tag: public, bob notified", async () => {
    await send("misskey.example/create-note-quote", misskey);
    const row = await remotePost("https://misskey.example/notes/9xk2a0001");
    expect(row?.visibility).toBe("public");
    expect(row?.text).toContain("これ見て");
    expect((await notices()).map((n) => [n.type, n.post?.visibility])).toEqual([["mention", "public"]]);
    await send("misskey.example/delete-note", misskey);
    expect((await remotePost("https://misskey.example/notes/9xk2a0001"))?.deleted).toBe(1);
  });

  it("`as:Public` and bare `Public` in `to` are read as Public", async () => {
    for (const [n, form] of [
      ["1", "as:Public"],
      ["2", "Public"],
    ] as const) {
      await send("misskey.example/create-note-quote", misskey, 202, (a) => {
        const object = { ...(a.object as Record<string, unknown>), id: `https://misskey.example/notes/form${n}`, to: form };
        return { ...a, id: `${object.id}/activity`, to: form, object };
      });
      expect((await remotePost(`https://misskey.example/notes/form${n}`))?.visibility, form).toBe("public");
    }
  });

  it("Like with _misskey_reaction: a Unicode emoji as sent, a remote custom emoji as ❤️", async () => {
    await send("misskey.example/like-unicode", misskey);
    await send("misskey.example/like-custom-emoji", misskey);
    expect((await localPost()).reactions).toEqual(
      expect.arrayContaining([
        { emoji: "🎉", count: 1, me: false },
        { emoji: "❤️", count: 1, me: false },
      ]),
    );
  });

  it("a renote (Announce, single-string `to`) is a boost; Delete of the actor removes it", async () => {
    await send("misskey.example/renote", misskey);
    expect((await localPost()).boostsCount).toBe(1);
    await send("misskey.example/delete-actor", misskey);
    expect((await localPost()).boostsCount).toBe(0);
    expect(await remoteActor(misskey.id)).toMatchObject({ deleted: 1 });
  });
});

describe("kmyblue payloads", () => {
  it("EmojiReact: Unicode as sent, custom emoji as ❤️", async () => {
    await send("kmyblue.example/emoji-react", kmyblue);
    await send("kmyblue.example/emoji-react-unicode", kmyblue);
    expect((await localPost()).reactions).toEqual(
      expect.arrayContaining([
        { emoji: "🥺", count: 1, me: false },
        { emoji: "❤️", count: 1, me: false },
      ]),
    );
  });

  it("local-public from a server that is not a friend is unlisted (as:Public in cc)", async () => {
    await send("kmyblue.example/create-note-local-public", kmyblue);
    const row = await remotePost("https://kmyblue.example/users/kana/statuses/200000000000000001");
    expect(row?.visibility).toBe("unlisted");
    expect((await notices()).map((n) => n.type)).toEqual(["mention"]);
  });

  it("a direct Note with single-string `to` and `tag` is direct and reaches only bob", async () => {
    const carol = await signUp("carol");
    await send("kmyblue.example/create-note-direct", kmyblue);
    const row = await remotePost("https://kmyblue.example/users/kana/statuses/200000000000000002");
    expect(row?.visibility).toBe("direct");
    const home = async (c: Client) => (await c.json<{ items: { text: string }[] }>("GET", "/api/timelines/home")).items;
    expect((await home(bob)).map((p) => p.text)).toContain("ないしょ");
    expect(await home(carol)).toEqual([]);
  });
});
