import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Community } from "../api/communities";
import { t } from "../i18n";
import { refreshJoined } from "../state/communities";
import type { TreeNode } from "../state/community-tree";
import { CommunityForm } from "./community-form";
import { CommunityTree } from "./community-tree";
import { Icon } from "./icon";

const MAX_DEPTH = 3;

/** The community's rooms as a tree, and (for moderators) a form to add a room here. */
export function CommunityRooms({ community, tree, canCreate }: { community: Community; tree: TreeNode[]; canCreate: boolean }) {
  const { route } = useLocation();
  const [creating, setCreating] = useState(false);
  const hasRooms = tree.some((n) => n.children.length > 0) || tree.length > 1;
  return (
    <section aria-label={t("community.tab.rooms")}>
      {hasRooms ? (
        <div class="card">
          <CommunityTree nodes={tree} label={t("community.tab.rooms")} />
        </div>
      ) : (
        <p class="empty">{t("community.noRooms")}</p>
      )}
      {canCreate &&
        community.depth < MAX_DEPTH &&
        (creating ? (
          <CommunityForm
            parent={community}
            onCancel={() => setCreating(false)}
            onCreated={(room) => {
              void refreshJoined(true);
              route(`/c/${room.name}`);
            }}
          />
        ) : (
          <button type="button" class="button" data-testid="create-room" onClick={() => setCreating(true)}>
            <Icon name="plus" size={16} /> {t("community.createRoom")}
          </button>
        ))}
    </section>
  );
}
