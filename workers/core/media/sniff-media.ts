import { IMAGE_EXTENSIONS, type ImageType, sniffImage } from "../accounts/sniff-image";

/**
 * What an upload is, decided by its leading bytes only (never by file name or the
 * declared Content-Type). Images as for avatars (PNG, JPEG, GIF, WebP, AVIF; never
 * SVG), plus short videos: MP4 (ISO base media with an MP4 brand) and WebM (EBML
 * with DocType "webm"). Anything else is not accepted.
 */
export type VideoType = "video/mp4" | "video/webm";
export type MediaType = ImageType | VideoType;

export interface Sniffed {
  readonly contentType: MediaType;
  readonly kind: "image" | "video";
  readonly ext: string;
}

/** ISO BMFF major brands of MP4 files (not QuickTime `qt  `, not HEIF/AVIF still images). */
const MP4_BRANDS = new Set(["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash", "msnv"]);

function ascii(bytes: Uint8Array, from: number, length: number): string {
  let s = "";
  for (let i = from; i < from + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

export function sniffMedia(head: Uint8Array): Sniffed | null {
  const image = sniffImage(head);
  if (image) return { contentType: image, kind: "image", ext: IMAGE_EXTENSIONS[image] };
  if (ascii(head, 4, 4) === "ftyp" && MP4_BRANDS.has(ascii(head, 8, 4))) {
    return { contentType: "video/mp4", kind: "video", ext: "mp4" };
  }
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    // The EBML header's DocType element (0x42 0x82, size, "webm"); Matroska (.mkv) is not accepted.
    const header = ascii(head, 4, 60);
    if (/\x42\x82.webm/s.test(header)) return { contentType: "video/webm", kind: "video", ext: "webm" };
  }
  return null;
}

/**
 * Markup that a browser ignoring our Content-Type (or a careless proxy) might run.
 * A valid image or video has no reason to carry these in its first kilobyte, so a
 * file that does is treated as a polyglot and refused. Serving with `nosniff` and a
 * sandboxing CSP is the main defence; this is a second one.
 */
const MARKUP = /<(script|html|!doctype\s+html|svg|body|head|iframe|object|embed|meta)/i;

export function looksLikeMarkup(bytes: Uint8Array): boolean {
  return MARKUP.test(ascii(bytes, 0, 1024));
}
