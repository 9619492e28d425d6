import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import { type InnerPost, MAX_POST_LENGTH } from "../api/client";
import { postsApi } from "../api/posts";
import { t } from "../i18n";
import { postLength } from "./composer";
import { ErrorMessage } from "./error-message";

/** Inline editor for your own post's text and content warning (PATCH /api/posts/:id). */
export function PostEditor({
  post,
  onSaved,
  onCancel,
}: {
  post: InnerPost;
  onSaved: (post: InnerPost) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(post.text);
  const [cw, setCw] = useState(post.cw ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    area.current?.focus();
  }, []);

  const remaining = MAX_POST_LENGTH - postLength(text);
  const canSave = !saving && remaining >= 0 && (text.trim() !== "" || post.media.length > 0);

  async function save(e?: Event) {
    e?.preventDefault();
    if (!canSave) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await postsApi.edit(post.id, { text, cw: cw.trim() ? cw.trim() : null }));
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  }

  return (
    <form
      class="post-editor"
      onSubmit={save}
      aria-busy={saving}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save(e);
      }}
    >
      <label for={`${id}-cw`} class="field-label">
        {t("composer.cwLabel")}
      </label>
      <input id={`${id}-cw`} type="text" value={cw} maxLength={500} onInput={(e) => setCw(e.currentTarget.value)} />
      <label for={`${id}-text`} class="visually-hidden">
        {t("post.editLabel")}
      </label>
      <textarea
        id={`${id}-text`}
        ref={area}
        data-testid="edit-text"
        rows={4}
        value={text}
        aria-invalid={remaining < 0}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="composer-bar">
        <span class={remaining < 0 ? "counter counter-over" : "counter"}>{t("composer.remaining", { n: remaining })}</span>
        <span class="spacer" />
        <button type="button" class="button button-secondary" onClick={onCancel}>
          {t("composer.cancelReply")}
        </button>
        <button type="submit" class="button" data-testid="edit-save" disabled={!canSave}>
          {saving ? t("post.saving") : t("post.save")}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
