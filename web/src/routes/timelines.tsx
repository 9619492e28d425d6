import { useMemo } from "preact/hooks";
import { api, type Post } from "../api/client";
import { Composer } from "../components/composer";
import { PostList } from "../components/post-list";
import { PostSkeletons } from "../components/skeleton";
import { TimelineTabs } from "../components/timeline-tabs";
import { t } from "../i18n";
import { serverName } from "../state/instance";
import { createPagedList } from "../state/paged-list";
import { session } from "../state/session";

const LOCAL_VISIBILITIES = new Set(["public", "local_public", "local_only"]);
const acceptsHome = (post: Post) => post.mine;
const acceptsLocal = (post: Post) => LOCAL_VISIBILITIES.has(post.visibility) && post.replyToId === null;

function SignInPrompt() {
  return (
    <div class="card prompt">
      <p>{t("auth.prompt", { server: serverName() })}</p>
      <p class="prompt-actions">
        <a href="/signup" class="button">
          {t("nav.signup")}
        </a>
        <a href="/login" class="button button-secondary">
          {t("nav.login")}
        </a>
      </p>
    </div>
  );
}

function Timeline({ kind, accountId }: { kind: "home" | "local"; accountId: string | null }) {
  // A new list per timeline and per account, so switching users never mixes timelines.
  const list = useMemo(() => createPagedList(kind === "home" ? api.homeTimeline : api.localTimeline), [kind, accountId]);
  return (
    <PostList
      key={`${kind}:${accountId ?? ""}`}
      list={list}
      label={kind === "home" ? t("timeline.home") : t("timeline.local")}
      emptyText={kind === "home" ? t("timeline.emptyHome") : t("timeline.emptyLocal")}
      acceptsNew={kind === "home" ? acceptsHome : acceptsLocal}
    />
  );
}

/** `/`: the home timeline when signed in; otherwise the local timeline and a sign-in prompt. */
export function HomeRoute() {
  const me = session.value;
  if (me === undefined) return <PostSkeletons />;
  if (me === null) {
    return (
      <>
        <h1 class="visually-hidden">{t("timeline.local")}</h1>
        <SignInPrompt />
        <TimelineTabs current="local" showHome={false} />
        <Timeline kind="local" accountId={null} />
      </>
    );
  }
  return (
    <>
      <h1 class="visually-hidden">{t("timeline.home")}</h1>
      <Composer />
      <TimelineTabs current="home" showHome />
      <Timeline kind="home" accountId={me.id} />
    </>
  );
}

/** `/local`: this server's local timeline. */
export function LocalRoute() {
  const me = session.value;
  if (me === undefined) return <PostSkeletons />;
  return (
    <>
      <h1 class="visually-hidden">{t("timeline.local")}</h1>
      {me ? <Composer /> : <SignInPrompt />}
      <TimelineTabs current="local" showHome={me !== null} />
      <Timeline kind="local" accountId={me?.id ?? null} />
    </>
  );
}
