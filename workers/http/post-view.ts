import { shortcodesIn } from "../core/emojis/emoji";
import type { Media } from "../core/media/ports";
import { extractHashtags } from "../core/posts/hashtags";
import type { ReactionCount } from "../core/posts/ports";
import type { Post, Viewer } from "../core/posts/post";
import { filterVisible } from "../core/posts/visibility";
import type { RemotePost } from "../db/d1-remote-post-store";
import type { AppDeps } from "../deps";
import { mediaUrl, presentPost } from "./present";

type Base = ReturnType<typeof presentPost>;

/** The JSON shape of a post in API responses (documented in openapi.ts as Post). */
export interface PostJson extends Base {
  readonly reactions: { emoji: string; count: number; me: boolean }[];
  readonly emojis: { shortcode: string; url: string }[];
  readonly mentions: { id: string; username: string }[];
  readonly hashtags: string[];
  readonly media: {
    id: string;
    url: string;
    type: "image" | "video";
    contentType: string;
    width: number | null;
    height: number | null;
    alt: string;
  }[];
  readonly boosted: boolean;
  readonly bookmarked: boolean;
  readonly pinned: boolean;
  /** The quoted post, when there is one and the viewer may see it. */
  readonly quote: PostJson | null;
  /** On a boost: the boosted post. */
  readonly boostOf: PostJson | null;
}

export type PresentDeps = Pick<
  AppDeps,
  "posts" | "follows" | "communities" | "reactions" | "emojis" | "bookmarks" | "pins" | "media"
>;

/** How deep embedded posts go: a boost's original, and the post that original quotes. */
const EMBED_DEPTH = 2;

export interface PresentOptions {
  /**
   * The posts were written a moment ago: nobody has reacted to, boosted, bookmarked
   * or pinned them yet, so those lookups are skipped (the community Durable Object
   * presents every new post inside its serial section, where each query counts).
   */
  readonly fresh?: boolean;
  /** With `fresh`: whether any of the posts has media attached (otherwise media is not looked up). */
  readonly withMedia?: boolean;
}

/**
 * Presents a page of posts for one viewer, loading what every post card shows
 * (reactions, media, quoted and boosted posts, the viewer's own marks) in a few
 * batched queries for the whole page rather than per post. Every API path that
 * returns posts goes through here, and so do the community Durable Object's frames
 * (with `viewer` null, so `me`, `boosted` and `bookmarked` are false).
 * Boosts whose original the viewer may not see are dropped from the page.
 */
export async function presentPosts(
  deps: PresentDeps,
  origin: string,
  viewer: Viewer,
  posts: readonly Post[],
  depth = EMBED_DEPTH,
  options: PresentOptions = {},
): Promise<PostJson[]> {
  if (posts.length === 0) return [];
  const fresh = options.fresh === true;
  const embedded = depth > 0 ? await embeds(deps, origin, viewer, posts, depth - 1) : new Map<string, PostJson>();
  const own = posts.filter((p) => !p.boostOfId);
  const ids = own.map((p) => p.id);
  const reactionEmoji = (counts: Map<string, ReactionCount[]>) => [...counts.values()].flat().map((r) => r.emoji);
  const interactions = !fresh && viewer;
  const [counts, mine, boosted, bookmarked, pinned, media, mentioned] = await Promise.all([
    fresh ? new Map<string, ReactionCount[]>() : deps.reactions.countsFor(ids),
    interactions ? deps.reactions.mineAmong(viewer, ids) : new Map<string, Set<string>>(),
    interactions ? deps.posts.boostedAmong(viewer, ids) : new Set<string>(),
    interactions ? deps.bookmarks.among(viewer, ids) : new Set<string>(),
    fresh ? new Set<string>() : deps.pins.pinnedAmong(own.map((p) => ({ authorId: p.author.id, postId: p.id }))),
    fresh && !options.withMedia ? new Map<string, Media[]>() : deps.media.forPosts(ids),
    deps.posts.authors(own.flatMap((p) => p.mentionIds)),
  ]);
  const shortcodes = shortcodesIn([...own.flatMap((p) => [p.text, p.cw]), ...reactionEmoji(counts)]);
  const emojis = new Map((await deps.emojis.findMany(shortcodes)).map((e) => [e.shortcode, e]));
  const usernames = new Map(mentioned.map((a) => [a.id, a.username]));

  const out: PostJson[] = [];
  for (const p of posts) {
    const base = presentPost(origin, p, viewer);
    const reactions = (counts.get(p.id) ?? []).map((r) => ({ ...r, me: mine.get(p.id)?.has(r.emoji) ?? false }));
    const used = shortcodesIn([p.text, p.cw, ...reactions.map((r) => r.emoji)]);
    const json: PostJson = {
      ...base,
      reactions,
      emojis: used.flatMap((s) => {
        const e = emojis.get(s);
        return e ? [{ shortcode: s, url: `${origin}/media/${e.key}` }] : [];
      }),
      mentions: p.mentionIds.flatMap((id) => {
        const username = usernames.get(id);
        return username ? [{ id, username }] : [];
      }),
      hashtags: extractHashtags([p.text, p.cw]),
      media: (media.get(p.id) ?? []).map((m) => presentMedia(origin, m)),
      boosted: boosted.has(p.id),
      bookmarked: bookmarked.has(p.id),
      pinned: pinned.has(p.id),
      quote: (p.quoteId && embedded.get(p.quoteId)) || null,
      boostOf: (p.boostOfId && embedded.get(p.boostOfId)) || null,
    };
    // A boost is shown only with its original; if the viewer may not see that, the boost goes.
    if (p.boostOfId && !json.boostOf) continue;
    out.push(json);
  }
  return out;
}

