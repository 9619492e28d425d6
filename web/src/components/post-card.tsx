import { useState } from "preact/hooks";
import { api, type Post } from "../api/client";
import { t } from "../i18n";
import { publishPostEvent } from "../live/post-events";
import { communityById } from "../state/communities";
import { Avatar } from "./avatar";
import { Composer } from "./composer";
import { ErrorMessage } from "./error-message";
import { Icon } from "./icon";
import { PostText } from "./post-text";
import { RelativeTime } from "./relative-time";
import { VisibilityBadge } from "./visibility-badge";

export interface PostCardProps {
  post: Post;
  /** Highlighted as the focus of a thread page. */
  highlighted?: boolean;
  /** Whether the viewer may reply (signed in). */
  canReply?: boolean;
  /** Asks before deleting; replaceable in tests. */
  confirm?: (message: string) => boolean;
  /** Name the community a post was made in (off inside that community's own timeline). */
  showCommunity?: boolean;
}

export function PostCard({
  post,
  highlighted = false,
  canReply = false,
  confirm = (message) => window.confirm(message),
  showCommunity = true,
}: PostCardProps) {
  const [expanded, setExpanded] = useState(false);
  const [replying, setReplying] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const profile = `/@${post.author.username}`;
  const bodyId = `post-body-${post.id}`;
  const community = showCommunity && post.communityId ? communityById.value.get(post.communityId) : undefined;

  async function remove() {
    if (!confirm(t("post.deleteConfirm"))) return;
    setDeleting(true);
    setError(null);
    try {
      await api.deletePost(post.id);
      publishPostEvent({ kind: "deleted", id: post.id });
    } catch (e) {
      setError(e);
      setDeleting(false);
    }
  }

  return (
    <article
      class={highlighted ? "post post-highlighted" : "post"}
      data-testid="post"
      data-post-id={post.id}
      aria-current={highlighted ? "true" : undefined}
    >
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
            <VisibilityBadge visibility={post.visibility} />
            <a href={`/posts/${post.id}`} class="post-time">
              <RelativeTime iso={post.createdAt} />
            </a>
          </span>
        </header>
        {community && (
          <a href={`/c/${community.name}`} class="post-community" data-testid="post-community">
            <Icon name="hash" size={14} /> {community.title || community.name}
          </a>
        )}
        {post.replyToId && (
          <a href={`/posts/${post.replyToId}`} class="post-reply-to">
            <Icon name="reply" size={14} /> {t("post.inReplyTo")}
          </a>
        )}
        {post.cw !== null && post.cw !== "" ? (
          <div class="post-cw">
            <p class="cw-text">{post.cw}</p>
            <button
              type="button"
              class="button button-small button-secondary"
              aria-expanded={expanded}
              aria-controls={bodyId}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? t("post.showLess") : t("post.showMore")}
            </button>
            <div id={bodyId} hidden={!expanded}>
              <PostText text={post.text} />
            </div>
          </div>
        ) : (
          <PostText text={post.text} />
        )}
        <div class="post-actions">
          {canReply && (
            <button
              type="button"
              class="action"
              aria-expanded={replying}
              onClick={() => setReplying(!replying)}
              title={t("post.reply")}
            >
              <Icon name="reply" />
              <span class="visually-hidden">{t("post.reply")}</span>
              {post.repliesCount > 0 && <span aria-hidden="true">{post.repliesCount}</span>}
              {post.repliesCount > 0 && <span class="visually-hidden">{t("post.replies", { n: post.repliesCount })}</span>}
            </button>
          )}
          {!canReply && post.repliesCount > 0 && (
            <a class="action" href={`/posts/${post.id}`}>
              <Icon name="reply" /> <span>{t("post.replies", { n: post.repliesCount })}</span>
            </a>
          )}
          {post.mine && (
            <button type="button" class="action action-danger" onClick={remove} disabled={deleting} title={t("post.delete")}>
              <Icon name="trash" />
              <span class="visually-hidden">{t("post.delete")}</span>
            </button>
          )}
        </div>
        <ErrorMessage error={error} />
        {replying && (
          <Composer replyTo={post} autoFocus onPosted={() => setReplying(false)} onCancel={() => setReplying(false)} />
        )}
      </div>
    </article>
  );
}
