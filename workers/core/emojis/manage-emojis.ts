import { IMAGE_EXTENSIONS, sniffImage } from "../accounts/sniff-image";
import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { SHORTCODE } from "./emoji";
import type { CustomEmoji } from "./ports";

export const EMOJI_MAX_BYTES = 512 * 1024;
export const EMOJI_CATEGORY_MAX = 64;
export const EMOJIS_LIST_MAX = 2000;

async function isAdmin(deps: Pick<CoreDeps, "accounts">, accountId: string): Promise<boolean> {
  return (await deps.accounts.findById(accountId))?.role === "admin";
}

/** An admin adds a custom emoji: the image type is sniffed from its bytes, never trusted from the upload. */
export async function addCustomEmoji(
  deps: Pick<CoreDeps, "accounts" | "emojis" | "blobs" | "ids" | "clock">,
  actorId: string,
  input: { shortcode: string; category?: string; bytes: Uint8Array },
): Promise<Result<CustomEmoji>> {
  if (!(await isAdmin(deps, actorId))) return fail("forbidden", "Only admins manage custom emoji.");
  if (!SHORTCODE.test(input.shortcode)) return fail("validation_failed", "Shortcodes are 1–32 of a-z, 0-9 and _.");
  const category = (input.category ?? "").trim();
  if (category.length > EMOJI_CATEGORY_MAX) return fail("validation_failed", "Category is too long.");
  if (input.bytes.byteLength > EMOJI_MAX_BYTES) return fail("payload_too_large", "Custom emoji are at most 512 KB.");
  const type = sniffImage(input.bytes.subarray(0, 16));
  if (!type) return fail("unsupported_media_type", "Custom emoji must be PNG, GIF, WebP, AVIF or JPEG images.");
  if (await deps.emojis.find(input.shortcode)) return fail("conflict", "That shortcode is taken.");
  const key = `emojis/${deps.ids.next()}.${IMAGE_EXTENSIONS[type]}`;
  await deps.blobs.put(key, input.bytes.slice().buffer, type);
  const emoji: CustomEmoji = { shortcode: input.shortcode, key, category, createdBy: actorId, createdAt: deps.clock.now() };
  if (!(await deps.emojis.create(emoji))) {
    await deps.blobs.delete(key);
    return fail("conflict", "That shortcode is taken.");
  }
  return ok(emoji);
}

export async function deleteCustomEmoji(
  deps: Pick<CoreDeps, "accounts" | "emojis" | "blobs">,
  actorId: string,
  shortcode: string,
): Promise<Result<null>> {
  if (!(await isAdmin(deps, actorId))) return fail("forbidden", "Only admins manage custom emoji.");
  const emoji = await deps.emojis.find(shortcode);
  if (!emoji) return fail("not_found", "No such emoji.");
  await deps.emojis.delete(shortcode);
  await deps.blobs.delete(emoji.key);
  return ok(null);
}
