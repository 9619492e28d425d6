import type { Community } from "../api/communities";
import { t } from "../i18n";
import { Avatar } from "./avatar";
import { JoinControls } from "./join-controls";

/** Banner (if any), icon, title, name, description, member count and the join / leave controls. */
export function CommunityHeader({
  community: c,
  inviteCode,
  onChanged,
}: {
  community: Community;
  inviteCode: string | null;
  onChanged: () => void;
}) {
  return (
    <header class={c.bannerUrl ? "card community-header with-banner" : "card community-header"}>
      {c.bannerUrl && <img class="community-banner" src={c.bannerUrl} alt="" width={640} height={160} />}
      <div class="community-header-top">
        <Avatar url={c.iconUrl} name={c.title || c.name} seed={c.id} size={64} />
        <div class="community-names">
          <h1>{c.title || c.name}</h1>
          <p class="username">
            /c/{c.name}
            {c.visibility === "members" && <span class="badge">{t("community.visibility.members")}</span>}
            {c.archived && <span class="badge">{t("community.archived")}</span>}
          </p>
        </div>
        <JoinControls community={c} inviteCode={inviteCode} onChanged={onChanged} />
      </div>
      {c.description && <p class="bio">{c.description}</p>}
      <p class="community-stats">
        <span data-testid="members-count">
          {t(c.membersCount === 1 ? "community.memberOne" : "community.members", { n: c.membersCount })}
        </span>
        <span aria-hidden="true"> · </span>
        <span>{t(`community.policy.${c.joinPolicy}`)}</span>
        {c.slowModeSeconds > 0 && (
          <>
            <span aria-hidden="true"> · </span>
            <span>{t("community.slowMode", { n: c.slowModeSeconds })}</span>
          </>
        )}
      </p>
    </header>
  );
}
