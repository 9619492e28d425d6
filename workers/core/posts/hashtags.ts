/**
 * Hashtags in post text: `#` not preceded by a word character, `&` or `#`, then
 * Unicode letters, digits, marks and `_` (so `#東京` works). Tags are NFKC-normalised
 * and lower-cased; an all-digit tag (`#1`) is not a tag.
 */
const HASHTAG = /(?<![\p{L}\p{N}_&#])#([\p{L}\p{M}\p{N}_]{1,100})/gu;
export const HASHTAGS_MAX = 10;
/** What a tag in a URL may be (after normalising). */
export const TAG = /^[\p{L}\p{M}\p{N}_]{1,100}$/u;

export function normalizeTag(tag: string): string {
  return tag.normalize("NFKC").toLowerCase();
}

/** Normalised, de-duplicated tags of `texts`, in order of appearance, at most `max`. */
export function extractHashtags(texts: readonly (string | null)[], max = HASHTAGS_MAX): string[] {
  const seen = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const m of text.matchAll(HASHTAG)) {
      const tag = m[1] ? normalizeTag(m[1]) : "";
      if (!tag || /^\d+$/.test(tag)) continue;
      seen.add(tag);
      if (seen.size >= max) return [...seen];
    }
  }
  return [...seen];
}
