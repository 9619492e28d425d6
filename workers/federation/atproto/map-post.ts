/**
 * An app.bsky.feed.post record -> the protocol-neutral remote post (RemoteNote) the
 * timelines show. Text and facets become escaped HTML (rich-text.ts); images, video and
 * link-card thumbnails become links to the blob on the author's PDS (never copied);
 * quotes and link cards become the embed; self-labels (porn, sexual, nudity,
 * graphic-media, gore) mark the post sensitive with a content warning.
 */
import type { RemoteEmbed, RemoteMedia, RemoteNote } from "../../db/d1-remote-post-store";
import { type BlobRef, blobCid, type MediaEmbed, type PostRecord, parseAtUri } from "./records";
import { renderRichText } from "./rich-text";

/** Label values that hide the content behind a warning (https://docs.bsky.app/docs/advanced-guides/moderation). */
export const SENSITIVE_LABELS: Record<string, string> = {
  porn: "Adult content",
  sexual: "Sexually suggestive",
  nudity: "Nudity",
  "graphic-media": "Graphic media",
  gore: "Graphic media",
};

export interface Author {
  readonly did: string;
  readonly handle: string | null;
  readonly pds: string;
}

/** A blob's URL on the author's PDS (com.atproto.sync.getBlob): linked, never fetched by us. */
export function blobUrl(author: Pick<Author, "did" | "pds">, blob: BlobRef): string {
  const base = author.pds.replace(/\/+$/, "");
  return `${base}/xrpc/com.atproto.sync.getBlob?did=${encodeURIComponent(author.did)}&cid=${encodeURIComponent(blobCid(blob))}`;
}

/** The web page of a post or profile on bsky.app. */
export function webUrl(author: Pick<Author, "did" | "handle">, rkey?: string): string {
  const profile = `https://bsky.app/profile/${author.handle ?? author.did}`;
  return rkey ? `${profile}/post/${rkey}` : profile;
}

/** A quoted post's web page, when its URI names a post. */
function postWebUrl(uri: string): string | null {
  const at = parseAtUri(uri);
  return at?.collection === "app.bsky.feed.post" && at.rkey ? `https://bsky.app/profile/${at.authority}/post/${at.rkey}` : null;
}

function mediaOf(author: Author, embed: MediaEmbed): { media: RemoteMedia[]; card: RemoteEmbed | null } {
  switch (embed.$type) {
    case "app.bsky.embed.images":
      return {
        media: embed.images.map((i) => ({
          url: blobUrl(author, i.image),
          type: "image",
          mediaType: i.image.mimeType,
          alt: i.alt,
        })),
        card: null,
      };
    case "app.bsky.embed.video":
      return {
        media: [{ url: blobUrl(author, embed.video), type: "video", mediaType: embed.video.mimeType, alt: embed.alt }],
        card: null,
      };
    case "app.bsky.embed.external": {
      const e = embed.external;
      if (!URL.canParse(e.uri) || !/^https?:$/.test(new URL(e.uri).protocol)) return { media: [], card: null };
      return {
        media: [],
        card: {
          type: "external",
          url: new URL(e.uri).href,
          title: e.title.slice(0, 300),
          description: e.description.slice(0, 1000),
          thumbUrl: e.thumb ? blobUrl(author, e.thumb) : null,
        },
      };
    }
  }
}

/** Clamps a record's claimed time: unparsable or in the future means "now" (createdAt is self-declared). */
function claimedTime(createdAt: string, now: Date): Date {
  const t = Date.parse(createdAt);
  return Number.isFinite(t) && t <= now.getTime() ? new Date(t) : now;
}

export function mapPost(author: Author, uri: string, record: PostRecord, now: Date): RemoteNote {
  const rkey = parseAtUri(uri)?.rkey ?? undefined;
  let media: RemoteMedia[] = [];
  let embed: RemoteEmbed | null = null;
  const e = record.embed;
  if (e?.$type === "app.bsky.embed.record") embed = { type: "quote", uri: e.record.uri, url: postWebUrl(e.record.uri) };
  else if (e?.$type === "app.bsky.embed.recordWithMedia") {
    const m = mediaOf(author, e.media);
    media = m.media;
    embed = { type: "quote", uri: e.record.record.uri, url: postWebUrl(e.record.record.uri) };
  } else if (e) {
    const m = mediaOf(author, e);
    media = m.media;
    embed = m.card;
  }
  const warnings = [...new Set((record.labels?.values ?? []).flatMap((l) => SENSITIVE_LABELS[l.val] ?? []))];
  return {
    iri: uri,
    protocol: "atproto",
    url: webUrl(author, rkey),
    content: renderRichText(record.text, record.facets),
    text: record.text,
    cw: warnings.length ? warnings.join(", ") : null,
    // Public on Bluesky; kept out of our federated (fediverse) timeline and shown to followers' homes and on the profile.
    visibility: "unlisted",
    inReplyTo: record.reply?.parent.uri ?? null,
    publishedAt: claimedTime(record.createdAt, now),
    updatedAt: null,
    media,
    embed,
    sensitive: warnings.length > 0,
  };
}
