import { useCallback, useRef, useState } from "preact/hooks";
import type { InnerPost } from "../api/client";
import { LIKE } from "../emoji/unicode";
import { t } from "../i18n";
import { EmojiPicker } from "./emoji-picker";
import { Icon } from "./icon";

export interface PostActionsProps {
  post: InnerPost;
  signedIn: boolean;
  /** Show the reply button (off on a thread's focused post, which has its own composer). */
  canReply: boolean;
  replying: boolean;
  quoting: boolean;
  onReply: () => void;
  onBoost: () => void;
  onQuote: () => void;
  onReact: (emoji: string) => void;
  /** The "more" menu, rendered last. */
  menu?: preact.ComponentChildren;
}

const BOOSTABLE = new Set(["public", "local_public", "unlisted", "local_only"]);

/** The row of actions under a post: reply, boost, quote, react, more. */
export function PostActions({
  post,
  signedIn,
  canReply,
  replying,
  quoting,
  onReply,
  onBoost,
  onQuote,
  onReact,
  menu,
}: PostActionsProps) {
  const [picking, setPicking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setPicking(false);
    trigger.current?.focus();
  }, []);
  const boostable = BOOSTABLE.has(post.visibility);
  const liked = post.reactions.some((r) => r.emoji === LIKE && r.me);

  return (
    <div class="post-actions">
      {canReply ? (
        <button type="button" class="action" aria-expanded={replying} onClick={onReply} title={t("post.reply")}>
          <Icon name="reply" />
          <span class="visually-hidden">{t("post.reply")}</span>
          {post.repliesCount > 0 && <span aria-hidden="true">{post.repliesCount}</span>}
          {post.repliesCount > 0 && <span class="visually-hidden">{t("post.replies", { n: post.repliesCount })}</span>}
        </button>
      ) : (
        post.repliesCount > 0 && (
          <a class="action" href={`/posts/${post.id}`}>
            <Icon name="reply" /> <span>{t("post.replies", { n: post.repliesCount })}</span>
          </a>
        )
      )}
      {(signedIn || post.boostsCount > 0) && (
        <button
          type="button"
          class={post.boosted ? "action action-on action-boosted" : "action"}
          data-testid="boost-button"
          aria-pressed={post.boosted}
          disabled={!signedIn || !boostable}
          onClick={onBoost}
          title={boostable ? (post.boosted ? t("post.unboost") : t("post.boost")) : t("post.boostDisabled")}
        >
          <Icon name="boost" />
          <span class="visually-hidden">{post.boosted ? t("post.unboost") : t("post.boost")}</span>
          {post.boostsCount > 0 && <span class="action-count">{post.boostsCount}</span>}
        </button>
      )}
      {signedIn && boostable && !post.remote && (
        <button
          type="button"
          class="action"
          data-testid="quote-button"
          aria-expanded={quoting}
          onClick={onQuote}
          title={t("post.quote")}
        >
          <Icon name="quote" />
          <span class="visually-hidden">{t("post.quote")}</span>
        </button>
      )}
      {signedIn && post.reactionAcceptance === "likes" && (
        <button
          type="button"
          class={liked ? "action action-on action-liked" : "action"}
          data-testid="like-button"
          aria-pressed={liked}
          onClick={() => onReact(LIKE)}
          title={liked ? t("post.unlike") : t("post.like")}
        >
          <Icon name="heart" />
          <span class="visually-hidden">{liked ? t("post.unlike") : t("post.like")}</span>
        </button>
      )}
      {signedIn && post.reactionAcceptance === "all" && (
        <span class="picker-anchor">
          <button
            ref={trigger}
            type="button"
            class="action"
            data-testid="reaction-button"
            aria-haspopup="dialog"
            aria-expanded={picking}
            onClick={() => setPicking(!picking)}
            title={t("reaction.pick")}
          >
            <Icon name="smile" />
            <span class="visually-hidden">{t("reaction.pick")}</span>
          </button>
          {picking && (
            <EmojiPicker
              onClose={close}
              onPick={(emoji) => {
                close();
                onReact(emoji);
              }}
            />
          )}
        </span>
      )}
      {menu}
    </div>
  );
}
