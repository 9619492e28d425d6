/**
 * Post text -> the HTML `content` of a Note. Everything comes from OUR plain text,
 * so the only markup is what we add here: paragraphs, line breaks, links for URLs,
 * mentions and hashtags (Mastodon's microformats classes, so other servers style
 * them the same way). Every character of the text is escaped.
 */
import { normalizeTag } from "../../core/posts/hashtags";

export interface ContentLinks {
  /** Local usernames (lower-cased) that are mentioned, mapped to their actor IRI and profile URL. */
  readonly mentions: ReadonlyMap<string, { readonly iri: string; readonly url: string; readonly username: string }>;
  /** The web page of a hashtag. */
  readonly tagUrl: (tag: string) => string;
  /** Remote accounts mentioned as `@user@host`, keyed by lower-cased `user@host`. */
  readonly remoteMentions?: ReadonlyMap<string, RemoteMentionTarget>;
}

export interface RemoteMentionTarget {
  /** Their actor IRI. */
  readonly iri: string;
  /** Their profile page. */
  readonly url: string;
  /** `@user@host`, for a Mention tag of an actor the text does not name. */
  readonly name?: string;
}

export interface RenderedContent {
  readonly html: string;
  /** Mentions that were linked, in order (for `Mention` tags). */
  readonly mentions: { readonly iri: string; readonly name: string }[];
  /** Normalised hashtags that were linked (for `Hashtag` tags). */
  readonly hashtags: string[];
}

// A remote mention: `@user@host` (the host may carry a port, as loopback peers do).
const REMOTE_MENTION =
  /(?<![\w@])@(?<ruser>[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?)@(?<rhost>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?)/g;

/** Lower-cased `user@host` of each remote mention in `text`, in order, de-duplicated, at most `max`. */
export function remoteMentionsIn(text: string, max = 20): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(REMOTE_MENTION)) {
    const g = m.groups ?? {};
    if (g.ruser && g.rhost) seen.add(`${g.ruser}@${g.rhost}`.toLowerCase());
    if (seen.size >= max) break;
  }
  return [...seen];
}

// One pass over the text: a URL, a remote or a local mention, or a hashtag, whichever
// comes first. Same shapes as the core's extractors (core/posts/mentions.ts, hashtags.ts).
const TOKEN =
  /(?<url>https?:\/\/[^\s<>"'\u3000]+)|(?<![\w@])@(?<ruser>[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?)@(?<rhost>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?)|(?<![\w@])@(?<mention>[A-Za-z0-9_]{1,30})(?![\w@])|(?<![\p{L}\p{N}_&#])#(?<tag>[\p{L}\p{M}\p{N}_]{1,100})/gu;
const TRAILING = /[.,;:!?)\]}'"、。」』）]+$/u;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderContent(text: string, links: ContentLinks, host: string): RenderedContent {
  const mentions: RenderedContent["mentions"] = [];
  const hashtags: string[] = [];
  const inline = (line: string): string => {
    let out = "";
    let last = 0;
    for (const m of line.matchAll(TOKEN)) {
      const start = m.index ?? 0;
      let raw = m[0];
      let html: string | null = null;
      const g = m.groups ?? {};
      if (g.url) {
        raw = raw.replace(TRAILING, "");
        try {
          const u = new URL(raw);
          const shown = raw.replace(/^https?:\/\//, "");
          html = `<a href="${escapeHtml(u.href)}" rel="nofollow noopener noreferrer" target="_blank">${escapeHtml(shown)}</a>`;
        } catch {
          html = null;
        }
      } else if (g.ruser && g.rhost) {
        const target = links.remoteMentions?.get(`${g.ruser}@${g.rhost}`.toLowerCase());
        if (target) {
          html = `<span class="h-card"><a href="${escapeHtml(target.url)}" class="u-url mention">@<span>${escapeHtml(g.ruser)}</span></a></span>`;
          if (!mentions.some((x) => x.iri === target.iri)) mentions.push({ iri: target.iri, name: `@${g.ruser}@${g.rhost}` });
        }
      } else if (g.mention) {
        const target = links.mentions.get(g.mention.toLowerCase());
        if (target) {
          html = `<span class="h-card"><a href="${escapeHtml(target.url)}" class="u-url mention">@<span>${escapeHtml(target.username)}</span></a></span>`;
          if (!mentions.some((x) => x.iri === target.iri))
            mentions.push({ iri: target.iri, name: `@${target.username}@${host}` });
        }
      } else if (g.tag) {
        const tag = normalizeTag(g.tag);
        if (!/^\d+$/.test(tag)) {
          html = `<a href="${escapeHtml(links.tagUrl(tag))}" class="mention hashtag" rel="tag">#<span>${escapeHtml(g.tag)}</span></a>`;
          if (!hashtags.includes(tag)) hashtags.push(tag);
        }
      }
      if (html === null) continue;
      out += escapeHtml(line.slice(last, start)) + html;
      last = start + raw.length;
    }
    return out + escapeHtml(line.slice(last));
  };
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${p.split("\n").map(inline).join("<br>")}</p>`);
  return { html: paragraphs.join(""), mentions, hashtags };
}
