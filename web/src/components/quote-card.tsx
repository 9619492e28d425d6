import type { EmbeddedPost } from "../api/client";
import { t } from "../i18n";
import { RichText } from "../text/rich-text";
import { Avatar } from "./avatar";
import { MediaGrid } from "./media-grid";
import { RelativeTime } from "./relative-time";

/** A quoted post inside another post (or in the composer's preview). Text only one level deep. */
export function QuoteCard({ post, link = true }: { post: EmbeddedPost; link?: boolean }) {
  const hasCw = post.cw !== null && post.cw !== "";
  return (
    <blockquote class="quote-card" data-testid="quote-card" data-post-id={post.id}>
      <header class="quote-header">
        <Avatar
          url={post.author.avatarUrl}
          name={post.author.displayName || post.author.username}
          seed={post.author.id}
          size={24}
        />
        <span class="display-name">{post.author.displayName || post.author.username}</span>
        <span class="username">@{post.author.username}</span>
        {link ? (
          <a href={`/posts/${post.id}`} class="post-time">
            <RelativeTime iso={post.createdAt} />
          </a>
        ) : (
          <span class="post-time">
            <RelativeTime iso={post.createdAt} />
          </span>
        )}
      </header>
      {hasCw ? (
        <p class="quote-cw">
          <RichText text={post.cw ?? ""} emojis={post.emojis} /> <span class="muted">({t("post.cwHidden")})</span>
        </p>
      ) : (
        <div class="quote-text">
          <RichText text={post.text} emojis={post.emojis} />
        </div>
      )}
      {!hasCw && post.media.length > 0 && <MediaGrid media={post.media} sensitive={post.sensitive} />}
    </blockquote>
  );
}
