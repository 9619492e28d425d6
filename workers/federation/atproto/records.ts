/**
 * Untrusted AT Protocol records and documents, parsed at the edge with valibot
 * (STYLE.md 5). Unknown fields are ignored; anything malformed is a value, never a throw.
 *
 * Lexicons: app.bsky.feed.post, app.bsky.actor.profile, app.bsky.richtext.facet,
 * app.bsky.embed.{images,external,record,recordWithMedia,video},
 * com.atproto.label.defs#selfLabels; DID documents per https://atproto.com/specs/did.
 */
import * as v from "valibot";

const Str = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** A blob reference: the current form `{ $type: "blob", ref: { $link }, mimeType }` or the legacy `{ cid, mimeType }`. */
const Blob = v.union([
  v.object({ ref: v.union([v.object({ $link: Str(200) }), v.object({ "/": Str(200) })]), mimeType: Str(200) }),
  v.object({ cid: Str(200), mimeType: Str(200) }),
]);
export type BlobRef = v.InferOutput<typeof Blob>;
export const blobCid = (b: BlobRef): string => ("ref" in b ? ("$link" in b.ref ? b.ref.$link : b.ref["/"]) : b.cid);

const StrongRef = v.object({ uri: Str(8192), cid: v.optional(Str(200)) });

const SelfLabels = v.object({ values: v.pipe(v.array(v.object({ val: Str(128) })), v.maxLength(32)) });

const Feature = v.variant("$type", [
  v.object({ $type: v.literal("app.bsky.richtext.facet#link"), uri: Str(8192) }),
  v.object({ $type: v.literal("app.bsky.richtext.facet#mention"), did: Str(2048) }),
  v.object({ $type: v.literal("app.bsky.richtext.facet#tag"), tag: Str(640) }),
]);

const Facet = v.object({
  index: v.object({
    byteStart: v.pipe(v.number(), v.integer(), v.minValue(0)),
    byteEnd: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  // Unknown feature types are dropped, not fatal.
  features: v.pipe(
    v.array(v.unknown()),
    v.transform((fs) =>
      fs.flatMap((f) => {
        const r = v.safeParse(Feature, f);
        return r.success ? [r.output] : [];
      }),
    ),
  ),
});
export type Facet = v.InferOutput<typeof Facet>;

const Images = v.object({
  $type: v.literal("app.bsky.embed.images"),
  images: v.pipe(v.array(v.object({ image: Blob, alt: v.optional(Str(10000), "") })), v.maxLength(4)),
});
const External = v.object({
  $type: v.literal("app.bsky.embed.external"),
  external: v.object({
    uri: Str(8192),
    title: v.optional(Str(3000), ""),
    description: v.optional(Str(10000), ""),
    thumb: v.optional(Blob),
  }),
});
const Video = v.object({ $type: v.literal("app.bsky.embed.video"), video: Blob, alt: v.optional(Str(10000), "") });
const Quote = v.object({ $type: v.literal("app.bsky.embed.record"), record: StrongRef });
const RecordWithMedia = v.object({
  $type: v.literal("app.bsky.embed.recordWithMedia"),
  record: v.object({ record: StrongRef }),
  media: v.variant("$type", [Images, External, Video]),
});
const Embed = v.variant("$type", [Images, External, Video, Quote, RecordWithMedia]);
export type Embed = v.InferOutput<typeof Embed>;
export type MediaEmbed = v.InferOutput<typeof Images> | v.InferOutput<typeof External> | v.InferOutput<typeof Video>;

export const PostRecord = v.object({
  text: Str(30000),
  createdAt: Str(64),
  facets: v.optional(v.pipe(v.array(Facet), v.maxLength(200))),
  reply: v.optional(v.object({ root: StrongRef, parent: StrongRef })),
  // An embed of a type we do not know is ignored rather than failing the post.
  embed: v.optional(
    v.pipe(
      v.unknown(),
      v.transform((e) => {
        const r = v.safeParse(Embed, e);
        return r.success ? r.output : undefined;
      }),
    ),
  ),
  labels: v.optional(SelfLabels),
});
export type PostRecord = v.InferOutput<typeof PostRecord>;

export const ProfileRecord = v.object({
  displayName: v.optional(Str(640)),
  description: v.optional(Str(2560)),
  avatar: v.optional(Blob),
  labels: v.optional(SelfLabels),
});
export type ProfileRecord = v.InferOutput<typeof ProfileRecord>;

/** The AppView's app.bsky.actor.defs#profileViewDetailed, the parts we use. */
export const ProfileView = v.object({
  did: Str(2048),
  handle: Str(253),
  displayName: v.optional(Str(640)),
  description: v.optional(Str(2560)),
  avatar: v.optional(Str(8192)),
  labels: v.optional(v.pipe(v.array(v.object({ val: Str(128) })), v.maxLength(64))),
});
export type ProfileView = v.InferOutput<typeof ProfileView>;

const Service = v.object({ id: Str(2048), type: Str(256), serviceEndpoint: v.unknown() });
export const DidDocument = v.object({
  id: Str(2048),
  alsoKnownAs: v.optional(v.pipe(v.array(Str(2048)), v.maxLength(32)), []),
  service: v.optional(v.pipe(v.array(Service), v.maxLength(32)), []),
});
export type DidDocument = v.InferOutput<typeof DidDocument>;

export function parseRecord<T>(schema: v.GenericSchema<unknown, T>, value: unknown): T | null {
  const r = v.safeParse(schema, value);
  return r.success ? r.output : null;
}

/** The PDS endpoint and the claimed handle of a DID document. */
export function readDidDocument(doc: DidDocument): { pds: string | null; handle: string | null } {
  const pds = doc.service.find(
    (s) => (s.id === "#atproto_pds" || s.id === `${doc.id}#atproto_pds`) && s.type === "AtprotoPersonalDataServer",
  );
  const endpoint = typeof pds?.serviceEndpoint === "string" ? pds.serviceEndpoint : null;
  const aka = doc.alsoKnownAs.find((a) => a.startsWith("at://"));
  return { pds: endpoint, handle: aka ? normalizeHandle(aka.slice(5)) : null };
}

/** Handle syntax (https://atproto.com/specs/handle), lower-cased; null when invalid. */
export function normalizeHandle(input: string): string | null {
  const h = input.trim().replace(/^@/, "").toLowerCase();
  if (h.length > 253) return null;
  return /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(h) ? h : null;
}

/** DID syntax for the methods we read (plc, web). */
export function isDid(input: string): boolean {
  return /^did:(plc:[a-z2-7]{24}|web:[a-zA-Z0-9._%-]{1,253})$/.test(input);
}

/** `at://<authority>/<collection>/<rkey>` (authority a DID or a handle). */
export function parseAtUri(uri: string): { authority: string; collection: string | null; rkey: string | null } | null {
  const m = /^at:\/\/([^/?#]+)(?:\/([a-zA-Z0-9.-]+)(?:\/([a-zA-Z0-9._:~-]{1,512}))?)?\/?$/.exec(uri.trim());
  if (!m?.[1]) return null;
  return { authority: m[1], collection: m[2] ?? null, rkey: m[3] ?? null };
}
