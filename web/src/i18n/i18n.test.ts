import { afterEach, describe, expect, it } from "vitest";
import { en } from "./en";
import { detectLang, formatRelative, lang, redetectLang, STORAGE_KEY, setLang, t } from "./index";
import { ja } from "./ja";

describe("detectLang", () => {
  it("prefers a stored choice", () => {
    expect(detectLang("ja", ["en-US"])).toBe("ja");
  });
  it("ignores a stored value that is not a supported language", () => {
    expect(detectLang("fr", ["ja-JP", "en"])).toBe("ja");
  });
  it("takes the first supported browser language", () => {
    expect(detectLang(null, ["fr-FR", "ja-JP", "en-US"])).toBe("ja");
    expect(detectLang(null, ["en-GB", "ja"])).toBe("en");
  });
  it("falls back to English", () => {
    expect(detectLang(null, ["de-DE"])).toBe("en");
    expect(detectLang(null, [])).toBe("en");
  });
});

describe("switching languages", () => {
  afterEach(() => {
    localStorage.clear();
    setLang("en");
  });

  it("translates, persists the choice and sets <html lang>", () => {
    setLang("ja");
    expect(t("nav.home")).toBe("ホーム");
    expect(localStorage.getItem(STORAGE_KEY)).toBe("ja");
    expect(document.documentElement.lang).toBe("ja");
    setLang("en");
    expect(t("nav.home")).toBe("Home");
    expect(document.documentElement.lang).toBe("en");
  });

  it("restores the stored language on the next detection", () => {
    localStorage.setItem(STORAGE_KEY, "ja");
    redetectLang();
    expect(lang.value).toBe("ja");
  });

  it("fills placeholders", () => {
    expect(t("composer.remaining", { n: 12 })).toBe("12 characters left");
    setLang("ja");
    expect(t("composer.remaining", { n: 12 })).toBe("残り12文字");
  });

  it("formats relative times in the current language", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(formatRelative("2026-01-01T11:55:00Z", now)).toMatch(/5 min/);
    setLang("ja");
    expect(formatRelative("2026-01-01T11:55:00Z", now)).toBe("5 分前");
  });
});

describe("dictionaries", () => {
  it("have the same keys and no empty messages", () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(ja)) expect(value, key).not.toBe("");
  });
  it("use the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(names(ja[key]), key).toEqual(names(en[key]));
  });
});
