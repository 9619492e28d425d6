/**
 * Remote HTML (Note content, actor summaries) cut down to Mastodon's allow-list
 * (https://github.com/mastodon/mastodon/blob/main/lib/sanitize_ext/sanitize_config.rb):
 * p, br, span, a, del, pre, code, em, strong, b, i, u, ul, ol, li, blockquote; links
 * only to http, https and mailto, always rel="nofollow noopener noreferrer". Scripts,
 * styles and every other tag or attribute are dropped with their markup (text kept).
 */
import xss from "xss";

// xss is CommonJS: its classes hang off the default export at runtime.
const { FilterXSS } = xss as unknown as typeof import("xss");

const TAGS = ["p", "br", "span", "a", "del", "pre", "code", "em", "strong", "b", "i", "u", "ul", "ol", "li", "blockquote"];
const REL = "nofollow noopener noreferrer";
const SAFE_HREF = /^(?:https?:|mailto:)/i;

const filter = new FilterXSS({
  whiteList: Object.fromEntries(TAGS.map((t) => [t, t === "a" ? ["href", "class"] : t === "span" ? ["class"] : []])),
  stripIgnoreTag: true,
  stripIgnoreTagBody: ["script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"],
  allowCommentTag: false,
  css: false,
  onTagAttr(tag, name, value) {
    if (tag === "a" && name === "href") {
      const href = value.trim();
      return SAFE_HREF.test(href) ? `href="${escapeAttr(href)}" rel="${REL}" target="_blank"` : "";
    }
    if (name === "class") {
      // Mastodon keeps only microformat and mention classes.
      const kept = value.split(/\s+/).filter((c) => /^(?:h-|p-|u-|dt-|e-|mention$|hashtag$|ellipsis$|invisible$)/.test(c));
      return kept.length ? `class="${escapeAttr(kept.join(" "))}"` : "";
    }
    return undefined;
  },
});

function escapeAttr(s: string): string {
  return s
    .replace(/&(?!amp;|lt;|gt;|quot;|#)/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

export function sanitizeHtml(html: string): string {
  return filter.process(html);
}
