import { useEffect, useId, useRef, useState } from "preact/hooks";
import { api, MAX_POST_LENGTH, type Post, type Visibility } from "../api/client";
import { t } from "../i18n";
import { publishPostEvent } from "../live/post-events";
import { ErrorMessage } from "./error-message";
import { VisibilityPicker } from "./visibility-picker";

export interface ComposerProps {
  /** Reply mode: the post being answered (sent as replyToId). */
  replyTo?: Post;
  onPosted?: (post: Post) => void;
  onCancel?: () => void;
  /** Focus the text on mount (when opened by a Reply button). */
  autoFocus?: boolean;
  /** Post into this community (sent as communityId). */
  communityId?: string;
  /** The visibilities offered (communities refuse followers-only and direct posts). */
  visibilities?: readonly Visibility[];
  /** Label of the text box, when not the default "What's happening?". */
  placeholder?: string;
}

/** Length as the user sees it: code points, so an emoji counts once. */
export function postLength(text: string): number {
  return [...text].length;
}

export function Composer({
  replyTo,
  onPosted,
  onCancel,
  autoFocus = false,
  communityId,
  visibilities,
  placeholder,
}: ComposerProps) {
  const id = useId();
  const [text, setText] = useState("");
  const [cwOn, setCwOn] = useState(false);
  const [cw, setCw] = useState("");
  const initial = replyTo?.visibility ?? "public";
  const [visibility, setVisibility] = useState<Visibility>(
    !visibilities || visibilities.includes(initial) ? initial : (visibilities[0] ?? "public"),
  );
  const [posting, setPosting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) textarea.current?.focus();
  }, [autoFocus]);

  const remaining = MAX_POST_LENGTH - postLength(text);
  const canPost = !posting && text.trim().length > 0 && remaining >= 0;

  async function submit() {
    if (!canPost) return;
    setPosting(true);
    setError(null);
    try {
      const post = await api.createPost({
        text,
        visibility,
        ...(cwOn && cw.trim() ? { cw: cw.trim() } : {}),
        ...(replyTo ? { replyToId: replyTo.id } : {}),
        ...(communityId ? { communityId } : {}),
      });
      setText("");
      setCw("");
      setCwOn(false);
      publishPostEvent({ kind: "created", post });
      onPosted?.(post);
      textarea.current?.focus();
    } catch (e) {
      setError(e);
    } finally {
      setPosting(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  }

  const label = replyTo ? t("composer.replyLabel") : (placeholder ?? t("composer.label"));
  return (
    <form
      class={replyTo ? "composer composer-reply" : "composer"}
      data-testid="composer"
      aria-busy={posting}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {replyTo && <p class="composer-replying">{t("composer.replyingTo", { username: replyTo.author.username })}</p>}
      {cwOn && (
        <div class="field">
          <label for={`${id}-cw`} class="field-label">
            {t("composer.cwLabel")}
          </label>
          <input
            id={`${id}-cw`}
            data-testid="composer-cw"
            type="text"
            value={cw}
            maxLength={500}
            placeholder={t("composer.cwPlaceholder")}
            onInput={(e) => setCw(e.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
        </div>
      )}
      <label for={`${id}-text`} class="visually-hidden">
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        ref={textarea}
        data-testid="composer-text"
        rows={replyTo ? 3 : 4}
        value={text}
        placeholder={label}
        aria-describedby={`${id}-count ${id}-shortcut`}
        aria-invalid={remaining < 0}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <VisibilityPicker id={`${id}-visibility`} value={visibility} onChange={setVisibility} options={visibilities} />
      <div class="composer-bar">
        <label class="toggle">
          <input
            type="checkbox"
            data-testid="composer-cw-toggle"
            checked={cwOn}
            onChange={(e) => setCwOn(e.currentTarget.checked)}
          />
          {t("composer.cwToggle")}
        </label>
        <span class="spacer" />
        <span
          id={`${id}-count`}
          class={remaining < 0 ? "counter counter-over" : remaining < 100 ? "counter counter-near" : "counter"}
          data-testid="composer-counter"
        >
          {t("composer.remaining", { n: remaining })}
        </span>
        {onCancel && (
          <button type="button" class="button button-secondary" onClick={onCancel}>
            {t("composer.cancelReply")}
          </button>
        )}
        <button type="submit" class="button" data-testid="composer-submit" disabled={!canPost}>
          {posting ? t("composer.posting") : replyTo ? t("composer.reply") : t("composer.submit")}
        </button>
      </div>
      <p id={`${id}-shortcut`} class="visually-hidden">
        {t("composer.shortcut")}
      </p>
      <ErrorMessage error={error} />
    </form>
  );
}
