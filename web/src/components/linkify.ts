// Splits plain text into text and http(s) link segments. The result is rendered as DOM
// nodes (never as HTML), so user text can't inject markup.
export type Segment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// ASCII URL characters, as Misskey does: a URL written right before Japanese text
// ("https://example.com。次は") must stop at the Japanese punctuation.
const URL_RE = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;
const TRAILING = /[.,:;!?'"*]+$/;

export function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING, "");
  // Drop a closing bracket that closes text around the URL: "(see https://x.example/a)".
  for (const [open, close] of [
    ["(", ")"],
    ["[", "]"],
  ] as const) {
    while (url.endsWith(close) && url.split(open).length < url.split(close).length) {
      url = url.slice(0, -1).replace(TRAILING, "");
    }
  }
  return url;
}

export function isHttpUrl(candidate: string): boolean {
  try {
    const u = new URL(candidate);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const start = match.index;
    const url = trimUrl(match[0]);
    if (!isHttpUrl(url)) continue;
    if (start > last) out.push({ kind: "text", text: text.slice(last, start) });
    out.push({ kind: "link", text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}
