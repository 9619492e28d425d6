import { Hono } from "hono";
import * as v from "valibot";
import { SHORTCODE } from "../../core/emojis/emoji";
import { addCustomEmoji, deleteCustomEmoji, EMOJI_MAX_BYTES, EMOJIS_LIST_MAX } from "../../core/emojis/manage-emojis";
import type { CustomEmoji } from "../../core/emojis/ports";
import type { AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { readUpload } from "../parse";
import { requireSignIn, signedIn } from "../session";

const UploadFields = v.object({
  shortcode: v.pipe(v.string(), v.regex(SHORTCODE, "Shortcodes are 1–32 of a-z, 0-9 and _.")),
  category: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

function presentEmoji(origin: string, e: CustomEmoji) {
  return { shortcode: e.shortcode, url: `${origin}/media/${e.key}`, category: e.category };
}

/** GET /api/emojis: the server's custom emoji (public). */
export const emojiRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const origin = c.get("config").origin;
  const list = await c.get("deps").emojis.list(EMOJIS_LIST_MAX);
  return c.json({ items: list.map((e) => presentEmoji(origin, e)) });
});

/** /api/admin/emojis: admins add and remove custom emoji. */
export const adminEmojiRoutes = new Hono<AppEnv>()
  .post("/", requireSignIn, async (c) => {
    if (signedIn(c).role !== "admin") return errorResponse(c, "forbidden", "Only admins manage custom emoji.");
    const upload = await readUpload(c, EMOJI_MAX_BYTES);
    if (!upload.ok) return upload.response;
    const { form, bytes } = upload.value;
    const fields = v.safeParse(UploadFields, {
      shortcode: form.get("shortcode") ?? undefined,
      category: form.get("category") ?? undefined,
    });
    if (!fields.success) return errorResponse(c, "validation_failed", fields.issues[0]?.message ?? "Invalid fields.");
    const r = await addCustomEmoji(c.get("deps"), signedIn(c).id, {
      ...fields.output,
      bytes,
    });
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ emoji: presentEmoji(c.get("config").origin, r.value) }, 201);
  })
  .delete("/:shortcode", requireSignIn, async (c) => {
    const r = await deleteCustomEmoji(c.get("deps"), signedIn(c).id, c.req.param("shortcode"));
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.body(null, 204);
  });
