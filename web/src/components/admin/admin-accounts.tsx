import { useEffect, useState } from "preact/hooks";
import { type AccountAction, type ModeratedAccount, moderationApi, type SignupRequest } from "../../api/moderation";
import { formatDateTime, type MessageKey, t } from "../../i18n";
import { session } from "../../state/session";
import { ErrorMessage } from "../error-message";

const STATUSES = ["", "pending", "silenced", "suspended"] as const;

/** Admin → Accounts: pending signups, search, roles (admins) and account actions with a reason. */
export function AdminAccounts() {
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("");
  const [items, setItems] = useState<ModeratedAccount[]>([]);
  const [pending, setPending] = useState<SignupRequest[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = () =>
    Promise.all([moderationApi.accounts({ q: query.trim(), status }), moderationApi.signupRequests()]).then(([page, reqs]) => {
      setItems(page.items);
      setPending(reqs);
    }, setError);
  useEffect(() => {
    void load();
  }, [status]);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div class="admin-accounts" data-testid="admin-accounts">
      <section class="card">
        <h2>{t("moderation.accounts.pendingTitle")}</h2>
        {pending.length === 0 ? (
          <p class="muted">{t("moderation.accounts.noPending")}</p>
        ) : (
          pending.map((p) => (
            <div key={p.account.id} class="account-line" data-testid="signup-request">
              <strong>@{p.account.username}</strong>
              <span class="muted">{formatDateTime(p.createdAt)}</span>
              <p>{p.reason || t("moderation.accounts.noReason")}</p>
              <button
                type="button"
                class="button"
                data-testid="approve-signup"
                onClick={() => void run(() => moderationApi.decideSignup(p.account.id, "approve"))}
              >
                {t("moderation.accounts.approve")}
              </button>
              <button
                type="button"
                class="button button-secondary"
                onClick={() => void run(() => moderationApi.decideSignup(p.account.id, "reject"))}
              >
                {t("moderation.accounts.reject")}
              </button>
            </div>
          ))
        )}
      </section>
      <form
        class="card admin-search"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <input
          type="search"
          data-testid="account-search"
          aria-label={t("moderation.accounts.search")}
          placeholder={t("moderation.accounts.search")}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <select
          aria-label={t("moderation.accounts.status")}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as (typeof STATUSES)[number])}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(s ? (`moderation.accounts.${s}` as MessageKey) : "moderation.accounts.all")}
            </option>
          ))}
        </select>
        <button type="submit" class="button">
          {t("moderation.accounts.searchButton")}
        </button>
      </form>
      <ErrorMessage error={error} />
      {items.map((a) => (
        <AccountRowAdmin key={a.id} account={a} run={run} />
      ))}
    </div>
  );
}

function AccountRowAdmin({ account, run }: { account: ModeratedAccount; run: (work: () => Promise<void>) => Promise<void> }) {
  const [reason, setReason] = useState("");
  const me = session.value;
  const isAdmin = me?.role === "admin";
  const actions: AccountAction[] = [
    "warn",
    account.silenced ? "unsilence" : "silence",
    account.suspended ? "unsuspend" : "suspend",
  ];
  const canAct = account.role !== "admin" && account.id !== me?.id && (account.role !== "moderator" || isAdmin);
  return (
    <article class="card account-admin" data-testid="admin-account" data-username={account.username}>
      <header class="report-head">
        <a href={`/@${account.username}`}>@{account.username}</a>
        <span class="badge">{t(`moderation.role.${account.role}` as MessageKey)}</span>
        {account.pending && <span class="badge">{t("moderation.accounts.pending")}</span>}
        {account.silenced && <span class="badge">{t("moderation.accounts.silenced")}</span>}
        {account.suspended && <span class="badge">{t("moderation.accounts.suspended")}</span>}
      </header>
      {canAct && (
        <div class="report-actions">
          <input
            type="text"
            aria-label={t("moderation.accounts.reason")}
            placeholder={t("moderation.accounts.reason")}
            maxLength={1000}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          {actions.map((type) => (
            <button
              key={type}
              type="button"
              class="button button-secondary"
              data-testid={`account-action-${type}`}
              onClick={() => void run(() => moderationApi.act(account.id, type, reason))}
            >
              {t(`moderation.action.${type}` as MessageKey)}
            </button>
          ))}
          {isAdmin && account.role !== "admin" && (
            <button
              type="button"
              class="button button-secondary"
              data-testid="account-role"
              onClick={() =>
                void run(() => moderationApi.setRole(account.id, account.role === "moderator" ? "user" : "moderator"))
              }
            >
              {account.role === "moderator" ? t("moderation.accounts.revokeModerator") : t("moderation.accounts.makeModerator")}
            </button>
          )}
        </div>
      )}
    </article>
  );
}
