/**
 * Bluesky rich text -> safe HTML. A post is plain text plus facets that point at UTF-8
 * byte ranges (https://docs.bsky.app/docs/advanced-guides/post-richtext). We never take
 * HTML from the record: every text segment is escaped, and the only tags we emit are
 * <p>, <br> and <a> with an http(s) href we checked. Overlapping or out-of-range facets
 * are skipped; a range that splits a UTF-8 sequence is skipped too.
 */
import type { Facet } from "./records";

export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

const isContinuation = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;

function linkFor(facet: Facet): { href: string; cls: string | null } | null {
  for (const f of facet.features) {
    if (f.$type === "app.bsky.richtext.facet#link") {
      if (!URL.canParse(f.uri)) continue;
      const u = new URL(f.uri);
      if (u.protocol === "https:" || u.protocol === "http:") return { href: u.href, cls: null };
    } else if (f.$type === "app.bsky.richtext.facet#mention") {
      if (/^did:[a-z]+:[a-zA-Z0-9._:%-]+$/.test(f.did)) return { href: `https://bsky.app/profile/${f.did}`, cls: "mention" };
    } else if (f.$type === "app.bsky.richtext.facet#tag") {
      const tag = f.tag.replace(/^#/, "");
      if (tag) return { href: `https://bsky.app/hashtag/${encodeURIComponent(tag)}`, cls: "hashtag" };
    }
  }
  return null;
}

/** Escaped text with line breaks as <br>, paragraphs on blank lines. */
function textHtml(s: string): string {
  return escapeHtml(s).replace(/\r\n?/g, "\n").replace(/\n/g, "<br>");
}

export function renderRichText(text: string, facets: readonly Facet[] = []): string {
  const bytes = encoder.encode(text);
  const sorted = [...facets].sort((a, b) => a.index.byteStart - b.index.byteStart);
  let html = "";
  let at = 0;
  const slice = (from: number, to: number): string | null => {
    try {
      return decoder.decode(bytes.subarray(from, to));
    } catch {
      return null;
    }
  };
  for (const facet of sorted) {
    const { byteStart, byteEnd } = facet.index;
    if (byteStart < at || byteEnd <= byteStart || byteEnd > bytes.length) continue;
    if (isContinuation(bytes[byteStart]) || isContinuation(bytes[byteEnd])) continue;
    const link = linkFor(facet);
    const label = slice(byteStart, byteEnd);
    if (!link || label === null) continue;
    html += textHtml(slice(at, byteStart) ?? "");
    const cls = link.cls ? ` class="${link.cls}"` : "";
    html += `<a href="${escapeHtml(link.href)}"${cls} rel="nofollow noopener noreferrer" target="_blank">${textHtml(label)}</a>`;
    at = byteEnd;
  }
  html += textHtml(slice(at, bytes.length) ?? text);
  const paragraphs = html.split(/(?:<br>){2,}/).filter((p) => p !== "");
  return paragraphs.map((p) => `<p>${p}</p>`).join("");
}
