import { useLocation } from "preact-iso";
import { CommunityForm } from "../components/community-form";
import { PostSkeletons } from "../components/skeleton";
import { t } from "../i18n";
import { refreshJoined } from "../state/communities";
import { session } from "../state/session";

/** `/communities/new`: create a community, then go to it. */
export function CommunityNewRoute() {
  const { route } = useLocation();
  const me = session.value;
  if (me === undefined) return <PostSkeletons count={1} />;
  if (me === null) {
    return (
      <p class="card">
        <a href="/login">{t("communityForm.signIn")}</a>
      </p>
    );
  }
  return (
    <div class="community-new">
      <h1 class="page-title">{t("communityForm.title")}</h1>
      <CommunityForm
        onCreated={(c) => {
          void refreshJoined(true);
          route(`/c/${c.name}`);
        }}
      />
    </div>
  );
}
