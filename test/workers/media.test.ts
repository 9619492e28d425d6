import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { jpegSize } from "../../workers/core/media/image-size";
import { buildDeps } from "../../workers/deps";
import { consumeBatch } from "../../workers/queues/consumer";
import { type Client, ORIGIN, signUp } from "./client";

const enc = (s: string) => new TextEncoder().encode(s);
function bytes(...parts: (number[] | Uint8Array | string)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === "string" ? enc(p) : p instanceof Uint8Array ? p : new Uint8Array(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >> 8) & 255];
const le24 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255];

const png = (w: number, h: number, pad = 0) =>
  bytes(
    [0x89],
    "PNG\r\n\x1a\n",
    be32(13),
    "IHDR",
    be32(w),
    be32(h),
    [8, 2, 0, 0, 0],
    [0, 0, 0, 0],
    new Uint8Array(pad),
    be32(0),
    "IEND",
    [0xae, 0x42, 0x60, 0x82],
  );
const gif = (w: number, h: number) => bytes("GIF89a", le16(w), le16(h), [0, 0, 0], [0x3b]);
const webp = (w: number, h: number) =>
  bytes("RIFF", [30, 0, 0, 0], "WEBP", "VP8X", [10, 0, 0, 0], [0, 0, 0, 0], le24(w - 1), le24(h - 1));
const avif = () => bytes(be32(28), "ftypavif", be32(0), "avifmif1miaf", be32(8), "meta");
const mp4 = () => bytes(be32(24), "ftypisom", be32(512), "isommp41", be32(8), "moov", be32(8), "mdat");
const webm = () =>
  bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], "webm", [0x18, 0x53, 0x80, 0x67]);

const segment = (marker: number, payload: Uint8Array | string) => {
  const p = typeof payload === "string" ? enc(payload) : payload;
  return bytes([0xff, marker], be16(p.length + 2), p);
};
const SCAN = bytes([0x12, 0x34, 0xff, 0x00, 0x56, 0x78]);
/** A JPEG with Exif (GPS), XMP, an IPTC block and a comment before the image data. */
function jpegWithGps(): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    segment(0xe0, bytes("JFIF\0", [1, 1, 0, 0, 1, 0, 1, 0, 0])),
    segment(0xe1, bytes("Exif\0\0", "MM\0*", "GPSLatitude 35.6586 N GPSLongitude 139.7454 E")),
    segment(0xe1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSAltitude 333</x:xmpmeta>"),
    segment(0xe2, bytes("ICC_PROFILE\0", [1, 1], "colour")),
    segment(0xed, "Photoshop 3.0\0 IPTC caption at home"),
    segment(0xfe, "taken at my home address"),
    segment(0xdb, new Uint8Array(65)),
    segment(0xc0, bytes([8], be16(20), be16(30), [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])),
    segment(0xc4, new Uint8Array(20)),
    segment(0xda, bytes([3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0])),
    SCAN,
    [0xff, 0xd9],
    "trailing <html> payload",
  );
}

async function upload(c: Client, data: Uint8Array, name: string, type = "application/octet-stream", alt?: string) {
  const form = new FormData();
  form.set("file", new File([data], name, { type }));
  if (alt !== undefined) form.set("alt", alt);
  return c.post("/api/media", form);
}

function contains(haystack: Uint8Array, needle: string): boolean {
  return new TextDecoder("latin1").decode(haystack).includes(needle);
}

