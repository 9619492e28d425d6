import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import { type Community, communitiesApi } from "../api/communities";
import { t } from "../i18n";
import { refreshJoined } from "../state/communities";
import { session } from "../state/session";
import { ErrorMessage } from "./error-message";

export interface JoinControlsProps {
  community: Community;
  inviteCode: string | null;
  onChanged: () => void;
  /** Asks before leaving; replaceable in tests. */
  confirm?: (message: string) => boolean;
}

/** Join / Request to join / Requested / Invite only / Leave, following the join policy and `me`. */
export function JoinControls({ community: c, inviteCode, onChanged, confirm = (m) => window.confirm(m) }: JoinControlsProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState("");
  const [requested, setRequested] = useState(c.me?.requested ?? false);
  const me = c.me;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      void refreshJoined(true);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const join = () =>
    run(async () => {
      const status = await communitiesApi.join(c.id, {
        ...(inviteCode ? { inviteCode } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
      });
      if (status === "requested") {
        setRequested(true);
        setAsking(false);
      }
    });

  let control: ComponentChildren;
  if (!session.value) {
    control = (
      <a href="/login" class="button">
        {t("community.loginToJoin")}
      </a>
    );
  } else if (me?.member) {
    control =
      me.role === "owner" ? (
        <span class="badge role-badge">{t("community.role.owner")}</span>
      ) : (
        <button
          type="button"
          class="button button-secondary"
          data-testid="leave-button"
          disabled={busy}
          onClick={() => {
            if (confirm(t("community.leaveConfirm", { title: c.title }))) void run(() => communitiesApi.leave(c.id));
          }}
        >
          {t("community.leave")}
        </button>
      );
  } else if (requested) {
    control = (
      <button type="button" class="button button-secondary" data-testid="join-button" disabled>
        {t("community.requested")}
      </button>
    );
  } else if (c.joinPolicy === "invite" && !inviteCode) {
    control = <span class="badge role-badge">{t("community.inviteOnly")}</span>;
  } else if (c.joinPolicy === "approval" && !inviteCode) {
    control = asking ? null : (
      <button type="button" class="button" data-testid="join-button" disabled={busy} onClick={() => setAsking(true)}>
        {t("community.requestToJoin")}
      </button>
    );
  } else {
    control = (
      <button type="button" class="button" data-testid="join-button" disabled={busy} onClick={join}>
        {t("community.join")}
      </button>
    );
  }

  return (
    <div class="join-controls">
      {control}
      {asking && (
        <form
          class="join-request"
          onSubmit={(e) => {
            e.preventDefault();
            void join();
          }}
        >
          <label for={id} class="field-label">
            {t("community.requestMessage")}
          </label>
          <textarea
            id={id}
            rows={2}
            maxLength={500}
            value={message}
            data-testid="join-message"
            onInput={(e) => setMessage(e.currentTarget.value)}
          />
          <div class="form-actions">
            <button type="button" class="button button-secondary button-small" onClick={() => setAsking(false)}>
              {t("communityForm.cancel")}
            </button>
            <button type="submit" class="button button-small" data-testid="join-button" disabled={busy}>
              {t("community.sendRequest")}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
