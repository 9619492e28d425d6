import { useState } from "preact/hooks";
import { api, type Post } from "../api/client";
import { t } from "../i18n";
import { hiddenAccounts } from "../live/hidden-accounts";
import { publishPostEvent } from "../live/post-events";
import { communityById } from "../state/communities";
import { session } from "../state/session";
import { Avatar } from "./avatar";
import { BlueskyPostCard } from "./bluesky-post-card";
import { Composer } from "./composer";
import { ErrorMessage } from "./error-message";
import { FilteredPost } from "./filtered-post";
import { HistoryDialog } from "./history-dialog";
import { Icon } from "./icon";
import { PostActions } from "./post-actions";
import { PostBody } from "./post-body";
import { PostEditor } from "./post-editor";
import { PostMenu } from "./post-menu";
import { ReactionsBar } from "./reactions-bar";
import { RelativeTime } from "./relative-time";
import { EmojiText } from "./remote-html";
import { usePostState } from "./use-post-state";
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
  /** Show a pin marker (pinned posts at the top of a profile). */
  showPinned?: boolean;
}

type Open = "none" | "reply" | "quote" | "edit" | "history";

/** A post: ours (with its actions) or a Bluesky post from the cache. */
export function PostCard(props: PostCardProps) {
  return props.post.protocol === "atproto" ? <BlueskyPostCard post={props.post} /> : <LocalPostCard {...props} />;
}

function LocalPostCard({
  post: initial,
  highlighted = false,
  canReply = false,
  confirm = (message) => window.confirm(message),
  showCommunity = true,
  showPinned = false,
}: PostCardProps) {
  const state = usePostState(initial);
  const { post, target } = state;
  const [open, setOpen] = useState<Open>("none");
  const [deleting, setDeleting] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const signedIn = canReply || Boolean(session.value);
  const profile = `/@${target.author.username}`;
  const community = showCommunity && target.communityId ? communityById.value.get(target.communityId) : undefined;
  const toggle = (what: Open) => setOpen(open === what ? "none" : what);

  async function remove() {
    if (!confirm(t("post.deleteConfirm"))) return;
    setDeleting(true);
    state.setError(null);
    try {
      await api.deletePost(target.id);
      publishPostEvent({ kind: "deleted", id: target.id });
    } catch (e) {
      state.setError(e);
      setDeleting(false);
    }
  }

  if (hiddenAccounts.value.has(post.author.id) || hiddenAccounts.value.has(target.author.id)) return null;
  if (post.filtered?.length && !revealed) return <FilteredPost phrases={post.filtered} onShow={() => setRevealed(true)} />;

  const booster = post.boostOf ? post.author : null;
  return (
    <article
      class={highlighted ? "post post-highlighted" : "post"}
      data-testid="post"
      data-post-id={post.id}
      data-boost={booster ? "true" : undefined}
      aria-current={highlighted ? "true" : undefined}
    >
      {booster && (
        <p class="post-boosted-by" data-testid="boosted-by">
          <Icon name="boost" size={14} />{" "}
          <a href={`/@${booster.username}`}>{t("post.boostedBy", { name: booster.displayName || booster.username })}</a>
          <RelativeTime iso={post.createdAt} />
        </p>
      )}
      {showPinned && target.pinned && (
        <p class="post-boosted-by post-pinned" data-testid="pinned-marker">
          <Icon name="pin" size={14} /> {t("post.pinned")}
        </p>
      )}
      <div class="post-avatar">
        <Avatar
          url={target.author.avatarUrl}
          name={target.author.displayName || target.author.username}
          seed={target.author.id}
        />
      </div>
      <div class="post-main">
        <header class="post-header">
          <a href={profile} class="post-author">
            <span class="display-name">
              <EmojiText text={target.author.displayName || target.author.username} emojis={target.author.emojis} />
            </span>{" "}
            <span class="username">@{target.author.username}</span>
          </a>
          <span class="post-meta">
            {target.editedAt && (
              <span class="post-edited" title={t("post.editedAt", { time: target.editedAt })} data-testid="edited-marker">
                {t("post.edited")}
              </span>
            )}
            <VisibilityBadge visibility={target.visibility} />
            {target.remote ? (
              <a
                href={/^https?:\/\//i.test(target.url) ? target.url : undefined}
                class="post-time"
                target="_blank"
                rel="nofollow noopener noreferrer"
                title={t("remoteMedia.original", { host: target.host ?? "" })}
                data-testid="remote-link"
              >
                <RelativeTime iso={target.createdAt} />
              </a>
            ) : (
              <a href={`/posts/${target.id}`} class="post-time">
                <RelativeTime iso={target.createdAt} />
              </a>
            )}
          </span>
        </header>
        {community && (
          <a href={`/c/${community.name}`} class="post-community" data-testid="post-community">
            <Icon name="hash" size={14} /> {community.title || community.name}
          </a>
        )}
        {target.replyToId && (
          <a href={`/posts/${target.replyToId}`} class="post-reply-to">
            <Icon name="reply" size={14} /> {t("post.inReplyTo")}
          </a>
        )}
        {open === "edit" ? (
          <PostEditor
            post={target}
            onCancel={() => setOpen("none")}
            onSaved={(updated) => {
              state.publish(updated);
              setOpen("none");
            }}
          />
        ) : (
          <PostBody post={target} />
        )}
        <ReactionsBar post={target} onToggle={signedIn ? (emoji) => void state.toggleReaction(emoji) : undefined} />
        <PostActions
          post={target}
          signedIn={signedIn}
          canReply={canReply}
          replying={open === "reply"}
          quoting={open === "quote"}
          onReply={() => toggle("reply")}
          onQuote={() => toggle("quote")}
          onBoost={() => void state.toggleBoost()}
          onReact={(emoji) => void state.toggleReaction(emoji)}
          menu={
            <PostMenu
              post={target}
              signedIn={signedIn}
              onBookmark={() => void state.toggleBookmark()}
              onPin={() => void state.togglePin()}
              onEdit={() => setOpen("edit")}
              onHistory={() => setOpen("history")}
              onDelete={() => void (deleting ? undefined : remove())}
            />
          }
        />
        <ErrorMessage error={state.error} />
        {open === "reply" && (
          <Composer replyTo={target} autoFocus onPosted={() => setOpen("none")} onCancel={() => setOpen("none")} />
        )}
        {open === "quote" && (
          <Composer quote={target} autoFocus onPosted={() => setOpen("none")} onCancel={() => setOpen("none")} />
        )}
        {open === "history" && <HistoryDialog post={target} onClose={() => setOpen("none")} />}
      </div>
    </article>
  );
}
