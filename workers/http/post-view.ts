import { shortcodesIn } from "../core/emojis/emoji";
import type { Media } from "../core/media/ports";
import { extractHashtags } from "../core/posts/hashtags";
import type { ReactionCount } from "../core/posts/ports";
import type { Post, Viewer } from "../core/posts/post";
import { filterVisible } from "../core/posts/visibility";
import type { RemoteBoost } from "../db/d1-remote-interaction-store";
import type { RemotePost } from "../db/d1-remote-post-store";
import type { AppDeps } from "../deps";
import type { Config } from "../env";
import { proxiedUrl } from "../media/remote-proxy";
import { mediaUrl, presentAuthor, presentPost } from "./present";

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
 * and `url` (the web page), `text` (plain) and `html` (sanitised to Mastodon's allow-list
 * when stored, or built from Bluesky facets; custom emoji stay `:shortcode:` text, drawn by
 * clients from `emojis`). Every remote image of an ActivityPub post (attachments, the
 * avatar, custom emoji) is a URL of our media proxy, never of their server; Bluesky blobs
 * are linked where they are (PDS or CDN).
 */
export function presentRemotePost(origin: string, p: RemotePost, remoteMedia: Config["remoteMedia"] = "proxy") {
  const acct = p.author.handle?.replace(/^@/, "") ?? `${p.author.iri}`;
  // Bluesky blobs are public by design (PDS getBlob, the AppView CDN): linked as they are;
  // other servers' files go through our media proxy so browsers talk only to us.
  const proxy = (url: string) => (p.protocol === "atproto" ? url : proxiedUrl(origin, url));
  // With remote media off, no image of theirs is presented at all (custom emoji stay `:shortcode:` text).
  const shown = remoteMedia !== "off";
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
      avatarUrl: shown && p.author.avatarUrl ? proxy(p.author.avatarUrl) : null,
      /** Remote authors: custom emoji of `displayName` (`:shortcode:` in it), through the proxy. */
      emojis: shown ? (p.author.emojis ?? []).map((e) => ({ shortcode: e.shortcode, url: proxy(e.url) })) : [],
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
    emojis: shown ? (p.emojis ?? []).map((e) => ({ shortcode: e.shortcode, url: proxy(e.url) })) : [],
    mentions: [] as PostJson["mentions"],
    hashtags: [] as string[],
    media: (shown ? p.media : []).map((m) => ({
      id: m.url,
      url: proxy(m.url),
      /** The file on its server (for "open original"); `url` is the proxied one. */
      remoteUrl: m.url,
      type: m.type,
      contentType: m.mediaType ?? "",
      width: m.width ?? null,
      height: m.height ?? null,
      blurhash: m.blurhash ?? null,
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

/** A remote actor's boost (Announce) of a cached remote post, with that post embedded. */
export type RemoteBoostJson = Omit<RemotePostJson, "boostOfId" | "boostOf"> & {
  boostOfId: string;
  boostOf: RemotePostJson;
};

/**
 * Cached remote posts for a viewer, in order. Remote boosts (a remote actor's Announce of
 * another cached post) get their original embedded, loaded for the page at once; a boost
 * whose original the viewer may not read, or which the cache has let go, is dropped, like
 * local boosts of hidden posts (signed out, remote boosts are not shown).
 */
export async function presentRemotePosts(
  deps: Pick<AppDeps, "remoteInteractions" | "emojis" | "remotePosts">,
  origin: string,
  viewer: Viewer,
  rows: readonly RemotePost[],
  remoteMedia: Config["remoteMedia"] = "proxy",
): Promise<(RemotePostJson | RemoteBoostJson)[]> {
  const wanted = rows.flatMap((r) => (r.boostOfId ? [r.boostOfId] : []));
  const originals =
    wanted.length && viewer ? await deps.remotePosts.visibleTo(viewer, await deps.remotePosts.findMany(wanted)) : [];
  const own = rows.filter((r) => !r.boostOfId);
  const presented = await withInteractions(deps, origin, viewer, [...own, ...originals], remoteMedia);
  const byId = new Map(presented.map((j) => [j.id, j]));
  return rows.flatMap((r): (RemotePostJson | RemoteBoostJson)[] => {
    const json = byId.get(r.id);
    if (!r.boostOfId) return json ? [json] : [];
    const original = byId.get(r.boostOfId);
    return original ? [{ ...presentRemotePost(origin, r, remoteMedia), boostOfId: original.id, boostOf: original }] : [];
  });
}

/**
 * Remote posts with what our server did with them: our accounts' reactions (counts and
 * the viewer's own, with our custom emoji's images) and boosts (count, `boosted`).
 * Two grouped queries for the whole page.
 */
async function withInteractions(
  deps: Pick<AppDeps, "remoteInteractions" | "emojis">,
  origin: string,
  viewer: Viewer,
  posts: readonly RemotePost[],
  remoteMedia: Config["remoteMedia"],
): Promise<RemotePostJson[]> {
  if (posts.length === 0) return [];
  const { reactions, boosts } = await deps.remoteInteractions.among(
    viewer,
    posts.map((p) => p.id),
  );
  const ours = shortcodesIn([...reactions.values()].flat().map((r) => r.emoji));
  const local = new Map((await deps.emojis.findMany(ours)).map((e) => [e.shortcode, `${origin}/media/${e.key}`]));
  return posts.map((p) => {
    const json = presentRemotePost(origin, p, remoteMedia);
    const mine = reactions.get(p.id) ?? [];
    const boost = boosts.get(p.id);
    const used = shortcodesIn(mine.map((r) => r.emoji)).flatMap((s) => {
      const url = local.get(s);
      return url && !json.emojis.some((e) => e.shortcode === s) ? [{ shortcode: s, url }] : [];
    });
    return {
      ...json,
      reactions: mine,
      reactionsCount: mine.reduce((n, r) => n + r.count, 0),
      emojis: [...json.emojis, ...used],
      boostsCount: boost?.count ?? 0,
      boosted: boost?.me ?? false,
    };
  });
}

/**
 * One of our accounts' boosts of a remote post, in the Post shape of a boost: the
 * booster as author, no text of its own, the remote post as `boostOf`.
 */
export function presentRemoteBoost(origin: string, viewer: Viewer, boost: RemoteBoost, original: RemotePostJson) {
  return {
    ...original,
    id: boost.id,
    uri: original.uri,
    url: original.url,
    text: "",
    html: null,
    cw: null,
    createdAt: boost.createdAt.toISOString(),
    author: presentAuthor(origin, boost.booster),
    remote: false as const,
    mine: viewer === boost.booster.id,
    boostOfId: original.id,
    reactions: [] as PostJson["reactions"],
    reactionsCount: 0,
    boostsCount: 0,
    boosted: false,
    media: [],
    emojis: [],
    boostOf: original,
  };
}
