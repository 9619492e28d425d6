/**
 * AT Protocol records -> our remote-post shape, from recorded fixtures: rich text with
 * facets (UTF-8 byte offsets, escaping, unsafe links), embeds (images, external cards,
 * quotes, quote with media), self-labels, replies, malformed records; DID documents,
 * handles and at:// URIs.
 */
import { describe, expect, it } from "vitest";
import { mapPost } from "../../workers/federation/atproto/map-post";
import {
  DidDocument,
  isDid,
  normalizeHandle,
  PostRecord,
  parseAtUri,
  parseRecord,
  readDidDocument,
} from "../../workers/federation/atproto/records";
import { renderRichText } from "../../workers/federation/atproto/rich-text";
import { ALICE, ALICE_PDS } from "./atproto-fixtures";
import aliceDid from "./fixtures/atproto/did-alice.json";
import posts from "./fixtures/atproto/posts-alice.json";

const NOW = new Date("2026-11-22T00:00:00Z");
const author = { did: ALICE, handle: "alice.bsky.social", pds: ALICE_PDS };
const byRkey = (rkey: string) => {
  const r = posts.find((p) => p.uri.endsWith(`/${rkey}`));
  if (!r) throw new Error(rkey);
  return r;
};
const map = (rkey: string) => {
  const r = byRkey(rkey);
  const record = parseRecord(PostRecord, r.value);
  if (!record) throw new Error(`${rkey} did not parse`);
  return mapPost(author, r.uri, record, NOW);
};

describe("rich text", () => {
  it("escapes text and keeps paragraphs and line breaks", () => {
    expect(renderRichText("a <b>&</b>\nline\n\nnext")).toBe("<p>a &lt;b&gt;&amp;&lt;/b&gt;<br>line</p><p>next</p>");
  });

  it("links facets by UTF-8 byte offsets, also after multi-byte text", () => {
    const note = map("3lbqqlink000a");
    expect(note.content).toBe(
      '<p>日本語 <a href="https://example.com/%E8%A8%98%E4%BA%8B" rel="nofollow noopener noreferrer" target="_blank">https://example.com/記事</a> &lt;b&gt;bold?&lt;/b&gt;</p>',
    );
    expect(note.text).toBe("日本語 https://example.com/記事 <b>bold?</b>");
  });

  it("renders mentions and tags as links to bsky.app", () => {
    const html = map("3lbqqreply00a").content;
    expect(html).toContain('<a href="https://bsky.app/profile/did:plc:bob23456bob23456bob23456" class="mention"');
    expect(html).toContain(">@bob.bsky.social</a>");
    expect(html).toContain('<a href="https://bsky.app/hashtag/trains" class="hashtag"');
  });

  it("drops unsafe links, overlapping and out-of-range facets, and ranges inside a character", () => {
    const text = "click é here";
    const link = (byteStart: number, byteEnd: number, uri: string) => ({
      index: { byteStart, byteEnd },
      features: [{ $type: "app.bsky.richtext.facet#link" as const, uri }],
    });
    expect(renderRichText(text, [link(0, 5, "javascript:alert(1)")])).toBe("<p>click é here</p>");
    expect(renderRichText(text, [link(0, 5, "https://a.example/"), link(3, 8, "https://b.example/")])).toBe(
      '<p><a href="https://a.example/" rel="nofollow noopener noreferrer" target="_blank">click</a> é here</p>',
    );
    expect(renderRichText(text, [link(6, 7, "https://a.example/")])).toBe("<p>click é here</p>");
    expect(renderRichText(text, [link(0, 999, "https://a.example/")])).toBe("<p>click é here</p>");
    expect(renderRichText("x", [link(0, 1, 'https://a.example/"onmouseover="x')])).toContain(
      'href="https://a.example/%22onmouseover=%22x"',
    );
  });
});

