import { useId, useState } from "preact/hooks";
import {
  COMMUNITY_NAME_PATTERN,
  COMMUNITY_VISIBILITIES,
  type Community,
  type CommunityVisibility,
  communitiesApi,
  JOIN_POLICIES,
  type JoinPolicy,
} from "../api/communities";
import { t } from "../i18n";
import { ErrorMessage } from "./error-message";

const NAME_RE = new RegExp(`^${COMMUNITY_NAME_PATTERN}$`);

export interface CommunityFormProps {
  /** Creates a room inside this community (join policy comes from the root). */
  parent?: Community;
  onCreated: (community: Community) => void;
  onCancel?: () => void;
}

/** Create a community, or a room (sub-community) when `parent` is given. */
export function CommunityForm({ parent, onCreated, onCancel }: CommunityFormProps) {
  const id = useId();
  const [name, setName] = useState("");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [rules, setRules] = useState("");
  const [joinPolicy, setJoinPolicy] = useState<JoinPolicy>("open");
  const [visibility, setVisibility] = useState<CommunityVisibility>("public");
  const [touched, setTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const nameInvalid = touched && !NAME_RE.test(name);

  async function submit(e: Event) {
    e.preventDefault();
    setTouched(true);
    setSubmitted(true);
    if (!NAME_RE.test(name) || !title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const created = await communitiesApi.create({
        name,
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(rules.trim() ? { rules: rules.trim() } : {}),
        ...(parent ? { parentId: parent.id } : { joinPolicy }),
        visibility,
      });
      onCreated(created);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form class="card community-form" data-testid="community-create-form" onSubmit={submit} aria-busy={busy} noValidate>
      {parent && <h2>{t("communityForm.roomTitle", { title: parent.title })}</h2>}
      <div class="field">
        <label for={`${id}-name`} class="field-label">
          {t("communityForm.name")}
        </label>
        <div class="input-prefix">
          <span aria-hidden="true">/c/</span>
          <input
            id={`${id}-name`}
            type="text"
            data-testid="community-name"
            value={name}
            required
            maxLength={40}
            pattern={COMMUNITY_NAME_PATTERN}
            autoComplete="off"
            spellcheck={false}
            aria-invalid={nameInvalid}
            aria-describedby={`${id}-name-hint`}
            onInput={(e) => setName(e.currentTarget.value)}
            onBlur={() => name && setTouched(true)}
          />
        </div>
        <p id={`${id}-name-hint`} class={nameInvalid ? "hint hint-error" : "hint"}>
          {t("communityForm.nameHint")}
        </p>
      </div>
      <div class="field">
        <label for={`${id}-title`} class="field-label">
          {t("communityForm.titleField")}
        </label>
        <input
          id={`${id}-title`}
          type="text"
          data-testid="community-title"
          value={title}
          required
          maxLength={80}
          aria-invalid={submitted && !title.trim()}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-description`} class="field-label">
          {t("communityForm.description")}
        </label>
        <textarea
          id={`${id}-description`}
          data-testid="community-description"
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
        <textarea
          id={`${id}-rules`}
          data-testid="community-rules"
          rows={3}
          maxLength={5000}
          value={rules}
          placeholder={t("communityForm.rulesPlaceholder")}
          onInput={(e) => setRules(e.currentTarget.value)}
        />
      </div>
      {!parent && (
        <div class="field">
          <label for={`${id}-policy`} class="field-label">
            {t("communityForm.joinPolicy")}
          </label>
          <select
            id={`${id}-policy`}
            data-testid="community-join-policy"
            value={joinPolicy}
            aria-describedby={`${id}-policy-help`}
            onChange={(e) => setJoinPolicy(JOIN_POLICIES.find((p) => p === e.currentTarget.value) ?? "open")}
          >
            {JOIN_POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`community.policy.${p}`)}
              </option>
            ))}
          </select>
          <p id={`${id}-policy-help`} class="hint">
            {t(`community.policy.${joinPolicy}.help`)}
          </p>
        </div>
      )}
      <div class="field">
        <label for={`${id}-visibility`} class="field-label">
          {t("communityForm.visibility")}
        </label>
        <select
          id={`${id}-visibility`}
          data-testid="community-visibility"
          value={visibility}
          aria-describedby={`${id}-visibility-help`}
          onChange={(e) => setVisibility(COMMUNITY_VISIBILITIES.find((v) => v === e.currentTarget.value) ?? "public")}
        >
          {COMMUNITY_VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t(`community.visibility.${v}`)}
            </option>
          ))}
        </select>
        <p id={`${id}-visibility-help`} class="hint">
          {t(`community.visibility.${visibility}.help`)}
        </p>
      </div>
      <ErrorMessage error={error} />
      <div class="form-actions">
        {onCancel && (
          <button type="button" class="button button-secondary" onClick={onCancel}>
            {t("communityForm.cancel")}
          </button>
        )}
        <button type="submit" class="button" data-testid="submit" disabled={busy}>
          {busy ? t("communityForm.creating") : parent ? t("communityForm.createRoom") : t("communityForm.create")}
        </button>
      </div>
    </form>
  );
}
