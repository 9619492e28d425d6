import { useEffect, useId, useState } from "preact/hooks";
import { adminApi, type Settings, SIGNUP_MODES, UNKNOWN_SENDER_POLICIES } from "../../api/admin";
import { t } from "../../i18n";
import { loadInstance } from "../../state/instance";
import { ErrorMessage } from "../error-message";
import { PostSkeletons } from "../skeleton";

const lines = (words: readonly string[]) => words.join("\n");
const words = (text: string) =>
  text
    .split("\n")
    .map((w) => w.trim())
    .filter((w) => w.length > 0);

/** Admin → Settings: signup, local_public, friend requests and ingest policies. */
export function AdminSettings() {
  const id = useId();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [prohibited, setProhibited] = useState("");
  const [sensitive, setSensitive] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const show = (s: Settings) => {
    setSettings(s);
    setProhibited(lines(s.prohibitedWords));
    setSensitive(lines(s.sensitiveWords));
  };

  useEffect(() => {
    adminApi.settings().then(show, setError);
  }, []);

  if (!settings) return error ? <ErrorMessage error={error} /> : <PostSkeletons count={1} />;
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setSettings({ ...settings, [key]: value });
    setSaved(false);
  };

  async function save(e: Event) {
    e.preventDefault();
    if (!settings) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      show(
        await adminApi.updateSettings({
          ...settings,
          prohibitedWords: words(prohibited),
          sensitiveWords: words(sensitive),
        }),
      );
      setSaved(true);
      void loadInstance();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card admin-settings" onSubmit={save} aria-busy={busy} data-testid="admin-settings">
      <h2>{t("admin.settings.signup")}</h2>
      <div class="field">
        <label for={`${id}-signup`} class="field-label">
          {t("admin.settings.signupMode")}
        </label>
        <select
          id={`${id}-signup`}
          data-testid="admin-signup-mode"
          value={settings.signupMode}
          onChange={(e) => set("signupMode", e.currentTarget.value as Settings["signupMode"])}
        >
          {SIGNUP_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`admin.settings.signupMode.${m}`)}
            </option>
          ))}
        </select>
      </div>

      <h2>{t("admin.settings.federation")}</h2>
      <label class="toggle">
        <input
          type="checkbox"
          data-testid="admin-forbid-local-public"
          checked={settings.forbidLocalPublic}
          onChange={(e) => set("forbidLocalPublic", e.currentTarget.checked)}
        />
        {t("admin.settings.forbidLocalPublic")}
      </label>
      <label class="toggle">
        <input
          type="checkbox"
          data-testid="admin-auto-accept-friends"
          checked={settings.autoAcceptFriends}
          onChange={(e) => set("autoAcceptFriends", e.currentTarget.checked)}
        />
        {t("admin.settings.autoAcceptFriends")}
      </label>

      <h2>{t("admin.settings.ingest")}</h2>
      <div class="field">
        <label for={`${id}-prohibited`} class="field-label">
          {t("admin.settings.prohibitedWords")}
        </label>
        <textarea
          id={`${id}-prohibited`}
          data-testid="admin-prohibited-words"
          rows={3}
          value={prohibited}
          onInput={(e) => setProhibited(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-sensitive`} class="field-label">
          {t("admin.settings.sensitiveWords")}
        </label>
        <textarea
          id={`${id}-sensitive`}
          data-testid="admin-sensitive-words"
          rows={3}
          value={sensitive}
          onInput={(e) => setSensitive(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-mentions`} class="field-label">
          {t("admin.settings.mentionLimit")}
        </label>
        <input
          id={`${id}-mentions`}
          type="number"
          min={0}
          max={1000}
          value={settings.mentionLimit}
          onInput={(e) => set("mentionLimit", Number(e.currentTarget.value))}
        />
      </div>
      <div class="field">
        <label for={`${id}-stranger`} class="field-label">
          {t("admin.settings.strangerMentionLimit")}
        </label>
        <input
          id={`${id}-stranger`}
          type="number"
          min={0}
          max={1000}
          value={settings.strangerMentionLimit}
          onInput={(e) => set("strangerMentionLimit", Number(e.currentTarget.value))}
        />
      </div>
      <div class="field">
        <label for={`${id}-unknown`} class="field-label">
          {t("admin.settings.unknownSenderPolicy")}
        </label>
        <select
          id={`${id}-unknown`}
          value={settings.unknownSenderPolicy}
          onChange={(e) => set("unknownSenderPolicy", e.currentTarget.value as Settings["unknownSenderPolicy"])}
        >
          {UNKNOWN_SENDER_POLICIES.map((p) => (
            <option key={p} value={p}>
              {t(`admin.settings.unknownSender.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-newAccountHoldHours`} class="field-label">
          {t("admin.settings.newAccountHoldHours")}
        </label>
        <input
          id={`${id}-newAccountHoldHours`}
          type="number"
          min={0}
          max={2160}
          value={settings.newAccountHoldHours}
          onInput={(e) => set("newAccountHoldHours", Number(e.currentTarget.value))}
        />
      </div>
      <div class="field">
        <label for={`${id}-inboxActorPerMinute`} class="field-label">
          {t("admin.settings.inboxActorPerMinute")}
        </label>
        <input
          id={`${id}-inboxActorPerMinute`}
          type="number"
          min={1}
          max={100000}
          value={settings.inboxActorPerMinute}
          onInput={(e) => set("inboxActorPerMinute", Number(e.currentTarget.value))}
        />
      </div>
      <div class="field">
        <label for={`${id}-inboxPeerPerMinute`} class="field-label">
          {t("admin.settings.inboxPeerPerMinute")}
        </label>
        <input
          id={`${id}-inboxPeerPerMinute`}
          type="number"
          min={1}
          max={1000000}
          value={settings.inboxPeerPerMinute}
          onInput={(e) => set("inboxPeerPerMinute", Number(e.currentTarget.value))}
        />
      </div>
      <div class="field">
        <label for={`${id}-postsPerMinute`} class="field-label">
          {t("admin.settings.postsPerMinute")}
        </label>
        <input
          id={`${id}-postsPerMinute`}
          type="number"
          min={1}
          max={10000}
          value={settings.postsPerMinute}
          onInput={(e) => set("postsPerMinute", Number(e.currentTarget.value))}
        />
      </div>

      <ErrorMessage error={error} />
      <p class="status" role="status">
        {saved ? t("settings.saved") : ""}
      </p>
      <button type="submit" class="button" disabled={busy} data-testid="admin-settings-save">
        {t("settings.save")}
      </button>
    </form>
  );
}
