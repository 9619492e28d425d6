// The server's custom emoji (GET /api/emojis), loaded once on first use and shared by the
// picker, reaction chips and text rendering.
import { computed, signal } from "@preact/signals";
import type { CustomEmoji } from "../api/client";
import { postsApi } from "../api/posts";

export const customEmojis = signal<CustomEmoji[]>([]);
export const customEmojiMap = computed(() => new Map(customEmojis.value.map((e) => [e.shortcode, e.url])));
let loading: Promise<void> | null = null;

export function loadCustomEmojis(force = false): Promise<void> {
  if (loading && !force) return loading;
  loading = postsApi.emojis().then(
    (items) => {
      customEmojis.value = items;
    },
    () => {
      loading = null; // try again next time
    },
  );
  return loading;
}

/** `:shortcode:` → its shortcode, or null for a Unicode emoji. */
export function shortcodeOf(emoji: string): string | null {
  const m = /^:([A-Za-z0-9_+-]{1,64}):$/.exec(emoji);
  return m ? (m[1] as string) : null;
}

/** Finds the image of a custom emoji: the post's own list first, then the server's. */
export function emojiUrl(shortcode: string, own: readonly { shortcode: string; url: string }[] = []): string | null {
  return own.find((e) => e.shortcode === shortcode)?.url ?? customEmojiMap.value.get(shortcode) ?? null;
}
