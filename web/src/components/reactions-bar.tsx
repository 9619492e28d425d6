import { useEffect, useRef, useState } from "preact/hooks";
import type { InnerPost } from "../api/client";
import { postsApi, type ReactionDetail } from "../api/posts";
import { t } from "../i18n";
import { EmojiGlyph } from "./emoji-glyph";

export interface ReactionsBarProps {
  post: InnerPost;
  /** Toggles the viewer's reaction; absent when signed out (chips are then read-only). */
  onToggle?: (emoji: string) => void;
}

const LONG_PRESS_MS = 500;
const HOVER_MS = 400;

/** The reaction chips under a post: counts, your own highlighted, click to toggle; hover or long-press for who reacted. */
export function ReactionsBar({ post, onToggle }: ReactionsBarProps) {
  const [who, setWho] = useState<string | null>(null);
  const [details, setDetails] = useState<ReactionDetail[] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pressed = useRef(false);

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => setDetails(null), [post.reactionsCount]);

  if (post.reactionAcceptance === "none" || post.reactions.length === 0) return null;

  function show(emoji: string) {
    setWho(emoji);
    if (!details) {
      postsApi.reactions(post.id).then(setDetails, () => setDetails([]));
    }
  }
  function later(emoji: string, ms: number) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      pressed.current = true;
      show(emoji);
    }, ms);
  }
  function cancel() {
    clearTimeout(timer.current);
  }

  const listed = who ? details?.find((d) => d.emoji === who) : undefined;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form fieldset
    <div class="reactions" role="group" aria-label={t("reaction.label")} onMouseLeave={() => setWho(null)}>
      {post.reactions.map((r) => (
        <span key={r.emoji} class="reaction-wrap">
          <button
            type="button"
            class={r.me ? "reaction reaction-mine" : "reaction"}
            data-testid="reaction"
            data-emoji={r.emoji}
            aria-pressed={r.me}
            aria-label={t(r.me ? "reaction.remove" : "reaction.add", { emoji: r.emoji, n: r.count })}
            disabled={!onToggle}
            onClick={() => {
              if (pressed.current) {
                pressed.current = false; // the long press showed the list; don't toggle too
                return;
              }
              onToggle?.(r.emoji);
            }}
            onMouseEnter={() => later(r.emoji, HOVER_MS)}
            onMouseLeave={cancel}
            onFocus={() => later(r.emoji, HOVER_MS)}
            onBlur={() => {
              cancel();
              setWho(null);
            }}
            onTouchStart={() => later(r.emoji, LONG_PRESS_MS)}
            onTouchEnd={cancel}
            onContextMenu={(e) => {
              e.preventDefault();
              show(r.emoji);
            }}
          >
            <EmojiGlyph emoji={r.emoji} emojis={post.emojis} size={18} />
            <span class="reaction-count">{r.count}</span>
          </button>
          {who === r.emoji && (
            <span class="reaction-who" role="tooltip" data-testid="reaction-who">
              {details === null ? (
                t("app.loading")
              ) : listed && listed.accounts.length > 0 ? (
                <>
                  {listed.accounts.slice(0, 10).map((a) => (
                    <a key={a.id} href={`/@${a.username}`}>
                      {a.displayName || a.username}
                    </a>
                  ))}
                  {listed.count > 10 && <span>{t("reaction.andMore", { n: listed.count - 10 })}</span>}
                </>
              ) : (
                t("reaction.nobody")
              )}
            </span>
          )}
        </span>
      ))}
    </div>
  );
}
