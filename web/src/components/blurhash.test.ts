import { describe, expect, it } from "vitest";
import { decodeBlurhash } from "./blurhash";

describe("decodeBlurhash", () => {
  it("decodes a hash into opaque pixels of the requested size", () => {
    const pixels = decodeBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj", 8, 6);
    expect(pixels).not.toBeNull();
    expect(pixels?.length).toBe(8 * 6 * 4);
    expect(pixels?.[3]).toBe(255);
    // Not a flat colour: the AC components vary it across the image.
    const first = Array.from(pixels?.slice(0, 3) ?? []);
    const last = Array.from(pixels?.slice(-4, -1) ?? []);
    expect(first).not.toEqual(last);
  });

  it("a single-component hash is one flat colour (its DC value)", () => {
    // size 0 (1x1 component), max 0, DC = 0xff0000 in base 83 over 4 digits.
    let n = 0xff0000;
    let dc = "";
    const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
    for (let i = 0; i < 4; i++) {
      dc = digits[n % 83] + dc;
      n = Math.floor(n / 83);
    }
    const pixels = decodeBlurhash(`00${dc}`, 2, 2);
    expect(Array.from(pixels ?? [])).toEqual([255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255]);
  });

  it("refuses malformed hashes", () => {
    for (const h of ["", "abc", "LEHV6nWB2yk8", "L!HV6nWB2yk8pyo0adR*.7kCMdnj"]) expect(decodeBlurhash(h, 4, 4), h).toBeNull();
  });
});
