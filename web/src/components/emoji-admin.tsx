import { useEffect, useId, useState } from "preact/hooks";
import { postsApi } from "../api/posts";
import { IMAGE_TYPES } from "../api/upload";
import { customEmojis, loadCustomEmojis } from "../emoji/custom-emoji";
import { t } from "../i18n";
import { ErrorMessage } from "./error-message";

const SHORTCODE = /^[A-Za-z0-9_+-]{1,64}$/;

/** Settings → Custom emoji (admins only): upload with shortcode and category, list, delete. */
export function EmojiAdmin({ confirm = (m: string) => window.confirm(m) }: { confirm?: (message: string) => boolean }) {
  const id = useId();
  const [shortcode, setShortcode] = useState("");
  const [category, setCategory] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    void loadCustomEmojis(true);
  }, []);

  const valid = SHORTCODE.test(shortcode) && file !== null;

  async function upload(e: Event) {
    e.preventDefault();
    if (!valid || !file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await postsApi.addEmoji({ shortcode, file, ...(category.trim() ? { category: category.trim() } : {}) });
      setDone(t("emojiAdmin.added", { shortcode }));
      setShortcode("");
      setFile(null);
      setFormKey(formKey + 1);
      await loadCustomEmojis(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(code: string) {
    if (!confirm(t("emojiAdmin.deleteConfirm", { shortcode: code }))) return;
    setError(null);
    try {
      await postsApi.deleteEmoji(code);
      await loadCustomEmojis(true);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section class="card emoji-admin" data-testid="emoji-admin">
      <h2>{t("emojiAdmin.title")}</h2>
      <form key={formKey} class="emoji-admin-form" onSubmit={upload} aria-busy={busy}>
        <div class="field">
          <label for={`${id}-code`} class="field-label">
            {t("emojiAdmin.shortcode")}
          </label>
          <input
            id={`${id}-code`}
            data-testid="emoji-shortcode"
            value={shortcode}
            pattern="[A-Za-z0-9_+\-]{1,64}"
            aria-describedby={`${id}-hint`}
            onInput={(e) => setShortcode(e.currentTarget.value.replace(/^:|:$/g, ""))}
          />
          <p id={`${id}-hint`} class="hint">
            {t("emojiAdmin.shortcodeHint")}
          </p>
        </div>
        <div class="field">
          <label for={`${id}-cat`} class="field-label">
            {t("emojiAdmin.category")}
          </label>
          <input id={`${id}-cat`} value={category} maxLength={64} onInput={(e) => setCategory(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={`${id}-file`} class="field-label">
            {t("emojiAdmin.file")}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            data-testid="emoji-file"
            accept={IMAGE_TYPES.join(",")}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" class="button" disabled={!valid || busy}>
          {t("emojiAdmin.upload")}
        </button>
        {done && (
          <p class="success" role="status">
            {done}
          </p>
        )}
        <ErrorMessage error={error} />
      </form>
      {customEmojis.value.length === 0 ? (
        <p class="muted">{t("emojiAdmin.none")}</p>
      ) : (
        <ul class="emoji-admin-list">
          {customEmojis.value.map((e) => (
            <li key={e.shortcode} data-testid="emoji-admin-item">
              <img class="emoji-admin-img" src={e.url} alt={`:${e.shortcode}:`} width={32} height={32} loading="lazy" />
              <code>:{e.shortcode}:</code>
              <span class="muted">{e.category}</span>
              <button type="button" class="button button-small button-secondary" onClick={() => void remove(e.shortcode)}>
                {t("emojiAdmin.delete")}
                <span class="visually-hidden"> :{e.shortcode}:</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
