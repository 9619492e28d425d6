// Our own tokenizer for post text. The output is a small tree of typed tokens that
// rich-text.tsx turns into VDOM nodes, so user text can never become markup: only these
// literal markers mean anything, and anything else (including "<script>") stays text.
//
//   URLs (http/https)   @user, @user@host   #tag (Unicode letters)   :shortcode: (known only)
//   **bold**   *italic*   <small>…</small>   <center>…</center>   `code`
import { isHttpUrl, trimUrl } from "../components/linkify";

export type Token =
  | { kind: "text"; text: string }
  | { kind: "url"; href: string }
  | { kind: "mention"; username: string; host: string | null }
  | { kind: "hashtag"; tag: string }
  | { kind: "emoji"; shortcode: string }
  | { kind: "code"; text: string }
  | { kind: "bold" | "italic" | "small" | "center"; children: Token[] };

export interface TokenizeOptions {
  /** Whether `:shortcode:` names a custom emoji we can show; unknown ones stay text. */
  isEmoji?: (shortcode: string) => boolean;
}

/** Markup may nest this deep; deeper markers stay text. */
export const MAX_DEPTH = 4;
/** Longer input is cut (posts are at most 3,000 code points; this is a guard, not a limit). */
export const MAX_INPUT = 20_000;

const URL_AT = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/y;
const MENTION_AT = /@([A-Za-z0-9_]{1,30})(?:@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+))?/y;
const HASHTAG_AT = /#([\p{L}\p{M}\p{N}_]{1,100})/uy;
const EMOJI_AT = /:([A-Za-z0-9_+-]{1,64}):/y;
const WORD_BEFORE = /[\p{L}\p{N}_]/u;
const TAGS = ["small", "center"] as const;

function matchAt(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

class Tokenizer {
  /** Markers known to have no closing after a position: later searches would fail too. */
  private readonly noClose = new Map<string, number>();

  constructor(
    private readonly s: string,
    private readonly isEmoji: (shortcode: string) => boolean,
  ) {}

  private findClose(marker: string, from: number, end: number): number {
    const known = this.noClose.get(marker);
    if (known !== undefined && from >= known) return -1;
    const at = this.s.indexOf(marker, from);
    if (at === -1) {
      this.noClose.set(marker, Math.min(known ?? from, from));
      return -1;
    }
    return at + marker.length <= end ? at : -1;
  }

  parse(start: number, end: number, depth: number): Token[] {
    const s = this.s;
    const out: Token[] = [];
    let text = "";
    const flush = () => {
      if (text) out.push({ kind: "text", text });
      text = "";
    };
    const nested = (kind: "bold" | "italic" | "small" | "center", from: number, to: number) => {
      flush();
      out.push({ kind, children: this.parse(from, to, depth + 1) });
    };
    let i = start;
    while (i < end) {
      const c = s[i] as string;
      const before = i > start ? (s[i - 1] as string) : i > 0 ? (s[i - 1] as string) : "";
      const canNest = depth < MAX_DEPTH;

      if (c === "`") {
        const close = this.findClose("`", i + 1, end);
        if (close > i + 1 && !s.slice(i + 1, close).includes("\n")) {
          flush();
          out.push({ kind: "code", text: s.slice(i + 1, close) });
          i = close + 1;
          continue;
        }
      } else if (c === "*" && canNest) {
        if (s[i + 1] === "*") {
          const close = this.findClose("**", i + 2, end);
          if (close > i + 2 && s.slice(i + 2, close).trim() !== "") {
            nested("bold", i + 2, close);
            i = close + 2;
            continue;
          }
          text += "**";
          i += 2;
          continue;
        }
        const next = s[i + 1];
        if (next !== undefined && !/\s/.test(next)) {
          const close = this.findClose("*", i + 1, end);
          if (close > i + 1 && s[close + 1] !== "*" && !/\s/.test(s[close - 1] as string)) {
            nested("italic", i + 1, close);
            i = close + 1;
            continue;
          }
        }
      } else if (c === "<" && canNest) {
        const tag = TAGS.find((name) => s.startsWith(`<${name}>`, i));
        if (tag) {
          const open = tag.length + 2;
          const close = this.findClose(`</${tag}>`, i + open, end);
          if (close >= i + open) {
            nested(tag, i + open, close);
            i = close + open + 1;
            continue;
          }
        }
      } else if (c === "h" && !/[A-Za-z0-9]/.test(before)) {
        const m = matchAt(URL_AT, s, i);
        if (m) {
          const url = trimUrl(m[0].slice(0, end - i));
          if (isHttpUrl(url)) {
            flush();
            out.push({ kind: "url", href: url });
            i += url.length;
            continue;
          }
        }
      } else if (c === "@" && !WORD_BEFORE.test(before) && before !== "@") {
        const m = matchAt(MENTION_AT, s, i);
        if (m && i + m[0].length <= end) {
          flush();
          out.push({ kind: "mention", username: m[1] as string, host: m[2] ?? null });
          i += m[0].length;
          continue;
        }
      } else if (c === "#" && !WORD_BEFORE.test(before) && before !== "&") {
        const m = matchAt(HASHTAG_AT, s, i);
        if (m && i + m[0].length <= end && !/^\d+$/.test(m[1] as string)) {
          flush();
          out.push({ kind: "hashtag", tag: m[1] as string });
          i += m[0].length;
          continue;
        }
      } else if (c === ":") {
        const m = matchAt(EMOJI_AT, s, i);
        if (m && i + m[0].length <= end && this.isEmoji(m[1] as string)) {
          flush();
          out.push({ kind: "emoji", shortcode: m[1] as string });
          i += m[0].length;
          continue;
        }
      }
      text += c;
      i += 1;
    }
    flush();
    return out;
  }
}

export function tokenize(input: string, options: TokenizeOptions = {}): Token[] {
  const s = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input;
  return new Tokenizer(s, options.isEmoji ?? (() => false)).parse(0, s.length, 0);
}

/** The hashtag link target: `/tags/:tag`. */
export function tagPath(tag: string): string {
  return `/tags/${encodeURIComponent(tag)}`;
}

/** The profile link target for a mention: `/@user` or `/@user@host`. */
export function mentionPath(username: string, host: string | null): string {
  return host ? `/@${username}@${host}` : `/@${username}`;
}
