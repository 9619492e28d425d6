import { describe, expect, it } from "vitest";
import { MAX_INPUT, type Token, tokenize } from "./tokenize";

const isEmoji = (code: string) => code === "blobcat" || code === "party_parrot";
const text = (t: string): Token => ({ kind: "text", text: t });

/** Everything a token tree would show as text (markers removed). */
function flat(tokens: Token[]): string {
  return tokens
    .map((t) => {
      switch (t.kind) {
        case "text":
        case "code":
          return t.text;
        case "url":
          return t.href;
        case "mention":
          return `@${t.username}${t.host ? `@${t.host}` : ""}`;
        case "hashtag":
          return `#${t.tag}`;
        case "emoji":
          return `:${t.shortcode}:`;
        default:
          return flat(t.children);
      }
    })
    .join("");
}

describe("tokenize", () => {
  it("keeps plain text as one text token", () => {
    expect(tokenize("hello world, 12:30:45 is fine")).toEqual([text("hello world, 12:30:45 is fine")]);
  });

  it("finds http(s) URLs and trims trailing punctuation and brackets", () => {
    expect(tokenize("see (https://example.com/a?b=1). ok")).toEqual([
      text("see ("),
      { kind: "url", href: "https://example.com/a?b=1" },
      text("). ok"),
    ]);
    expect(tokenize("https://example.com。次は")).toEqual([{ kind: "url", href: "https://example.com" }, text("。次は")]);
  });

  it("never links javascript: or data: URLs", () => {
    for (const input of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>", "xhttps://a.b"]) {
      const tokens = tokenize(input);
      expect(tokens.some((t) => t.kind === "url")).toBe(false);
      expect(flat(tokens)).toBe(input);
    }
  });

  it("finds mentions (local and remote) but not e-mail addresses", () => {
    expect(tokenize("hi @alice and @bob@example.social!")).toEqual([
      text("hi "),
      { kind: "mention", username: "alice", host: null },
      text(" and "),
      { kind: "mention", username: "bob", host: "example.social" },
      text("!"),
    ]);
    expect(tokenize("mail me@example.com")).toEqual([text("mail me@example.com")]);
  });

  it("finds hashtags in any script, stopping at punctuation, not numbers alone", () => {
    expect(tokenize("#日本語タグ。と #café, #123 and a#b")).toEqual([
      { kind: "hashtag", tag: "日本語タグ" },
      text("。と "),
      { kind: "hashtag", tag: "café" },
      text(", #123 and a#b"),
    ]);
  });

  it("shows only known custom emoji", () => {
    expect(tokenize("yay :blobcat: :unknown: :party_parrot:", { isEmoji })).toEqual([
      text("yay "),
      { kind: "emoji", shortcode: "blobcat" },
      text(" :unknown: "),
      { kind: "emoji", shortcode: "party_parrot" },
    ]);
  });

  it("parses the MFM subset, nested", () => {
    expect(tokenize("**bold *it* ok** <small>s</small><center>c</center> `a*b*`")).toEqual([
      { kind: "bold", children: [text("bold "), { kind: "italic", children: [text("it")] }, text(" ok")] },
      text(" "),
      { kind: "small", children: [text("s")] },
      { kind: "center", children: [text("c")] },
      text(" "),
      { kind: "code", text: "a*b*" },
    ]);
  });

  it("leaves unclosed and unknown markers as text", () => {
    for (const input of ["**open", "*open", "a * b * c", "<small>open", "`open", "<b>bold</b>", "<center>x</small>", "** **"]) {
      const tokens = tokenize(input);
      expect(flat(tokens)).toBe(input);
      expect(tokens.every((t) => t.kind === "text" || t.kind === "italic" || t.kind === "bold")).toBe(true);
    }
    expect(tokenize("a * b * c")).toEqual([text("a * b * c")]);
    expect(tokenize("<b>bold</b>")).toEqual([text("<b>bold</b>")]);
  });

  it("keeps hostile HTML as text", () => {
    const hostile = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "<small><script>alert(1)</script></small>",
      '<a href="javascript:alert(1)">x</a>',
      "<center onclick=alert(1)>x</center>",
      "<svg/onload=alert(1)>",
    ];
    for (const input of hostile) {
      const tokens = tokenize(input);
      const kinds = JSON.stringify(tokens);
      expect(kinds).not.toContain('"url"');
      expect(flat(tokens).length).toBeGreaterThan(0);
    }
    expect(tokenize("<small><script>alert(1)</script></small>")).toEqual([
      { kind: "small", children: [text("<script>alert(1)</script>")] },
    ]);
  });

  it("limits nesting depth", () => {
    const deep = `${"<small>".repeat(10)}x${"</small>".repeat(10)}`;
    let depth = 0;
    let node: Token[] = tokenize(deep);
    while (node[0] && node[0].kind === "small") {
      depth += 1;
      node = node[0].children;
    }
    expect(depth).toBeLessThanOrEqual(4);
  });

  it("handles very long and pathological input quickly", () => {
    const inputs = [
      "*a".repeat(10_000),
      "**".repeat(10_000),
      "<small>".repeat(5_000),
      "`".repeat(20_000),
      "@".repeat(20_000),
      "#".repeat(20_000),
      ":a".repeat(20_000),
      "https://".repeat(5_000),
    ];
    const started = performance.now();
    for (const input of inputs) {
      const tokens = tokenize(input, { isEmoji });
      expect(flat(tokens).length).toBeLessThanOrEqual(MAX_INPUT);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
