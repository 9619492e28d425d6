import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { CatchUp, CommunityDetail } from "../api/communities";
import { t } from "../i18n";
import { createCommunityFeed } from "../state/community-feed";
import { buildTree } from "../state/community-tree";
import { session } from "../state/session";
import { CatchUpPanel } from "./catch-up-panel";
import { CommunityHeader } from "./community-header";
import { CommunityMembers } from "./community-members";
import { CommunityRooms } from "./community-rooms";
import { CommunitySettings } from "./community-settings";
import { CommunityTimeline } from "./community-timeline";

type Tab = "timeline" | "rules" | "members" | "rooms" | "settings";

export interface CommunityViewProps {
  detail: CommunityDetail;
  catchUp: CatchUp | null;
  inviteCode: string | null;
  onChanged: () => void;
}

/** A community page: header, then Timeline / Rules / Members / Rooms (/ Settings for moderators) tabs. */
export function CommunityView({ detail, catchUp, inviteCode, onChanged }: CommunityViewProps) {
  const { community, rooms } = detail;
  const me = community.me;
  const signedIn = Boolean(session.value);
  const moderator = me?.role === "owner" || me?.role === "moderator";
  const [tab, setTab] = useState<Tab>("timeline");
  const [showCatchUp, setShowCatchUp] = useState(catchUp !== null);
  const tabList = useRef<HTMLDivElement>(null);

  // One feed (and one socket) per community visit, whichever tab is open; closed when leaving.
  const feed = useMemo(() => createCommunityFeed(community.id, { markRead: signedIn }), [community.id, signedIn]);
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);

  useEffect(() => {
    document.title = community.title || community.name;
  }, [community.title, community.name]);

  const tabs: Tab[] = ["timeline", "rules", "members", "rooms", ...(moderator ? (["settings"] as const) : [])];
  const tree = useMemo(() => buildTree(rooms), [rooms]);

  function onTabKey(e: KeyboardEvent) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const i = tabs.indexOf(tab);
    const next =
      e.key === "Home"
        ? 0
        : e.key === "End"
          ? tabs.length - 1
          : (i + (e.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
    const target = tabs[next] ?? "timeline";
    setTab(target);
    tabList.current?.querySelector<HTMLElement>(`[data-tab="${target}"]`)?.focus();
  }

  return (
    <div class="community-page" data-testid="community-page" data-community-id={community.id}>
      <CommunityHeader community={community} inviteCode={inviteCode} onChanged={onChanged} />
      <div class="tabs community-tabs" role="tablist" aria-label={t("community.sections")} ref={tabList} onKeyDown={onTabKey}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            class="tab"
            id={`tab-${name}`}
            data-tab={name}
            data-testid={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(`community.tab.${name}`)}
          </button>
        ))}
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} class="tab-panel">
        {tab === "timeline" && (
          <>
            {showCatchUp && catchUp && <CatchUpPanel summary={catchUp} onDismiss={() => setShowCatchUp(false)} />}
            <CommunityTimeline feed={feed} community={community} />
          </>
        )}
        {tab === "rules" &&
          (community.rules.trim() ? (
            <div class="card rules" data-testid="community-rules-text">
              {community.rules}
            </div>
          ) : (
            <p class="empty">{t("community.noRules")}</p>
          ))}
        {tab === "members" && <CommunityMembers communityId={community.id} />}
        {tab === "rooms" && <CommunityRooms community={community} tree={tree} canCreate={moderator} />}
        {tab === "settings" && moderator && <CommunitySettings community={community} onChanged={onChanged} />}
      </div>
    </div>
  );
}
