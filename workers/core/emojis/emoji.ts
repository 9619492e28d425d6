/**
 * What counts as a reaction emoji (Misskey-style reactions): one Unicode emoji
 * grapheme, or `:shortcode:` naming a custom emoji of this server. Text, digits and
 * several emoji in a row are refused.
 */
export const SHORTCODE = /^[a-z0-9_]{1,32}$/;
const CUSTOM = /^:([a-z0-9_]{1,32}):$/;
/** `:shortcode:` occurrences in post text (for the `emojis` list clients render). */
const CUSTOM_IN_TEXT = /:([a-z0-9_]{1,32}):/g;

/** The "like": the only reaction a post with reaction acceptance `likes` takes. */
export const LIKE = "❤️";

// Built at run time: the `v` flag (RGI_Emoji) is newer than the TypeScript target (es2022).
// biome-ignore lint/complexity/useRegexLiterals: a literal with the v flag does not type-check at our target
const RGI = new RegExp("^\\p{RGI_Emoji}$", "v");
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

function graphemes(s: string): number {
  let n = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)) n++;
  return n;
}

export type ParsedEmoji =
  | { readonly kind: "unicode"; readonly emoji: string }
  | { readonly kind: "custom"; readonly shortcode: string };

/** Parses a reaction: null when it is neither a single emoji grapheme nor `:shortcode:`. */
export function parseReactionEmoji(input: string): ParsedEmoji | null {
  const custom = CUSTOM.exec(input);
  if (custom?.[1]) return { kind: "custom", shortcode: custom[1] };
  if (input.length === 0 || input.length > 64 || graphemes(input) !== 1) return null;
  if (!RGI.test(input) && !PICTOGRAPHIC.test(input)) return null;
  // The heart without its emoji variation selector is the same like.
  return { kind: "unicode", emoji: input === "❤" ? LIKE : input };
}

/** The stored form of a reaction (`:shortcode:` for custom emoji). */
export function reactionKey(e: ParsedEmoji): string {
  return e.kind === "custom" ? `:${e.shortcode}:` : e.emoji;
}

/** Shortcodes of custom emoji written in `texts` and reactions (`:name:`), de-duplicated. */
export function shortcodesIn(texts: readonly (string | null)[]): string[] {
  const found = new Set<string>();
  for (const t of texts) if (t) for (const m of t.matchAll(CUSTOM_IN_TEXT)) if (m[1]) found.add(m[1]);
  return [...found];
}
