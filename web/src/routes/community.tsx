import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ApiError } from "../api/client";
import { type CatchUp, type CommunityDetail, communitiesApi } from "../api/communities";
import { CommunityView } from "../components/community-view";
import { ErrorMessage } from "../components/error-message";
import { PostSkeletons } from "../components/skeleton";
import { t } from "../i18n";
import { refreshJoined, rememberCommunity } from "../state/communities";
import { session } from "../state/session";

/** A members-only community hides itself (404); with an invite code you can still join it from here. */
function CommunityNotFound({ name, inviteCode, onJoined }: { name: string; inviteCode: string | null; onJoined: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (inviteCode && session.value) {
    return (
      <div class="card centered" data-testid="community-invite">
        <h1>{t("community.invited.title")}</h1>
        <p>{t("community.invited.body", { name })}</p>
        <button
          type="button"
          class="button"
          data-testid="join-button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await communitiesApi.join(name, { inviteCode });
              void refreshJoined(true);
              onJoined();
            } catch (e) {
              setError(e);
              setBusy(false);
            }
          }}
        >
          {t("community.join")}
        </button>
        <ErrorMessage error={error} />
      </div>
    );
  }
  return (
    <div class="card centered" data-testid="community-not-found">
      <h1>{t("community.notFound.title")}</h1>
      <p>{t("community.notFound.body")}</p>
      <p>
        <a href="/communities">{t("community.notFound.directory")}</a>
      </p>
    </div>
  );
}

function HeaderSkeleton() {
  return (
    <div aria-hidden="true">
      <div class="card community-header-skeleton">
        <span class="skeleton-avatar" />
        <span class="skeleton-lines">
          <span class="skeleton-line short" />
          <span class="skeleton-line" />
        </span>
      </div>
      <PostSkeletons count={3} />
    </div>
  );
}

/** `/c/:name` (a community's name or id); `?invite=CODE` lets you join an invite-only community. */
export function CommunityRoute({ name }: { name: string }) {
  const { query } = useLocation();
  const [detail, setDetail] = useState<CommunityDetail | null>(null);
  const [catchUp, setCatchUp] = useState<CatchUp | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [version, setVersion] = useState(0);
  const me = session.value;
  const inviteCode = typeof query.invite === "string" && query.invite ? query.invite : null;

  // First load: the community and, for members returning to it, what they missed (fetched
  // before the page marks anything as read, and awaited so the panel does not push content down).
  useEffect(() => {
    if (me === undefined) return;
    let live = true;
    setDetail(null);
    setCatchUp(null);
    setError(null);
    (async () => {
      const d = await communitiesApi.get(name);
      const summary = d.community.me?.member ? await communitiesApi.catchUp(d.community.id).catch(() => null) : null;
      return { d, summary };
    })().then(
      ({ d, summary }) => {
        if (!live) return;
        rememberCommunity(d.community);
        setDetail(d);
        setCatchUp(summary && summary.newPosts > 0 ? summary : null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [name, attempt, me?.id, me === undefined]);

  // Later reloads (after joining, leaving or editing) keep the page and its live timeline.
  useEffect(() => {
    if (version === 0) return;
    let live = true;
    communitiesApi.get(name).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [version]);

  if (error) {
    if (error instanceof ApiError && error.status === 404) {
      return <CommunityNotFound name={name} inviteCode={inviteCode} onJoined={() => setAttempt(attempt + 1)} />;
    }
    return <ErrorMessage error={error} onRetry={() => setAttempt(attempt + 1)} />;
  }
  if (!detail) return <HeaderSkeleton />;
  return (
    <CommunityView
      key={detail.community.id}
      detail={detail}
      catchUp={catchUp}
      inviteCode={inviteCode}
      onChanged={() => setVersion((n) => n + 1)}
    />
  );
}
