import { createExecutionContext, env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../workers/http/app";
import { type Client, ORIGIN, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = `${AS}#Public`;
const proxied = (url: string) => `${ORIGIN}/proxy/media?url=${encodeURIComponent(url)}`;

interface Item {
  id: string;
  html: string;
  text: string;
  cw: string | null;
  sensitive: boolean;
  author: { avatarUrl: string | null; displayName: string };
  emojis: { shortcode: string; url: string }[];
  media: Record<string, unknown>[];
}

async function deliver(actor: FakeActor, activity: Record<string, unknown>) {
  const res = await exports.default.fetch(
    await signedPost(
      `${ORIGIN}/inbox`,
      {
        "@context": [
          AS,
          { toot: "http://joinmastodon.org/ns#", blurhash: "toot:blurhash", Emoji: "toot:Emoji", sensitive: "as:sensitive" },
        ],
        ...activity,
      },
      actor,
    ),
  );
  expect(res.status).toBe(202);
}

async function setup() {
  const alice = await signUp("alice");
  const bob = await fakeActor("remote.example", "bob");
  restore = serveRemotes([bob]).restore;
  const me = await alice.json<{ account: { id: string } }>("GET", "/api/me");
  await env.DB.prepare(
    "INSERT INTO remote_actors (id, iri, host, handle, name, inbox, avatar_url, updated_at) VALUES ('ra-bob', ?, 'remote.example', '@bob@remote.example', 'Bob :blobcat:', ?, 'https://remote.example/avatars/bob.png', 0)",
  )
    .bind(bob.id, bob.inbox)
    .run();
  await env.DB.prepare(
    "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, 'ra-bob', 'x', 1, 1)",
  )
    .bind(me.account.id)
    .run();
  return { alice, bob };
}

const federated = async (c: Client) => (await c.json<{ items: Item[] }>("GET", "/api/timelines/federated")).items;

describe("remote posts: attachments, custom emoji and proxied media", () => {
  it("keeps attachment metadata and custom emoji, and presents every remote image through the proxy", async () => {
    const { alice, bob } = await setup();
    const id = `${bob.id}/statuses/1`;
    await deliver(bob, {
      id: `${id}/activity`,
      type: "Create",
      actor: bob.id,
      object: {
        id,
        type: "Note",
        attributedTo: bob.id,
        content: '<p>hello :blobcat: <a href="javascript:alert(1)" onclick="x()">x</a><img src="https://evil.example/t.png"></p>',
        summary: "cw :blobcat:",
        sensitive: true,
        published: "2026-01-01T00:00:00Z",
        to: [PUBLIC],
        attachment: [
          {
            type: "Document",
            mediaType: "image/jpeg",
            url: "https://remote.example/media/cat.jpg",
            name: "a cat",
            width: 1200,
            height: 800,
            blurhash: "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
          },
          { type: "Document", mediaType: "video/mp4", url: "https://remote.example/media/clip.mp4" },
          { type: "Document", mediaType: "audio/mpeg", url: "https://remote.example/media/song.mp3", name: "a song" },
          { type: "Document", mediaType: "image/png", url: "javascript:alert(1)" },
        ],
        tag: [
          {
            type: "Emoji",
            name: ":blobcat:",
            icon: { type: "Image", mediaType: "image/png", url: "https://remote.example/emoji/blobcat.png" },
          },
          { type: "Emoji", name: ":bad name:", icon: { type: "Image", url: "https://remote.example/emoji/x.png" } },
          { type: "Emoji", name: ":jsurl:", icon: { type: "Image", url: "javascript:alert(1)" } },
        ],
      },
    });
    const [item] = await federated(alice);
    expect(item?.sensitive).toBe(true);
    expect(item?.cw).toBe("cw :blobcat:");
    expect(item?.html).toBe("<p>hello :blobcat: <a>x</a></p>");
    expect(item?.author.avatarUrl).toBe(proxied("https://remote.example/avatars/bob.png"));
    expect(item?.emojis).toEqual([{ shortcode: "blobcat", url: proxied("https://remote.example/emoji/blobcat.png") }]);
    expect(item?.media).toEqual([
      {
        id: "https://remote.example/media/cat.jpg",
        url: proxied("https://remote.example/media/cat.jpg"),
        remoteUrl: "https://remote.example/media/cat.jpg",
        type: "image",
        contentType: "image/jpeg",
        width: 1200,
        height: 800,
        blurhash: "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
        alt: "a cat",
      },
      expect.objectContaining({
        type: "video",
        url: proxied("https://remote.example/media/clip.mp4"),
        width: null,
        blurhash: null,
      }),
      expect.objectContaining({ type: "audio", alt: "a song", contentType: "audio/mpeg" }),
    ]);
    // Nothing of it was written to R2.
    expect((await env.MEDIA.list()).objects).toHaveLength(0);

    // The operator switch REMOTE_MEDIA=off: no remote image is presented, and the proxy refuses.
    const off = { ...env, REMOTE_MEDIA: "off" } as unknown as Env;
    const app = createApp();
    const hidden = (await (
      await app.fetch(new Request(`${ORIGIN}/api/timelines/federated`), off, createExecutionContext())
    ).json()) as { items: Item[] };
    expect(hidden.items[0]).toMatchObject({ media: [], emojis: [], author: { avatarUrl: null } });
    expect(hidden.items[0]?.html).toContain(":blobcat:");
    const proxy = await app.fetch(
      new Request(`${ORIGIN}/proxy/media?url=${encodeURIComponent("https://remote.example/media/cat.jpg")}`),
      off,
      createExecutionContext(),
    );
    expect(proxy.status).toBe(404);
  });

  it("custom emoji of a remote display name are kept from the actor's tags and presented through the proxy", async () => {
    const { alice } = await setup();
    const carol = await fakeActor("other.example", "carol");
    Object.assign(carol.document, {
      "@context": [...(carol.document["@context"] as string[]), { toot: "http://joinmastodon.org/ns#", Emoji: "toot:Emoji" }],
      name: "Carol :wave:",
      tag: [{ type: "Emoji", name: ":wave:", icon: { type: "Image", url: "https://other.example/emoji/wave.png" } }],
    });
    restore?.();
    restore = serveRemotes([carol]).restore;
    const id = `${carol.id}/statuses/1`;
    await deliver(carol, {
      id: `${id}/activity`,
      type: "Create",
      actor: carol.id,
      object: {
        id,
        type: "Note",
        attributedTo: carol.id,
        content: "<p>hello @alice</p>",
        published: "2026-01-02T00:00:00Z",
        to: [PUBLIC, `${ORIGIN}/users/alice`],
        tag: [{ type: "Mention", href: `${ORIGIN}/users/alice`, name: "@alice" }],
      },
    });
    const item = (await federated(alice)).find((p) => p.author.displayName === "Carol :wave:") as
      | (Item & { author: { emojis?: unknown } })
      | undefined;
    expect(item?.author.emojis).toEqual([{ shortcode: "wave", url: proxied("https://other.example/emoji/wave.png") }]);
    const profile = await alice.json<{ account: { emojis: unknown } }>("GET", "/api/accounts/@carol@other.example");
    expect(profile.account.emojis).toEqual([{ shortcode: "wave", url: proxied("https://other.example/emoji/wave.png") }]);
  });

  it("a remote profile's avatar is proxied too", async () => {
    const { alice } = await setup();
    const profile = await alice.json<{ account: { avatarUrl: string | null } }>("GET", "/api/accounts/@bob@remote.example");
    expect(profile.account.avatarUrl).toBe(proxied("https://remote.example/avatars/bob.png"));
  });
});
