// "Recently used" emoji for the picker, newest first, kept in localStorage.
import { signal } from "@preact/signals";

export const RECENT_KEY = "commons.recentEmoji";
export const MAX_RECENT = 16;

function read(): string[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? "[]");
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === "string").slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export const recentEmojis = signal<string[]>(read());

export function rememberEmoji(emoji: string): void {
  const next = [emoji, ...recentEmojis.value.filter((x) => x !== emoji)].slice(0, MAX_RECENT);
  recentEmojis.value = next;
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(next));
  } catch {
    // not persisted; still remembered for this page
  }
}
