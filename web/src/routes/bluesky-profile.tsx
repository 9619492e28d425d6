import { useMemo, useState } from "preact/hooks";
import { type BlueskyAccount, blueskyApi } from "../api/bluesky";
import { ApiError } from "../api/client";
import { Avatar } from "../components/avatar";
import { ErrorMessage } from "../components/error-message";
import { PostList } from "../components/post-list";
import { RemoteHtml } from "../components/remote-html";
import { PostSkeletons } from "../components/skeleton";
import { useLoad } from "../components/use-load";
import { formatDateTime, type MessageKey, t } from "../i18n";
import { createPagedList } from "../state/paged-list";
import { session } from "../state/session";
import { NotFoundRoute } from "./not-found";

const STATUS_TEXT: Record<Exclude<BlueskyAccount["status"], "ok">, MessageKey> = {
  unreachable: "bluesky.status.unreachable",
  not_found: "bluesky.status.not_found",
  deactivated: "bluesky.status.deactivated",
  takendown: "bluesky.status.takendown",
  rate_limited: "bluesky.status.rate_limited",
};

/** `/@handle?protocol=atproto`: a Bluesky account read over the AT Protocol, with its cached posts. */
export function BlueskyProfileRoute({ handle }: { handle: string }) {
  const me = session.value;
  const {
    value: account,
    setValue: setAccount,
    error,
    attempt,
    retry,
  } = useLoad<BlueskyAccount>(() => blueskyApi.account(handle), [handle, me?.id]);

  const list = useMemo(() => createPagedList((cursor) => blueskyApi.posts(handle, cursor)), [handle, me?.id, attempt]);

  if (error) {
    if (error instanceof ApiError && error.status === 404) return <NotFoundRoute />;
    if (error instanceof ApiError && error.status === 401)
      return (
        <p class="card empty" data-testid="bluesky-signed-in-only">
          {t("bluesky.signedInOnly")}
        </p>
      );
    const key: MessageKey | null =
      error instanceof ApiError && error.status === 503
        ? "bluesky.status.unreachable"
        : error instanceof ApiError && error.status === 429
          ? "bluesky.status.rate_limited"
          : null;
    return <ErrorMessage error={key ? t(key) : error} onRetry={retry} />;
  }
  if (!account) return <PostSkeletons count={2} />;
  return (
    <>
      <BlueskyHeader account={account} signedIn={Boolean(me)} onChange={setAccount} />
      <PostList
        key={`${handle}:${me?.id ?? ""}:${attempt}`}
        list={list}
        label={t("profile.posts")}
        emptyText={t("bluesky.empty")}
      />
    </>
  );
}

function BlueskyHeader({
  account,
  signedIn,
  onChange,
}: {
  account: BlueskyAccount;
  signedIn: boolean;
  onChange: (a: BlueskyAccount) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const following = account.relationship?.following ?? false;
  const name = account.displayName || account.username;

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const relationship = following ? await blueskyApi.unfollow(account.did) : await blueskyApi.follow(account.did);
      onChange({ ...account, relationship });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card profile-header" data-testid="bluesky-profile">
      <div class="profile-top">
        <Avatar
          url={account.avatarUrl}
          name={name}
          seed={account.id}
          size={88}
          alt={t("profile.avatarAlt", { username: account.username })}
        />
        <div class="profile-names">
          <h1 class="display-name">{name}</h1>
          <p class="username">
            @{account.username} <span class="badge badge-origin">{t("bluesky.origin")}</span>
          </p>
        </div>
        <div class="profile-action">
          {signedIn && (
            <div class="follow">
              <button
                type="button"
                class={following ? "button button-secondary" : "button"}
                data-testid="follow-button"
                disabled={busy}
                onClick={toggle}
              >
                {following ? t("profile.unfollow") : t("profile.follow")}
              </button>
              <ErrorMessage error={error} />
            </div>
          )}
        </div>
      </div>
      {account.status !== "ok" && (
        <p class="notice" role="status" data-testid="bluesky-status">
          {t(STATUS_TEXT[account.status])}
        </p>
      )}
      {account.bio && <RemoteHtml html={account.bio} class="bio" />}
      <p class="hint">
        <a href={account.url} target="_blank" rel="noopener noreferrer">
          {t("bluesky.openOnBluesky")}
        </a>
        {account.lastPolledAt && <> · {t("bluesky.fetchedAt", { date: formatDateTime(account.lastPolledAt) })}</>}
      </p>
    </section>
  );
}
