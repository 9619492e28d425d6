import { blueskyPath } from "../api/bluesky";
import type { Post, RemoteEmbed } from "../api/client";
import { t } from "../i18n";
import { Avatar } from "./avatar";
import { Icon } from "./icon";
import { MediaGrid } from "./media-grid";
import { CwFold } from "./post-body";
import { RelativeTime } from "./relative-time";
import { RemoteHtml } from "./remote-html";

/** A post's web page on bsky.app from its at:// URI. */
export function bskyUrl(uri: string): string | null {
  const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri);
  return m ? `https://bsky.app/profile/${m[1]}/post/${m[2]}` : null;
}

function EmbedCard({ embed }: { embed: RemoteEmbed }) {
  if (embed.type === "quote") {
    const href = embed.url ?? bskyUrl(embed.uri);
    return href ? (
      <a
        class="remote-embed remote-quote"
        href={href}
        target="_blank"
        rel="nofollow noopener noreferrer"
        data-testid="bluesky-quote"
      >
        <Icon name="quote" size={14} /> {t("bluesky.quoted")}
      </a>
    ) : null;
  }
  return (
    <a
      class="remote-embed remote-external"
      href={embed.url}
      target="_blank"
      rel="nofollow noopener noreferrer"
      data-testid="bluesky-link-card"
    >
      {embed.thumbUrl && <img class="remote-thumb" src={embed.thumbUrl} alt="" loading="lazy" referrerpolicy="no-referrer" />}
      <span class="remote-embed-text">
        <strong>{embed.title || new URL(embed.url).host}</strong>
        {embed.description && <span>{embed.description}</span>}
        <small>{new URL(embed.url).host}</small>
      </span>
    </a>
  );
}

/**
 * A Bluesky post from the cache: marked with its origin and linking to bsky.app, text from
 * the server's facet rendering (RemoteHtml, no raw HTML), images and link cards linked
 * from the author's PDS (never stored here), labels as a content warning and blurred media.
 * Local actions (reply, boost, react) do not apply to it.
 */
export function BlueskyPostCard({ post }: { post: Post }) {
  const profile = blueskyPath(post.author.username);
  const parent = post.inReplyToUri ? bskyUrl(post.inReplyToUri) : null;
  const body = (
    <>
      <RemoteHtml html={post.html ?? ""} />
      {post.media.length > 0 && <MediaGrid media={post.media} sensitive={post.sensitive} />}
      {post.embed && <EmbedCard embed={post.embed} />}
    </>
  );
  return (
    <article class="post post-remote" data-testid="post" data-post-id={post.id} data-protocol="atproto">
      <div class="post-avatar">
        <Avatar url={post.author.avatarUrl} name={post.author.displayName || post.author.username} seed={post.author.id} />
      </div>
      <div class="post-main">
        <header class="post-header">
          <a href={profile} class="post-author">
            <span class="display-name">{post.author.displayName || post.author.username}</span>{" "}
            <span class="username">@{post.author.username}</span>
          </a>
          <span class="post-meta">
            <a class="badge badge-origin" href={post.url} target="_blank" rel="noopener noreferrer" data-testid="origin-badge">
              {t("bluesky.origin")}
            </a>
            <a href={post.url} class="post-time" target="_blank" rel="noopener noreferrer" title={t("bluesky.openOnBluesky")}>
              <RelativeTime iso={post.createdAt} />
            </a>
          </span>
        </header>
        {parent && (
          <a href={parent} class="post-reply-to" target="_blank" rel="noopener noreferrer">
            <Icon name="reply" size={14} /> {t("bluesky.inReplyTo")}
          </a>
        )}
        {post.cw ? (
          <CwFold warning={t("bluesky.labelled", { labels: post.cw })} bodyId={`post-body-${post.id}`}>
            {body}
          </CwFold>
        ) : (
          body
        )}
      </div>
    </article>
  );
}
