import type { Community } from "../api/communities";
import { t } from "../i18n";
import { Avatar } from "./avatar";
import { RelativeTime } from "./relative-time";

/** A directory entry: icon, title, name, description, members, last activity. */
export function CommunityCard({ community: c }: { community: Community }) {
  return (
    <article class="community-card" data-testid="community-card" data-community-name={c.name}>
      <Avatar url={c.iconUrl} name={c.title || c.name} seed={c.id} size={48} />
      <div class="community-card-main">
        <h2 class="community-card-title">
          <a href={`/c/${c.name}`}>{c.title || c.name}</a>
        </h2>
        <p class="community-card-name">
          /c/{c.name}
          {c.joinPolicy !== "open" && <span class="badge">{t(`community.policy.${c.joinPolicy}`)}</span>}
        </p>
        {c.description && <p class="community-card-description">{c.description}</p>}
        <p class="community-card-meta">
          <span>{t(c.membersCount === 1 ? "community.memberOne" : "community.members", { n: c.membersCount })}</span>
          <span aria-hidden="true"> · </span>
          <span>
            {c.lastPostAt ? (
              <>
                {t("community.lastActive")} <RelativeTime iso={c.lastPostAt} />
              </>
            ) : (
              t("community.noPostsYet")
            )}
          </span>
        </p>
      </div>
    </article>
  );
}
