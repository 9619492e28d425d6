import { useEffect, useId, useRef, useState } from "preact/hooks";
import { api, type InnerPost, MAX_POST_LENGTH, type Post, type ReactionAcceptance, type Visibility } from "../api/client";
import { IMAGE_TYPES, MAX_ATTACHMENTS, VIDEO_TYPES } from "../api/upload";
import { t } from "../i18n";
import { publishPostEvent } from "../live/post-events";
import { instance } from "../state/instance";
import { ComposerMedia } from "./composer-media";
import { ErrorMessage } from "./error-message";
import { Icon } from "./icon";
import { QuoteCard } from "./quote-card";
import { useAttachments } from "./use-attachments";
import { VisibilityPicker } from "./visibility-picker";

const ACCEPT = [...IMAGE_TYPES, ...VIDEO_TYPES].join(",");

export interface ComposerProps {
  /** Reply mode: the post being answered (sent as replyToId). */
  replyTo?: InnerPost;
  /** Quote mode: the post shown as a quote card (sent as quoteId). */
  quote?: InnerPost;
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
  quote,
  onPosted,
  onCancel,
  autoFocus = false,
  communityId,
  visibilities,
  placeholder,
}: ComposerProps) {
  const id = useId();
  // Replying to someone on another server (`user@host`) names them, as Mastodon does, so
  // their server tells them (the API also mentions a remote parent's author).
  const [text, setText] = useState(replyTo?.author.username.includes("@") ? `@${replyTo.author.username} ` : "");
  const [cwOn, setCwOn] = useState(false);
  const [cw, setCw] = useState("");
  const initial = replyTo?.visibility ?? "public";
  const [visibility, setVisibility] = useState<Visibility>(
    !visibilities || visibilities.includes(initial) ? initial : (visibilities[0] ?? "public"),
  );
  const [acceptance, setAcceptance] = useState<ReactionAcceptance>("all");
  const [sensitive, setSensitive] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const media = useAttachments();
  const [posting, setPosting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) textarea.current?.focus();
  }, [autoFocus]);

  const remaining = MAX_POST_LENGTH - postLength(text);
  const canPost = !posting && !media.uploading && (text.trim().length > 0 || media.ready > 0) && remaining >= 0;

  function addFiles(files: FileList | null | undefined) {
    if (!files || files.length === 0) return;
    setNotice(media.add([...files]) === "too_many" ? t("composer.tooMany", { n: MAX_ATTACHMENTS }) : null);
  }

  async function submit() {
    if (!canPost) return;
    setPosting(true);
    setError(null);
    try {
      const mediaIds = await media.finish();
      const post = await api.createPost({
        text,
        visibility,
        ...(cwOn && cw.trim() ? { cw: cw.trim() } : {}),
        ...(replyTo ? { replyToId: replyTo.id } : {}),
        ...(quote ? { quoteId: quote.id } : {}),
        ...(communityId ? { communityId } : {}),
        ...(mediaIds.length > 0 ? { mediaIds, sensitive } : {}),
        ...(acceptance !== "all" ? { reactionAcceptance: acceptance } : {}),
      });
      setText("");
      setCw("");
      setCwOn(false);
      setSensitive(false);
      setNotice(null);
      media.clear();
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

  const label = replyTo ? t("composer.replyLabel") : quote ? t("composer.quoteLabel") : (placeholder ?? t("composer.label"));
  return (
    <form
      class={`composer${replyTo || quote ? " composer-reply" : ""}${dragging ? " composer-dragging" : ""}`}
      data-testid="composer"
      aria-busy={posting}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer?.files.length) return;
        e.preventDefault();
        setDragging(false);
        addFiles(e.dataTransfer.files);
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
      {quote && (
        <div class="composer-quote">
          <QuoteCard post={quote} link={false} />
        </div>
      )}
      <ComposerMedia id={id} items={media.items} onAlt={media.setAlt} onRemove={media.remove} />
      {notice && (
        <p class="error-text" role="alert">
          {notice}
        </p>
      )}
      <div class="composer-options">
        <VisibilityPicker id={`${id}-visibility`} value={visibility} onChange={setVisibility} options={visibilities} />
        {visibility === "local_public" && instance.value?.localPublic === false && (
          <p class="muted composer-hint" data-testid="composer-local-public-off">
            {t("composer.localPublicOff")}
          </p>
        )}
        <div class="composer-acceptance">
          <label for={`${id}-acceptance`} class="field-label">
            {t("composer.acceptance")}
          </label>
          <select
            id={`${id}-acceptance`}
            data-testid="composer-acceptance"
            value={acceptance}
            onChange={(e) => setAcceptance(e.currentTarget.value as ReactionAcceptance)}
          >
            <option value="all">{t("composer.acceptance.all")}</option>
            <option value="likes">{t("composer.acceptance.likes")}</option>
            <option value="none">{t("composer.acceptance.none")}</option>
          </select>
        </div>
      </div>
      <div class="composer-bar">
        <label class="action composer-attach" title={t("composer.attach")}>
          <input
            type="file"
            class="visually-hidden"
            data-testid="media-input"
            accept={ACCEPT}
            multiple
            disabled={media.items.length >= MAX_ATTACHMENTS}
            onChange={(e) => {
              addFiles(e.currentTarget.files);
              e.currentTarget.value = "";
            }}
          />
          <Icon name="image" />
          <span class="visually-hidden">{t("composer.attach")}</span>
        </label>
        <label class="toggle">
          <input
            type="checkbox"
            data-testid="composer-cw-toggle"
            checked={cwOn}
            onChange={(e) => setCwOn(e.currentTarget.checked)}
          />
          {t("composer.cwToggle")}
        </label>
        {media.items.length > 0 && (
          <label class="toggle">
            <input
              type="checkbox"
              data-testid="sensitive-toggle"
              checked={sensitive}
              onChange={(e) => setSensitive(e.currentTarget.checked)}
            />
            {t("composer.sensitive")}
          </label>
        )}
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
          {posting ? t("composer.posting") : replyTo ? t("composer.reply") : quote ? t("composer.quote") : t("composer.submit")}
        </button>
      </div>
      <p id={`${id}-shortcut`} class="visually-hidden">
        {t("composer.shortcut")}
      </p>
      <ErrorMessage error={error} />
    </form>
  );
}
