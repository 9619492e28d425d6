import { useId, useState } from "preact/hooks";
import { communitiesApi, type Invite } from "../api/communities";
import { t } from "../i18n";
import { ErrorMessage } from "./error-message";
import { Icon } from "./icon";

/** Creates an invite link and offers to copy it. */
export function InviteLink({ communityId }: { communityId: string }) {
  const id = useId();
  const [invite, setInvite] = useState<Invite | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function create() {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setInvite(await communitiesApi.createInvite(communityId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!invite) return;
    try {
      await navigator.clipboard.writeText(invite.url);
      setCopied(true);
    } catch {
      document.getElementById(id)?.focus();
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }

  return (
    <section class="card">
      <h2>{t("settingsCommunity.invite")}</h2>
      <p class="hint">{t("settingsCommunity.inviteHint")}</p>
      {invite && (
        <div class="invite-row">
          <label for={id} class="visually-hidden">
            {t("settingsCommunity.invite")}
          </label>
          <input
            id={id}
            type="text"
            readOnly
            value={invite.url}
            data-testid="invite-url"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="button button-secondary" onClick={() => void copy()}>
            <Icon name="copy" size={16} /> {t("settingsCommunity.copy")}
          </button>
        </div>
      )}
      <p class="status" role="status">
        {copied ? t("settingsCommunity.copied") : ""}
      </p>
      <ErrorMessage error={error} />
      <button type="button" class="button" data-testid="create-invite" disabled={busy} onClick={() => void create()}>
        {invite ? t("settingsCommunity.newInvite") : t("settingsCommunity.createInvite")}
      </button>
    </section>
  );
}
