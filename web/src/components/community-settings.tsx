import { useId, useState } from "preact/hooks";
import { type Community, communitiesApi } from "../api/communities";
import { t } from "../i18n";
import { refreshJoined } from "../state/communities";
import { CommunityImageUpload } from "./community-image-upload";
import { ErrorMessage } from "./error-message";
import { InviteLink } from "./invite-link";
import { JoinRequests } from "./join-requests";

const SLOW_MODE_MAX = 3600;

/** Moderator settings: text, slow mode, archive; join requests, invites and images. */
export function CommunitySettings({ community: c, onChanged }: { community: Community; onChanged: () => void }) {
  const id = useId();
  const [title, setTitle] = useState(c.title);
  const [description, setDescription] = useState(c.description);
  const [rules, setRules] = useState(c.rules);
  const [slow, setSlow] = useState(String(c.slowModeSeconds));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const slowValue = Number(slow);
  const slowValid = Number.isInteger(slowValue) && slowValue >= 0 && slowValue <= SLOW_MODE_MAX;

  async function save(patch: Parameters<typeof communitiesApi.update>[1]) {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await communitiesApi.update(c.id, patch);
      setSaved(true);
      void refreshJoined(true);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="community-settings" data-testid="community-settings">
      {/* Moderation: reports about posts in this community are handled in the report queue. */}
      <p class="card">
        <a href="/admin/reports" data-testid="community-reports-link">
          {t("moderation.community.reports")}
        </a>
      </p>
      <form
        class="card"
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault();
          if (slowValid && title.trim()) void save({ title: title.trim(), description, rules, slowModeSeconds: slowValue });
        }}
      >
        <h2>{t("settingsCommunity.title")}</h2>
        <div class="field">
          <label for={`${id}-title`} class="field-label">
            {t("communityForm.titleField")}
          </label>
          <input id={`${id}-title`} type="text" maxLength={80} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={`${id}-description`} class="field-label">
            {t("communityForm.description")}
          </label>
          <textarea
            id={`${id}-description`}
            rows={3}
            maxLength={2000}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`${id}-rules`} class="field-label">
            {t("communityForm.rules")}
          </label>
          <textarea id={`${id}-rules`} rows={4} maxLength={5000} value={rules} onInput={(e) => setRules(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={`${id}-slow`} class="field-label">
            {t("settingsCommunity.slowMode")}
          </label>
          <input
            id={`${id}-slow`}
            type="number"
            class="input-narrow"
            min={0}
            max={SLOW_MODE_MAX}
            step={1}
            value={slow}
            aria-invalid={!slowValid}
            aria-describedby={`${id}-slow-hint`}
            onInput={(e) => setSlow(e.currentTarget.value)}
          />
          <p id={`${id}-slow-hint`} class="hint">
            {t("settingsCommunity.slowModeHint")}
          </p>
        </div>
        <ErrorMessage error={error} />
        <p class="status" role="status">
          {saved ? t("settings.saved") : ""}
        </p>
        <button type="submit" class="button" disabled={busy || !slowValid || !title.trim()} data-testid="community-save">
          {t("settings.save")}
        </button>
      </form>
      <JoinRequests communityId={c.id} onDecided={onChanged} />
      <InviteLink communityId={c.id} />
      <CommunityImageUpload community={c} kind="icon" onUploaded={onChanged} />
      <CommunityImageUpload community={c} kind="banner" onUploaded={onChanged} />
      <section class="card">
        <h2>{t("settingsCommunity.archive")}</h2>
        <p class="hint">{t(c.archived ? "settingsCommunity.unarchiveHint" : "settingsCommunity.archiveHint")}</p>
        <button
          type="button"
          class="button button-secondary"
          data-testid="community-archive"
          disabled={busy}
          onClick={() => {
            if (c.archived || window.confirm(t("settingsCommunity.archiveConfirm"))) void save({ archived: !c.archived });
          }}
        >
          {t(c.archived ? "settingsCommunity.unarchive" : "settingsCommunity.archive")}
        </button>
      </section>
    </div>
  );
}
