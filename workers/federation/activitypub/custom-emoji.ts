/**
 * Custom emoji of remote objects (Mastodon's `toot:Emoji` tags, also used by Misskey and
 * Pleroma: https://docs.joinmastodon.org/spec/activitypub/#Emoji): `:shortcode:` in a
 * Note's content or an actor's name, drawn from the tag's icon. Kept as links only (shown
 * through the media proxy), never copied.
 */
import { Emoji } from "@fedify/vocab";
import type { RemoteEmoji } from "../../db/d1-remote-post-store";

const refuse = async (url: string): Promise<never> => {
  throw new Error(`not fetched: ${url}`);
};

/** The custom emoji among an object's tags: a plain shortcode and an http(s) image, at most 32. */
export async function emojisOf(tags: readonly unknown[]): Promise<RemoteEmoji[]> {
  const out: RemoteEmoji[] = [];
  for (const tag of tags) {
    if (!(tag instanceof Emoji)) continue;
    const shortcode = /^:?([A-Za-z0-9_+-]{1,64}):?$/.exec(tag.name?.toString() ?? "")?.[1];
    // Only an embedded icon: a bare URL would make Fedify fetch an image as a JSON-LD document.
    const icon = await tag.getIcon({ documentLoader: refuse, suppressError: true }).catch(() => null);
    const link = icon?.url instanceof URL ? icon.url : (icon?.url?.href ?? null);
    if (!shortcode || !link || !/^https?:$/.test(link.protocol)) continue;
    if (!out.some((e) => e.shortcode === shortcode)) out.push({ shortcode, url: link.href });
    if (out.length >= 32) break;
  }
  return out;
}

/** The custom emoji of an object's `tag` list (at most the first 64 tags are looked at; a failing fetch ends the list). */
export async function objectEmojis(tags: AsyncIterable<unknown>): Promise<RemoteEmoji[]> {
  const seen: unknown[] = [];
  try {
    for await (const tag of tags) {
      seen.push(tag);
      if (seen.length >= 64) break;
    }
  } catch {
    // what we have so far
  }
  return emojisOf(seen);
}
