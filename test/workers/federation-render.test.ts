import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Post, Visibility } from "../../workers/core/posts/post";
import { renderContent } from "../../workers/federation/activitypub/render-content";
import { type LocalUris, renderNote } from "../../workers/federation/activitypub/render-note";
import { ORIGIN, postAs, signUp } from "./client";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const FOLLOWERS = `${ORIGIN}/users/alice/followers`;
const BOB = `${ORIGIN}/users/bob`;

const uris: LocalUris = {
  origin: ORIGIN,
  host: "127.0.0.1:8787",
  actor: (u) => new URL(`${ORIGIN}/users/${u}`),
  followers: (u) => new URL(`${ORIGIN}/users/${u}/followers`),
  note: (id) => new URL(`${ORIGIN}/notes/${id}`),
};

function post(visibility: Visibility, extra: Partial<Post> = {}): Post {
  return {
    id: "0190a000-0000-7000-8000-000000000001",
    author: { id: "a", username: "alice", displayName: "Alice", avatarKey: null },
    text: "hi @bob",
    cw: null,
    visibility,
    replyToId: null,
    replyToExternal: null,
    rootId: "0190a000-0000-7000-8000-000000000001",
    mentionIds: ["b"],
    communityId: null,
    seq: null,
    quoteId: null,
    boostOfId: null,
    reactionAcceptance: "all",
    sensitive: false,
    boostsCount: 0,
    reactionsCount: 0,
    editedAt: null,
    createdAt: new Date("2026-01-02T03:04:05Z"),
    deletedAt: null,
    repliesCount: 0,
    ...extra,
  };
}

async function json(visibility: Visibility, inPublicPlace = true, extra: Partial<Post> = {}) {
  const note = renderNote(uris, { post: post(visibility, extra), inPublicPlace, mentioned: [{ username: "bob" }], media: [] });
  return note ? ((await note.toJsonLd({ format: "compact" })) as Record<string, any>) : null;
}

const list = (v: unknown) => (v === undefined ? [] : [v].flat());

describe("rendering posts as Notes", () => {
  it("addresses each visibility exactly as DESIGN.md says", async () => {
    const addr = async (v: Visibility) => {
      const n = await json(v);
      const norm = (x: unknown) => list(x).map((s) => (s === "as:Public" || s === "Public" ? PUBLIC : s));
      return n ? { to: norm(n.to), cc: norm(n.cc) } : null;
    };
    expect(await addr("public")).toEqual({ to: [PUBLIC], cc: [FOLLOWERS, BOB] });
    expect(await addr("local_public")).toEqual({ to: [FOLLOWERS], cc: [PUBLIC, BOB] });
    expect(await addr("unlisted")).toEqual({ to: [FOLLOWERS], cc: [PUBLIC, BOB] });
    expect(await addr("followers")).toEqual({ to: [FOLLOWERS], cc: [BOB] });
    expect(await addr("direct")).toEqual({ to: [BOB], cc: [] });
    expect(await addr("local_only")).toBeNull();
    // No Public anywhere for followers-only and direct posts.
    expect(JSON.stringify(await json("followers"))).not.toMatch(/#Public|as:Public/);
    expect(JSON.stringify(await json("direct"))).not.toMatch(/#Public|as:Public/);
  });

  it("never renders posts of members-only communities", async () => {
    for (const v of ["public", "unlisted", "followers"] as const) expect(await json(v, false, { communityId: "c" })).toBeNull();
  });

  it("content, CW, reply, quote, edit time, url, mentions and hashtags", async () => {
    const n = await json("public", true, {
      text: "<b>hi</b> @bob see https://example.com/a?b=1&c=2. #Tokyo #1",
      cw: "spoilers",
      replyToId: "r1",
      quoteId: "q1",
      editedAt: new Date("2026-01-03T00:00:00Z"),
    });
    expect(n?.content).toContain("&#60;b&#62;hi&#60;/b&#62;");
    expect(n?.content).toContain(`<a href="${ORIGIN}/@bob" class="u-url mention">@<span>bob</span></a>`);
    expect(n?.content).toContain(
      `<a href="https://example.com/a?b=1&#38;c=2" rel="nofollow noopener noreferrer" target="_blank">example.com/a?b=1&#38;c=2</a>.`,
    );
    expect(n?.content).toContain(`<a href="${ORIGIN}/tags/tokyo" class="mention hashtag" rel="tag">#<span>Tokyo</span></a> #1`);
    expect(n).toMatchObject({
      summary: "spoilers",
      sensitive: true,
      inReplyTo: `${ORIGIN}/notes/r1`,
      quoteUrl: `${ORIGIN}/notes/q1`,
      _misskey_quote: `${ORIGIN}/notes/q1`,
      published: "2026-01-02T03:04:05Z",
      updated: "2026-01-03T00:00:00Z",
      url: `${ORIGIN}/posts/0190a000-0000-7000-8000-000000000001`,
      attributedTo: `${ORIGIN}/users/alice`,
    });
    expect(n?.quote).toBe(`${ORIGIN}/notes/q1`);
    expect(list(n?.tag)).toEqual(
      expect.arrayContaining([
        { type: "Mention", href: BOB, name: "@bob@127.0.0.1:8787" },
        { type: "Hashtag", href: `${ORIGIN}/tags/tokyo`, name: "#tokyo" },
      ]),
    );
  });

  it("escapes everything and keeps line breaks", () => {
    const r = renderContent(`a"'<script>\n\nb\nc`, { mentions: new Map(), tagUrl: (t) => `/tags/${t}` }, "h");
    expect(r.html).toBe("<p>a&#34;&#39;&#60;script&#62;</p><p>b<br>c</p>");
  });

  it("attachments carry URL, type, alt text and size; the Note id equals the post's API uri", async () => {
    const alice = await signUp("alice");
    const form = new FormData();
    const png = Uint8Array.from(
      atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
      (c) => c.charCodeAt(0),
    );
    form.append("file", new File([png], "a.png", { type: "image/png" }));
    form.append("alt", "a dot");
    const up = await alice.request("POST", "/api/media", form);
    expect(up.status).toBe(201);
    const media = (await up.json<{ media: { id: string } }>()).media;
    const p = await postAs(alice, "pic", { mediaIds: [media.id] });
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/notes/${p.id}`, { headers: { accept: "application/activity+json" } }),
    );
    const note = await res.json<Record<string, any>>();
    expect(note.id).toBe(p.uri);
    const att = list(note.attachment)[0] as Record<string, any>;
    expect(att).toMatchObject({ type: "Document", mediaType: "image/png", name: "a dot", width: 1, height: 1 });
    expect(att.url).toMatch(new RegExp(`^${ORIGIN}/media/`));
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM media WHERE post_id = ?").bind(p.id).first("n")).toBe(1);
  });
});