/** Quoted and boosted posts of a page, loaded and checked for the viewer in one pass. */
async function embeds(
  deps: PresentDeps,
  origin: string,
  viewer: Viewer,
  posts: readonly Post[],
  depth: number,
): Promise<Map<string, PostJson>> {
  const wanted = posts.flatMap((p) => [p.quoteId, p.boostOfId]).filter((id): id is string => id !== null);
  if (wanted.length === 0) return new Map();
  const found = await filterVisible(deps, viewer, await deps.posts.findMany(wanted));
  // An embedded post is never itself a boost (boosting or quoting a boost targets its original).
  const presented = await presentPosts(
    deps,
    origin,
    viewer,
    found.filter((p) => !p.boostOfId),
    depth,
  );
  return new Map(presented.map((j) => [j.id, j]));
}

export function presentMedia(origin: string, m: Media): PostJson["media"][number] {
  return {
    id: m.id,
    url: mediaUrl(origin, m.key) ?? "",
    type: m.kind,
    contentType: m.contentType,
    width: m.width,
    height: m.height,
    alt: m.alt,
  };
}

/** One post (a detail view or a write's answer); null if the viewer may not see it (a boost of a hidden post). */
export async function presentOne(deps: PresentDeps, origin: string, viewer: Viewer, post: Post): Promise<PostJson | null> {
  return (await presentPosts(deps, origin, viewer, [post]))[0] ?? null;
}

/** The same post as anyone would see it: the viewer's own marks cleared (for frames broadcast to everyone). */
export function viewerNeutral(post: PostJson): PostJson {
  return {
    ...post,
    mine: false,
    boosted: false,
    bookmarked: false,
    reactions: post.reactions.map((r) => ({ ...r, me: false })),
    quote: post.quote && viewerNeutral(post.quote),
    boostOf: post.boostOf && viewerNeutral(post.boostOf),
  };
}

/**
 * A cached remote post (remote_posts) in the Post shape where it can be: `remote: true`,
 * its `protocol` ("activitypub" or "atproto"), `host`, `uri` (the Note id or the at:// URI)
 * and `url` (the web page), `text` (plain) and `html` (sanitised to Mastodon's allow-list,
 * or built from Bluesky facets), media and embeds as links to their server. No local
 * reactions, boosts or marks.
 */
export function presentRemotePost(p: RemotePost) {
  const acct = p.author.handle?.replace(/^@/, "") ?? `${p.author.iri}`;
  return {
    id: p.id,
    protocol: p.protocol,
    embed: p.embed,
    uri: p.iri,
    url: p.url ?? p.iri,
    text: p.text,
    html: p.content,
    cw: p.cw,
    visibility: p.visibility,
    createdAt: p.publishedAt.toISOString(),
    author: {
      id: p.author.id,
      username: acct,
      displayName: p.author.name || acct,
      avatarUrl: p.author.avatarUrl,
    },
    replyToId: null,
    inReplyToUri: p.inReplyTo,
    repliesCount: 0,
    communityId: null,
    seq: null,
    remote: true as const,
    host: p.author.host,
    mine: false,
    quoteId: null,
    boostOfId: null,
    reactionAcceptance: "all" as const,
    reactionsCount: 0,
    boostsCount: 0,
    sensitive: p.sensitive,
    editedAt: p.updatedAt?.toISOString() ?? null,
    reactions: [] as PostJson["reactions"],
    emojis: [] as PostJson["emojis"],
    mentions: [] as PostJson["mentions"],
    hashtags: [] as string[],
    media: p.media.map((m) => ({
      id: m.url,
      url: m.url,
      type: m.type,
      contentType: m.mediaType ?? "",
      width: null,
      height: null,
      alt: m.alt,
    })),
    boosted: false,
    bookmarked: false,
    pinned: false,
    quote: null,
    boostOf: null,
  };
}

export type RemotePostJson = ReturnType<typeof presentRemotePost>;
