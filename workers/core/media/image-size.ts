import type { MediaType } from "./sniff-media";

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 0x10000 + u16be(b, i + 2);
const tag = (b: Uint8Array, i: number) => String.fromCharCode(b[i] ?? 0, b[i + 1] ?? 0, b[i + 2] ?? 0, b[i + 3] ?? 0);

/** SOFn markers (baseline, progressive, lossless, arithmetic); not DHT (C4), JPG (C8) or DAC (CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height from a JPEG's first SOFn segment (ITU T.81, B.2.2). */
export function jpegSize(b: Uint8Array): Dimensions | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = u16be(b, i + 2);
    if (length < 2) return null;
    if (SOF.has(marker)) {
      if (i + 9 > b.length) return null;
      const height = u16be(b, i + 5);
      const width = u16be(b, i + 7);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    i += 2 + length;
  }
  return null;
}

/**
 * Pixel dimensions read from the header: PNG (IHDR), JPEG (SOFn), GIF (logical screen),
 * WebP (VP8, VP8L, VP8X). Null for AVIF and video, and for a header that does not parse.
 */
export function imageSize(type: MediaType, b: Uint8Array): Dimensions | null {
  const valid = (width: number, height: number) => (width > 0 && height > 0 ? { width, height } : null);
  switch (type) {
    case "image/png":
      if (b.length < 24 || tag(b, 12) !== "IHDR") return null;
      return valid(u32be(b, 16), u32be(b, 20));
    case "image/jpeg":
      return jpegSize(b);
    case "image/gif":
      if (b.length < 10) return null;
      return valid(u16le(b, 6), u16le(b, 8));
    case "image/webp": {
      const chunk = tag(b, 12);
      if (chunk === "VP8 ") {
        // Key frame: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
        if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
        return valid(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
      }
      if (chunk === "VP8L") {
        if (b.length < 25 || b[20] !== 0x2f) return null;
        const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
        return valid((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
      }
      if (chunk === "VP8X") {
        if (b.length < 30) return null;
        return valid(u24le(b, 24) + 1, u24le(b, 27) + 1);
      }
      return null;
    }
    default:
      return null;
  }
}
