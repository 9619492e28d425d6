import { type ComponentChildren, h } from "preact";

type EmojiList = readonly { shortcode: string; url: string }[];

/**
 * Remote HTML (a remote post's content, a remote bio) rendered as Preact nodes.
 *
 * The server already cut it down to Mastodon's allow-list (workers/federation/activitypub/
 * sanitize-html.ts). We still never hand it to innerHTML: it is parsed with DOMParser
 * (an inert document: no scripts run, nothing loads) and rebuilt element by element from
 * the same allow-list, so a server-side sanitiser bug, or HTML that reaches the client
 * by another path, cannot give it power. Only `href` (http, https, mailto) and a few
 * classes survive; links open in a new tab with rel="nofollow noopener noreferrer";
 * `:shortcode:` in text becomes the post's custom emoji image (a URL of our media proxy).
 */
const ALLOWED = new Set([
  "p",
  "br",
  "span",
  "a",
  "del",
  "pre",
  "code",
  "em",
  "strong",
  "b",
  "i",
  "u",
  "ul",
  "ol",
  "li",
  "blockquote",
]);
/** Dropped with everything inside them (any other unknown tag keeps its text). */
const DROPPED = new Set(["script", "style", "template", "iframe", "object", "embed", "svg", "math", "noscript", "title"]);
const SAFE_HREF = /^(?:https?:|mailto:)/i;
/** Mastodon's link-shortening and mention classes (styled in styles.css). */
const SAFE_CLASS = /^(?:invisible|ellipsis|mention|hashtag|h-card|u-url)$/;
const SHORTCODE = /:([A-Za-z0-9_+-]{1,64}):/g;

function emojiText(text: string, emojis: EmojiList, key: string): ComponentChildren[] {
  if (emojis.length === 0 || !text.includes(":")) return [text];
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(SHORTCODE)) {
    // Only the post's own emoji: a remote :shortcode: never borrows this server's image.
    const url = emojis.find((e) => e.shortcode === m[1])?.url;
    if (!url) continue;
    out.push(text.slice(last, m.index));
    const name = m[0];
    out.push(<img key={`${key}-${m.index}`} class="custom-emoji" src={url} alt={name} title={name} width={20} height={20} />);
    last = (m.index ?? 0) + name.length;
  }
  out.push(text.slice(last));
  return out;
}

function convert(node: Node, emojis: EmojiList, key: string): ComponentChildren {
  if (node.nodeType === 3) return emojiText(node.textContent ?? "", emojis, key);
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (DROPPED.has(tag)) return null;
  const children = Array.from(el.childNodes, (child, i) => convert(child, emojis, `${key}.${i}`));
  if (!ALLOWED.has(tag)) return children;
  const props: Record<string, string> = { key };
  const classes = (el.getAttribute("class") ?? "").split(/\s+/).filter((c) => SAFE_CLASS.test(c));
  if (classes.length) props.class = classes.join(" ");
  if (tag === "a") {
    const href = (el.getAttribute("href") ?? "").trim();
    // A link whose target was refused is plain text, not a dead link.
    if (!SAFE_HREF.test(href)) return h("span", props, children);
    props.href = href;
    props.target = "_blank";
    props.rel = "nofollow noopener noreferrer";
  }
  return h(tag, props, children);
}

/** The nodes of `html`, rebuilt from the allow-list. */
export function remoteHtmlNodes(html: string, emojis: EmojiList = []): ComponentChildren {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return Array.from(doc.body.childNodes, (node, i) => convert(node, emojis, String(i)));
}

export function RemoteHtml({ html, emojis, class: className }: { html: string; emojis?: EmojiList; class?: string }) {
  return (
    <div class={className ?? "post-text post-html"} data-testid="post-html">
      {remoteHtmlNodes(html, emojis)}
    </div>
  );
}

/** Plain text (a remote display name) with the given custom emoji drawn as images; never markup. */
export function EmojiText({ text, emojis }: { text: string; emojis?: EmojiList }) {
  return <>{emojiText(text, emojis ?? [], "name")}</>;
}
