// A decoder for BlurHash placeholders (https://github.com/woltapp/blurhash, the format
// Mastodon sends as `blurhash` on attachments): a few DCT components in base 83, drawn
// as a tiny image that stands in for a remote picture until it is shown.

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

function base83(text: string): number {
  let value = 0;
  for (const ch of text) {
    const digit = DIGITS.indexOf(ch);
    if (digit < 0) throw new Error("not base 83");
    value = value * 83 + digit;
  }
  return value;
}

const toLinear = (v: number) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

const toSrgb = (v: number) => {
  const c = Math.max(0, Math.min(1, v));
  return c <= 0.0031308 ? Math.round(c * 12.92 * 255) : Math.round((1.055 * c ** (1 / 2.4) - 0.055) * 255);
};

const signedPow = (v: number, exp: number) => Math.sign(v) * Math.abs(v) ** exp;

/** RGBA pixels of `hash` at width x height, or null when it is not a valid BlurHash. */
export function decodeBlurhash(hash: string, width: number, height: number): Uint8ClampedArray<ArrayBuffer> | null {
  try {
    if (hash.length < 6) return null;
    const size = base83(hash[0] as string);
    const nx = (size % 9) + 1;
    const ny = Math.floor(size / 9) + 1;
    if (hash.length !== 4 + 2 * nx * ny) return null;
    const max = (base83(hash[1] as string) + 1) / 166;
    const colors: [number, number, number][] = [];
    const dc = base83(hash.slice(2, 6));
    colors.push([toLinear(dc >> 16), toLinear((dc >> 8) & 255), toLinear(dc & 255)]);
    for (let i = 1; i < nx * ny; i++) {
      const ac = base83(hash.slice(4 + i * 2, 6 + i * 2));
      const q = (n: number) => signedPow((n - 9) / 9, 2) * max;
      colors.push([q(Math.floor(ac / 361)), q(Math.floor(ac / 19) % 19), q(ac % 19)]);
    }
    const pixels = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let j = 0; j < ny; j++) {
          for (let i = 0; i < nx; i++) {
            const basis = Math.cos((Math.PI * x * i) / width) * Math.cos((Math.PI * y * j) / height);
            const c = colors[i + j * nx] as [number, number, number];
            r += c[0] * basis;
            g += c[1] * basis;
            b += c[2] * basis;
          }
        }
        const o = 4 * (x + y * width);
        pixels[o] = toSrgb(r);
        pixels[o + 1] = toSrgb(g);
        pixels[o + 2] = toSrgb(b);
        pixels[o + 3] = 255;
      }
    }
    return pixels;
  } catch {
    return null;
  }
}

/** A data: URL of the placeholder (32 x 32 PNG drawn on a canvas), or null where there is no canvas. */
export function blurhashDataUrl(hash: string): string | null {
  const pixels = decodeBlurhash(hash, 32, 32);
  if (!pixels || typeof document === "undefined") return null;
  const canvas = document.createElement("canvas");
  canvas.width = 32;
  canvas.height = 32;
  const context = canvas.getContext?.("2d");
  if (!context) return null;
  context.putImageData(new ImageData(pixels, 32, 32), 0, 0);
  return canvas.toDataURL();
}
