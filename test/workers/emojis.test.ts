import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { type Client, signUp } from "./client";

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
]);
const GIF = new TextEncoder().encode("GIF89a\x01\x00\x01\x00\x00\x00\x00;");

function upload(c: Client, shortcode: string, bytes: Uint8Array, category?: string) {
  const form = new FormData();
  form.set("shortcode", shortcode);
  form.set("file", new File([bytes], "e.bin", { type: "image/png" }));
  if (category !== undefined) form.set("category", category);
  return c.post("/api/admin/emojis", form);
}

describe("custom emoji", () => {
  it("admins add, list, serve and remove custom emoji", async () => {
    const admin = await signUp("admin");
    const res = await upload(admin, "blobcat", PNG, "blobs");
    expect(res.status).toBe(201);
    const { emoji } = (await res.json()) as any;
    expect(emoji).toMatchObject({
      shortcode: "blobcat",
      category: "blobs",
      url: expect.stringMatching(/\/media\/emojis\/[0-9a-f-]{36}\.png$/),
    });
    expect((await upload(admin, "party_gif", GIF)).status).toBe(201);
    const list = await (await signUp("bob")).json("GET", "/api/emojis");
    expect(list.items.map((e: any) => [e.shortcode, e.category])).toEqual([
      ["party_gif", ""],
      ["blobcat", "blobs"],
    ]);
    const served = await admin.get(new URL(emoji.url).pathname);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect((await upload(admin, "blobcat", PNG)).status).toBe(409);

    expect((await admin.delete("/api/admin/emojis/blobcat")).status).toBe(204);
    expect((await admin.delete("/api/admin/emojis/blobcat")).status).toBe(404);
    expect((await admin.get(new URL(emoji.url).pathname)).status).toBe(404);
    expect((await admin.json("GET", "/api/emojis")).items).toHaveLength(1);
  });

  it("refuses non-admins, bad shortcodes, non-images and big files", async () => {
    const admin = await signUp("admin");
    const bob = await signUp("bob");
    expect((await upload(bob, "mine", PNG)).status).toBe(403);
    expect((await bob.delete("/api/admin/emojis/x")).status).toBe(403);
    expect((await upload(admin, "Bad-Code", PNG)).status).toBe(400);
    expect((await upload(admin, "x".repeat(33), PNG)).status).toBe(400);
    expect((await upload(admin, "svg", new TextEncoder().encode("<svg onload=alert(1)>"))).status).toBe(415);
    const big = new Uint8Array(512 * 1024 + 1);
    big.set(PNG);
    expect((await upload(admin, "big", big)).status).toBe(413);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM custom_emojis").first<{ n: number }>())?.n).toBe(0);
    expect((await env.MEDIA.list()).objects).toHaveLength(0);
  });
});
