// Language state: detected from the stored choice, then navigator.languages, then English.
// `t()` reads the `lang` signal, so components that call it re-render on a switch.
import { signal } from "@preact/signals";
import { en, type MessageKey, type Messages } from "./en";
import { ja } from "./ja";

export const LANGS = ["en", "ja"] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageKey };

export const STORAGE_KEY = "commons.lang";
const dictionaries: Record<Lang, Messages> = { en, ja };

export function isLang(value: unknown): value is Lang {
  return value === "en" || value === "ja";
}

/** Picks the language: a stored choice wins, then the first supported browser language. */
export function detectLang(stored: string | null, languages: readonly string[]): Lang {
  if (isLang(stored)) return stored;
  for (const tag of languages) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLang(base)) return base;
  }
  return "en";
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage may be disabled (private mode, sandboxed frames)
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export const lang = signal<Lang>(detectLang(readStored(), browserLanguages()));

function applyToDocument(value: Lang): void {
  if (typeof document !== "undefined") document.documentElement.lang = value;
}
applyToDocument(lang.value);

/** Switches the language, remembers it, and updates `<html lang>`. */
export function setLang(value: Lang): void {
  lang.value = value;
  try {
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // not persisted; the choice still holds for this page
  }
  applyToDocument(value);
}

/** Re-runs detection (used by tests and when storage changes in another tab). */
export function redetectLang(): void {
  lang.value = detectLang(readStored(), browserLanguages());
  applyToDocument(lang.value);
}

/** Translates `key`, replacing `{name}` placeholders with `vars`. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang.value][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "3 min. ago" / "3分前", relative to `now` (milliseconds). */
export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(lang.value, { numeric: "auto", style: "short" });
  if (Math.abs(seconds) < 10) return rtf.format(0, "second");
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(seconds, "second");
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(lang.value, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(lang.value, { dateStyle: "long" }).format(new Date(iso));
}

/** "14:05" in the current language. */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(lang.value, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}
