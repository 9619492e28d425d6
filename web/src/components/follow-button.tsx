import { useState } from "preact/hooks";
import { type Account, api, type Relationship } from "../api/client";
import { t } from "../i18n";
import { ErrorMessage } from "./error-message";

/** Follow / unfollow; reports the new relationship so the page can update its counts. */
export function FollowButton({ account, onChange }: { account: Account; onChange: (relationship: Relationship) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const following = account.relationship?.following ?? false;
  // A request to a locked account is pending: clicking withdraws it.
  const requested = !following && (account.relationship?.requested ?? false);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      onChange(following || requested ? await api.unfollow(account.username) : await api.follow(account.username));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="follow">
      <button
        type="button"
        class={following || requested ? "button button-secondary" : "button"}
        data-testid="follow-button"
        data-state={following ? "following" : requested ? "requested" : "none"}
        title={requested ? t("profile.requestedHint") : undefined}
        disabled={busy}
        onClick={toggle}
      >
        {following ? t("profile.unfollow") : requested ? t("profile.requested") : t("profile.follow")}
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
