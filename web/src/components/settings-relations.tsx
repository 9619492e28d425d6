import { useEffect, useId, useState } from "preact/hooks";
import {
  type NotificationPolicy,
  notificationPolicyApi,
  type RelationEntry,
  relationsApi,
  WORD_FILTER_ACTIONS,
  type WordFilter,
} from "../api/relations";
import { t } from "../i18n";
import { unhideAccount } from "../live/hidden-accounts";
import { ErrorMessage } from "./error-message";

/** Settings → muted or blocked accounts, each with a button to lift it. */
export function RelationList({ kind }: { kind: "mutes" | "blocks" }) {
  const [items, setItems] = useState<RelationEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    (kind === "mutes" ? relationsApi.mutes() : relationsApi.blocks()).then(setItems, setError);
  }, [kind]);

  async function lift(entry: RelationEntry) {
    setError(null);
    try {
      await (kind === "mutes" ? relationsApi.unmute(entry.acct) : relationsApi.unblock(entry.acct));
      setItems((list) => list?.filter((e) => e.id !== entry.id) ?? null);
      unhideAccount(entry.id);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section class="card" data-testid={`settings-${kind}`}>
      <h2>{t(kind === "mutes" ? "relations.mutedAccounts" : "relations.blockedAccounts")}</h2>
      {items && items.length === 0 && <p class="muted">{t("relations.none")}</p>}
      <ul class="plain-list">
        {items?.map((e) => (
          <li key={e.id}>
            <a href={`/@${e.acct}`}>{e.displayName || e.acct}</a> <span class="muted">@{e.acct}</span>
            {e.expiresAt && (
              <span class="muted">{t("relations.mutedUntil", { time: new Date(e.expiresAt).toLocaleString() })}</span>
            )}
            <button type="button" class="button button-secondary button-small" onClick={() => lift(e)}>
              {t(kind === "mutes" ? "relations.unmute" : "relations.unblock")}
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
    </section>
  );
}

/** Settings → word filters on my timelines (hide, or fold behind a warning). */
export function WordFilters() {
  const id = useId();
  const [items, setItems] = useState<WordFilter[] | null>(null);
  const [phrase, setPhrase] = useState("");
  const [action, setAction] = useState<WordFilter["action"]>("hide");
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    relationsApi.filters().then(setItems, setError);
  }, []);

  async function add(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const filter = await relationsApi.addFilter(phrase, action);
      setItems((list) => [...(list ?? []), filter]);
      setPhrase("");
    } catch (err) {
      setError(err);
    }
  }

  async function remove(filter: WordFilter) {
    setError(null);
    try {
      await relationsApi.removeFilter(filter.id);
      setItems((list) => list?.filter((f) => f.id !== filter.id) ?? null);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section class="card" data-testid="settings-word-filters">
      <h2>{t("filters.title")}</h2>
      <p class="muted">{t("filters.help")}</p>
      <ul class="plain-list">
        {items?.map((f) => (
          <li key={f.id}>
            <strong>{f.phrase}</strong> <span class="badge">{t(`filters.action.${f.action}`)}</span>
            <button type="button" class="button button-secondary button-small" onClick={() => remove(f)}>
              {t("filters.remove")}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} class="field">
        <label for={`${id}-phrase`} class="field-label">
          {t("filters.phrase")}
        </label>
        <input id={`${id}-phrase`} required maxLength={100} value={phrase} onInput={(e) => setPhrase(e.currentTarget.value)} />
        <select
          aria-label={t("filters.actionLabel")}
          value={action}
          onChange={(e) => setAction(e.currentTarget.value as WordFilter["action"])}
        >
          {WORD_FILTER_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`filters.action.${a}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="button">
          {t("filters.add")}
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}

const POLICY_KEYS = ["notFollowing", "notFollowers", "newAccounts", "privateMentions"] as const;

/** Settings → notification filter: which senders go to the Filtered tab. */
export function NotificationFilterSettings() {
  const [policy, setPolicy] = useState<NotificationPolicy | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    notificationPolicyApi.get().then(setPolicy, setError);
  }, []);

  async function toggle(key: (typeof POLICY_KEYS)[number], value: boolean) {
    if (!policy) return;
    setError(null);
    try {
      setPolicy(await notificationPolicyApi.set({ ...policy, [key]: value }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section class="card" data-testid="settings-notification-filter">
      <h2>{t("notificationFilter.title")}</h2>
      <p class="muted">{t("notificationFilter.help")}</p>
      {policy &&
        POLICY_KEYS.map((key) => (
          <label class="toggle" key={key}>
            <input
              type="checkbox"
              data-testid={`notification-filter-${key}`}
              checked={policy[key]}
              onChange={(e) => void toggle(key, e.currentTarget.checked)}
            />
            {t(`notificationFilter.${key}`)}
          </label>
        ))}
      <ErrorMessage error={error} />
    </section>
  );
}
