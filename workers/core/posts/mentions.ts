/**
 * Local mentions in post text: `@username` not preceded by a word character or `@`
 * and not followed by `@host` (remote mentions come with federation).
 */
const MENTION = /(?<![\w@])@([A-Za-z0-9_]{1,30})(?![\w@])/g;

/** Lower-cased, de-duplicated usernames mentioned in `text`, in order of appearance (at most `max`). */
export function extractMentions(text: string, max = 20): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    const name = m[1]?.toLowerCase();
    if (name) seen.add(name);
    if (seen.size >= max) break;
  }
  return [...seen];
}