describe("mapping posts", () => {
  it("a plain post: escaped, linked to bsky.app, kept out of the federated timeline", () => {
    const note = map("3lbqqfirst00a");
    expect(note).toMatchObject({
      iri: `at://${ALICE}/app.bsky.feed.post/3lbqqfirst00a`,
      protocol: "atproto",
      url: "https://bsky.app/profile/alice.bsky.social/post/3lbqqfirst00a",
      visibility: "unlisted",
      cw: null,
      sensitive: false,
      inReplyTo: null,
      media: [],
      embed: null,
    });
    expect(note.content).toBe("<p>hello</p><p>world &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(note.publishedAt.toISOString()).toBe("2026-11-20T09:00:00.000Z");
  });

  it("a quote with an image: the quote as an embed, the image linked to the author's PDS", () => {
    const note = map("3lbqquote000a");
    expect(note.embed).toEqual({
      type: "quote",
      uri: "at://did:plc:bob23456bob23456bob23456/app.bsky.feed.post/3lbqbob00000a",
      url: "https://bsky.app/profile/did:plc:bob23456bob23456bob23456/post/3lbqbob00000a",
    });
    expect(note.media).toEqual([
      {
        url: `${ALICE_PDS}/xrpc/com.atproto.sync.getBlob?did=${encodeURIComponent(ALICE)}&cid=bafkreicat`,
        type: "image",
        mediaType: "image/png",
        alt: "a cat",
      },
    ]);
  });

  it("an external link card with its thumbnail as a link", () => {
    expect(map("3lbqqlink000a").embed).toEqual({
      type: "external",
      url: "https://example.com/%E8%A8%98%E4%BA%8B",
      title: "An article",
      description: "About things",
      thumbUrl: `${ALICE_PDS}/xrpc/com.atproto.sync.getBlob?did=${encodeURIComponent(ALICE)}&cid=bafkreithumb`,
    });
  });

  it("self-labels blur the post behind a content warning; replies keep their parent", () => {
    expect(map("3lbqqlabel00a")).toMatchObject({ sensitive: true, cw: "Adult content" });
    expect(map("3lbqqreply00a").inReplyTo).toBe("at://did:plc:bob23456bob23456bob23456/app.bsky.feed.post/3lbqbob00000a");
  });

  it("refuses malformed records, ignores unknown embeds, clamps future dates", () => {
    expect(parseRecord(PostRecord, byRkey("3lbqqbroken0a").value)).toBeNull();
    expect(parseRecord(PostRecord, null)).toBeNull();
    const odd = parseRecord(PostRecord, { text: "x", createdAt: "2999-01-01T00:00:00Z", embed: { $type: "app.example.poll" } });
    expect(odd?.embed).toBeUndefined();
    if (!odd) throw new Error("odd");
    expect(mapPost(author, `at://${ALICE}/app.bsky.feed.post/x`, odd, NOW).publishedAt).toEqual(NOW);
  });
});

describe("identity syntax", () => {
  it("reads the PDS and the claimed handle from a DID document", () => {
    const doc = parseRecord(DidDocument, aliceDid);
    expect(doc && readDidDocument(doc)).toEqual({ pds: ALICE_PDS, handle: "alice.bsky.social" });
  });

  it("parses handles, DIDs and at:// URIs", () => {
    expect(normalizeHandle("@Alice.BSKY.social")).toBe("alice.bsky.social");
    expect(normalizeHandle("alice")).toBeNull();
    expect(normalizeHandle("a..b.com")).toBeNull();
    expect(isDid(ALICE)).toBe(true);
    expect(isDid("did:web:example.com")).toBe(true);
    expect(isDid("did:key:z6Mk")).toBe(false);
    expect(parseAtUri(`at://${ALICE}/app.bsky.feed.post/3lbq`)).toEqual({
      authority: ALICE,
      collection: "app.bsky.feed.post",
      rkey: "3lbq",
    });
    expect(parseAtUri("at://alice.bsky.social")).toEqual({ authority: "alice.bsky.social", collection: null, rkey: null });
    expect(parseAtUri("https://bsky.app")).toBeNull();
  });
});
