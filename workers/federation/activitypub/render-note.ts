/**
 * Core Post -> ActivityStreams Note (https://www.w3.org/TR/activitystreams-vocabulary/#dfn-note),
 * addressed exactly as DESIGN.md's visibility table says. Quotes are written the three
 * ways the field reads them (FEP-044f `quote`, `quoteUrl`, Misskey `_misskey_quote`);
 * Fedify's Note context declares the misskey and fedibird terms.
 */
import { Document, Hashtag, Mention, Note, PUBLIC_COLLECTION } from "@fedify/vocab";
import type { Media } from "../../core/media/ports";
import type { Post, Visibility } from "../../core/posts/post";
import { type RemoteMentionTarget, renderContent } from "./render-content";
import { toInstant } from "./temporal";

/** Where our objects live (built from Fedify's router, so they match the dispatchers). */
export interface LocalUris {
  readonly origin: string;
  /** host[:port], as in acct: handles. */
  readonly host: string;
  actor(username: string): URL;
  followers(username: string): URL;
  note(postId: string): URL;
}

/**
 * Who a post is delivered to. "default" is every server that is not a friend; "friend"
 * is an active friend server with local-public sharing on (DESIGN.md, "Friend servers";
 * friends-delivery.ts decides who is which): it gets `local_public` as
 * `to: [followers, kmyblue:LocalPublic], cc: Public`.
 */
export type Audience = "default" | "friend";

/** kmyblue's marker for a local-public post, in `to`. */
const KMYBLUE_LOCAL_PUBLIC = new URL("kmyblue:LocalPublic");

export interface Addressing {
  readonly to: URL[];
  readonly cc: URL[];
}

/**
 * The `to`/`cc` of a post, or null when it never leaves the server (local_only).
 * `mentioned` are the actor IRIs of mentioned accounts.
 */
export function addressingFor(
  visibility: Visibility,
  followers: URL,
  mentioned: readonly URL[],
  audience: Audience = "default",
): Addressing | null {
  switch (visibility) {
    case "public":
      return { to: [PUBLIC_COLLECTION], cc: [followers, ...mentioned] };
    case "local_public":
      // To a non-friend, local-public goes out as unlisted (kmyblue).
      return audience === "friend"
        ? { to: [followers, KMYBLUE_LOCAL_PUBLIC], cc: [PUBLIC_COLLECTION, ...mentioned] }
        : { to: [followers], cc: [PUBLIC_COLLECTION, ...mentioned] };
    case "unlisted":
      return { to: [followers], cc: [PUBLIC_COLLECTION, ...mentioned] };
    case "followers":
      return { to: [followers], cc: [...mentioned] };
    case "direct":
      return { to: [...mentioned], cc: [] };
    case "local_only":
      return null;
  }
}

/** Whether a post may leave the server at all: not local_only, not a boost, not in a members-only community. */
export function isFederatable(post: Post, inPublicPlace: boolean): boolean {
  return post.visibility !== "local_only" && !post.deletedAt && inPublicPlace;
}

/** Whether anyone (a signed-out fetch) may read the Note at its IRI. */
export function isPubliclyFetchable(post: Post, inPublicPlace: boolean): boolean {
  if (!isFederatable(post, inPublicPlace) || post.boostOfId) return false;
  return post.visibility === "public" || post.visibility === "local_public" || post.visibility === "unlisted";
}

export interface NoteInput {
  readonly post: Post;
  /** Whether the post's community (if any) is readable by anyone. */
  readonly inPublicPlace: boolean;
  /** Mentioned local accounts. */
  readonly mentioned: readonly { readonly username: string }[];
  /**
   * Mentioned remote actors, keyed by lower-cased `user@host` as written in the text; an
   * entry under "" is mentioned without being written (the author of a remote parent).
   */
  readonly remoteMentioned?: ReadonlyMap<string, RemoteMentionTarget>;
  readonly media: readonly Media[];
  readonly audience?: Audience;
}

/** The Note for a post, or null when the post must not be rendered for other servers. */
export function renderNote(uris: LocalUris, input: NoteInput): Note | null {
  const { post } = input;
  if (!isFederatable(post, input.inPublicPlace) || post.boostOfId) return null;
  const author = post.author.username;
  const mentions = new Map(
    input.mentioned.map((m) => [
      m.username.toLowerCase(),
      { iri: uris.actor(m.username).href, url: `${uris.origin}/@${m.username}`, username: m.username },
    ]),
  );
  const remote = input.remoteMentioned ?? new Map<string, RemoteMentionTarget>();
  const content = renderContent(
    post.text,
    { mentions, remoteMentions: remote, tagUrl: (t) => `${uris.origin}/tags/${encodeURIComponent(t)}` },
    uris.host,
  );
  // Written mentions first, then the remote parent's author when the text does not name them.
  const tagged = [...content.mentions];
  for (const [key, target] of remote) {
    if (key === "" && !tagged.some((m) => m.iri === target.iri))
      tagged.push({ iri: target.iri, name: target.name ?? target.iri });
  }
  const mentionedIris = [...new Set([...[...mentions.values()].map((m) => m.iri), ...tagged.map((m) => m.iri)])].map(
    (iri) => new URL(iri),
  );
  const addressing = addressingFor(post.visibility, uris.followers(author), mentionedIris, input.audience);
  if (!addressing) return null;
  const quote = post.quoteId ? uris.note(post.quoteId) : null;
  const quoteLink = quote ? `<p class="quote-inline"><br>RE: <a href="${quote.href}">${quote.href}</a></p>` : "";
  return new Note({
    id: uris.note(post.id),
    attribution: uris.actor(author),
    tos: addressing.to,
    ccs: addressing.cc,
    content: content.html + quoteLink,
    summary: post.cw,
    sensitive: post.sensitive || post.cw !== null,
    replyTarget: post.replyToId
      ? uris.note(post.replyToId)
      : post.replyToExternal && URL.canParse(post.replyToExternal)
        ? new URL(post.replyToExternal)
        : null,
    quote,
    quoteUrl: quote,
    published: toInstant(post.createdAt),
    updated: post.editedAt ? toInstant(post.editedAt) : null,
    url: new URL(`${uris.origin}/posts/${post.id}`),
    attachments: input.media.map(
      (m) =>
        new Document({
          url: new URL(`${uris.origin}/media/${m.key}`),
          mediaType: m.contentType,
          name: m.alt || null,
          width: m.width,
          height: m.height,
        }),
    ),
    tags: [
      ...tagged.map((m) => new Mention({ href: new URL(m.iri), name: m.name })),
      ...content.hashtags.map(
        (t) => new Hashtag({ href: new URL(`${uris.origin}/tags/${encodeURIComponent(t)}`), name: `#${t}` }),
      ),
    ],
  });
}
