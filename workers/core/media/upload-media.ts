import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { imageSize } from "./image-size";
import type { Media } from "./ports";
import { looksLikeMarkup, sniffMedia } from "./sniff-media";
import { stripJpegMetadata } from "./strip-jpeg";

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const VIDEO_MAX_BYTES = 40 * 1024 * 1024;
/** The largest upload of any kind (checked against Content-Length before the body is read). */
export const UPLOAD_MAX_BYTES = VIDEO_MAX_BYTES;
export const ALT_MAX = 1500;

/**
 * Stores an upload for a later post: the type comes from the bytes, JPEG metadata
 * (Exif GPS and the like) is removed, and the dimensions are read from the header.
 * The media stays unattached until a post attaches it; the sweep removes it after a day otherwise.
 */
export async function uploadMedia(
  deps: Pick<CoreDeps, "media" | "blobs" | "ids" | "clock">,
  accountId: string,
  bytes: Uint8Array,
  alt: string,
): Promise<Result<Media>> {
  if (alt.length > ALT_MAX) return fail("validation_failed", `alt must be at most ${ALT_MAX} characters.`);
  const type = sniffMedia(bytes.subarray(0, 64));
  if (!type) return fail("unsupported_media_type", "Upload a PNG, JPEG, GIF, WebP or AVIF image, or an MP4 or WebM video.");
  const max = type.kind === "image" ? IMAGE_MAX_BYTES : VIDEO_MAX_BYTES;
  if (bytes.byteLength > max)
    return fail("payload_too_large", `${type.kind === "image" ? "Images" : "Videos"} may be at most ${max / 1024 / 1024} MB.`);
  let body = bytes;
  if (type.contentType === "image/jpeg") {
    const stripped = stripJpegMetadata(bytes);
    if (!stripped) return fail("unsupported_media_type", "This JPEG file is damaged.");
    body = stripped;
  }
  if (looksLikeMarkup(body)) return fail("unsupported_media_type", "This file carries markup and is not accepted.");
  const size = imageSize(type.contentType, body);
  if (!size && type.kind === "image" && type.contentType !== "image/avif") {
    return fail("unsupported_media_type", "This image's header is damaged.");
  }
  const id = deps.ids.next();
  const media: Media = {
    id,
    accountId,
    key: `accounts/${accountId}/media/${id}.${type.ext}`,
    contentType: type.contentType,
    kind: type.kind,
    width: size?.width ?? null,
    height: size?.height ?? null,
    size: body.byteLength,
    alt: alt.trim(),
    postId: null,
    position: 0,
    createdAt: deps.clock.now(),
  };
  await deps.blobs.put(media.key, body.slice().buffer, media.contentType);
  await deps.media.create(media);
  return ok(media);
}

/** Changes the description of one's own media, before or after it is attached. */
export async function updateMediaAlt(
  deps: Pick<CoreDeps, "media">,
  accountId: string,
  id: string,
  alt: string,
): Promise<Result<Media>> {
  if (alt.length > ALT_MAX) return fail("validation_failed", `alt must be at most ${ALT_MAX} characters.`);
  const media = await deps.media.updateAlt(accountId, id, alt.trim());
  // Someone else's media answers 404 like a missing one: ids are not probed.
  return media ? ok(media) : fail("not_found", "Media not found.");
}

/** Unattached uploads older than this are removed by the sweep. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

/** Deletes old unattached uploads from the blob store, then their rows; returns how many. */
export async function sweepOrphanMedia(deps: Pick<CoreDeps, "media" | "blobs" | "clock">, rounds = 10): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - ORPHAN_AGE_MS);
  let removed = 0;
  for (let round = 0; round < rounds; round++) {
    const orphans = await deps.media.orphans(before, 50);
    if (orphans.length === 0) break;
    // Blobs first: a row without a blob is harmless, a blob without a row would leak.
    await Promise.all(orphans.map((m) => deps.blobs.delete(m.key)));
    await deps.media.delete(orphans.map((m) => m.id));
    removed += orphans.length;
  }
  return removed;
}