describe("media uploads", () => {
  it("accepts each allowed type by its bytes, with dimensions where the header has them", async () => {
    const alice = await signUp("alice");
    const cases: [Uint8Array, string, string, "image" | "video", number | null, number | null][] = [
      [png(3, 2), "a.png", "image/png", "image", 3, 2],
      [jpegWithGps(), "b.jpg", "image/jpeg", "image", 30, 20],
      [gif(5, 7), "c.gif", "image/gif", "image", 5, 7],
      [webp(640, 480), "d.webp", "image/webp", "image", 640, 480],
      [avif(), "e.avif", "image/avif", "image", null, null],
      [mp4(), "f.mp4", "video/mp4", "video", null, null],
      [webm(), "g.webm", "video/webm", "video", null, null],
    ];
    for (const [data, name, contentType, type, width, height] of cases) {
      const res = await upload(alice, data, name);
      expect(res.status, name).toBe(201);
      const { media } = (await res.json()) as any;
      expect(media, name).toMatchObject({ type, contentType, width, height, alt: "" });
      const ext = name.split(".")[1] === "jpg" ? "jpg" : name.split(".")[1];
      expect(media.url).toMatch(new RegExp(`^${ORIGIN}/media/accounts/[0-9a-f-]{36}/media/${media.id}\\.${ext}$`));
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM media WHERE post_id IS NULL").first("n")).toBe(7);
  });

  it("decides by content, never by name or declared type", async () => {
    const alice = await signUp("alice");
    const asSvg = await upload(alice, png(1, 1), "x.svg", "image/svg+xml");
    expect(asSvg.status).toBe(201);
    expect(((await asSvg.json()) as any).media.contentType).toBe("image/png");
    const svg = enc('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await upload(alice, svg, "x.png", "image/png")).status).toBe(415);
    expect((await upload(alice, enc("<!doctype html><html><script>alert(1)</script>"), "x.jpg", "image/jpeg")).status).toBe(415);
    expect((await upload(alice, enc("just some text"), "x.gif")).status).toBe(415);
    // A GIF header followed by script (a polyglot), and Matroska that is not WebM.
    expect((await upload(alice, bytes("GIF89a", [1, 0, 1, 0], "<script>alert(1)</script>"), "x.gif")).status).toBe(415);
    expect((await upload(alice, bytes([0x1a, 0x45, 0xdf, 0xa3, 0x93, 0x42, 0x82, 0x88], "matroska"), "x.webm")).status).toBe(415);
    expect((await upload(alice, bytes(be32(20), "ftypqt  ", be32(0)), "x.mp4")).status).toBe(415);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM media").first("n")).toBe(1);
  });

  it("refuses files over the cap: by Content-Length first, then by actual size", async () => {
    const alice = await signUp("alice");
    const big = await alice.post("/api/media", "x", {
      "content-type": "multipart/form-data; boundary=x",
      "content-length": String(50 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    // An image over 10 MB (videos may be up to 40 MB).
    expect((await upload(alice, png(1, 1, 10 * 1024 * 1024), "big.png")).status).toBe(413);
    expect((await env.MEDIA.list()).objects).toHaveLength(0);
    expect((await alice.get("/api/media")).status).toBe(404);
    expect((await upload(new (alice.constructor as typeof Client)(), png(1, 1), "a.png")).status).toBe(401);
  });

  it("strips Exif, GPS, XMP, IPTC and comments from JPEGs, keeping JFIF, ICC and the image data", async () => {
    const alice = await signUp("alice");
    const original = jpegWithGps();
    expect(contains(original, "GPSLatitude")).toBe(true);
    const { media } = (await (await upload(alice, original, "photo.jpg")).json()) as any;
    const object = await env.MEDIA.get(new URL(media.url).pathname.replace(/^\/media\//, ""));
    const stored = new Uint8Array(await object!.arrayBuffer());
    for (const secret of ["GPS", "Exif", "xmpmeta", "IPTC", "home", "<html>"])
      expect(contains(stored, secret), secret).toBe(false);
    expect(contains(stored, "JFIF")).toBe(true);
    expect(contains(stored, "ICC_PROFILE")).toBe(true);
    // Still a well-formed JPEG: SOI, segments that parse up to SOF, the scan verbatim, EOI last.
    expect([stored[0], stored[1]]).toEqual([0xff, 0xd8]);
    expect(jpegSize(stored)).toEqual({ width: 30, height: 20 });
    expect([stored.at(-2), stored.at(-1)]).toEqual([0xff, 0xd9]);
    const scan = stored.subarray(stored.length - 2 - SCAN.length, stored.length - 2);
    expect([...scan]).toEqual([...SCAN]);
    expect(media.contentType).toBe("image/jpeg");
    expect(stored.length).toBeLessThan(original.length);
  });

  it("serves uploads with the right type, immutable caching and nosniff", async () => {
    const alice = await signUp("alice");
    for (const [data, type] of [
      [png(2, 2), "image/png"],
      [mp4(), "video/mp4"],
      [webm(), "video/webm"],
    ] as const) {
      const { media } = (await (await upload(alice, data, "f")).json()) as any;
      const res = await alice.get(new URL(media.url).pathname);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(data);
    }
  });

  it("lets only the owner edit alt text, up to 1,500 characters", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const created = (await (await upload(alice, png(1, 1), "a.png", "image/png", "a red dot")).json()) as any;
    expect(created.media.alt).toBe("a red dot");
    const id = created.media.id;
    expect((await alice.json("PATCH", `/api/media/${id}`, { alt: "a tiny red dot" })).media.alt).toBe("a tiny red dot");
    expect((await bob.patch(`/api/media/${id}`, { alt: "mine now" })).status).toBe(404);
    expect((await alice.patch(`/api/media/${id}`, { alt: "x".repeat(1501) })).status).toBe(400);
    expect((await upload(alice, png(1, 1), "a.png", "image/png", "x".repeat(1501))).status).toBe(400);
    expect(await env.DB.prepare("SELECT alt FROM media WHERE id = ?").bind(id).first("alt")).toBe("a tiny red dot");
  });

  it("attaches only the account's own unattached media, all or nothing, in order, at most 4", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(((await (await upload(alice, png(1, 1), "a.png")).json()) as any).media.id);
    const bobs = ((await (await upload(bob, png(1, 1), "b.png")).json()) as any).media.id;
    const me = (await alice.json("GET", "/api/me")).account.id;
    const store = buildDeps(env).media;
    expect(await store.attach(me, ids, "post-1")).toBe(0);
    expect(await store.attach(me, [ids[0]!, bobs], "post-1")).toBe(0);
    expect(await store.attach(me, [ids[0]!, ids[0]!], "post-1")).toBe(0);
    expect(await store.attach(me, [ids[2]!, ids[0]!, ids[1]!], "post-1")).toBe(3);
    expect(await store.attach(me, [ids[0]!], "post-2")).toBe(0);
    const attached = (await store.forPosts(["post-1"])).get("post-1")!;
    expect(attached.map((m) => m.id)).toEqual([ids[2], ids[0], ids[1]]);
    // Alt text can still be edited after attaching.
    expect((await alice.patch(`/api/media/${ids[0]}`, { alt: "later" })).status).toBe(200);
  });

  it("sweeps unattached uploads older than a day from R2 and D1", async () => {
    const alice = await signUp("alice");
    const old = ((await (await upload(alice, png(1, 1), "a.png")).json()) as any).media;
    const fresh = ((await (await upload(alice, png(1, 1), "b.png")).json()) as any).media;
    const attached = ((await (await upload(alice, png(1, 1), "c.png")).json()) as any).media;
    await env.DB.prepare("UPDATE media SET created_at = 0 WHERE id IN (?, ?)").bind(old.id, attached.id).run();
    await env.DB.prepare("UPDATE media SET post_id = 'p' WHERE id = ?").bind(attached.id).run();
    const batch = createMessageBatch<unknown>("commons-edge-delivery", [
      { id: "m", timestamp: new Date(), attempts: 1, body: { v: 1, kind: "sweep", what: "media" } },
    ]);
    await consumeBatch(batch, buildDeps(env));
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual(["m"]);
    const rows = await env.DB.prepare("SELECT id FROM media ORDER BY id").all<{ id: string }>();
    expect(rows.results.map((r) => r.id).sort()).toEqual([fresh.id, attached.id].sort());
    const keys = (await env.MEDIA.list()).objects.map((o) => o.key);
    expect(keys.some((k) => k.includes(old.id))).toBe(false);
    expect(keys.some((k) => k.includes(fresh.id))).toBe(true);
  });
});
