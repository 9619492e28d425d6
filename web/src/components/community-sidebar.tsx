import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import { t } from "../i18n";
import { drawerOpen, joined } from "../state/communities";
import { buildTree } from "../state/community-tree";
import { session } from "../state/session";
import { CommunityTree } from "./community-tree";
import { Icon } from "./icon";

export const SIDEBAR_ID = "community-sidebar";

/**
 * Joined communities as a tree with unread badges. A column on wide screens; on phones a
 * drawer opened from the header (Escape, the close button or the backdrop closes it).
 */
export function CommunitySidebar() {
  const { url } = useLocation();
  const panel = useRef<HTMLElement>(null);
  const open = drawerOpen.value;

  useEffect(() => {
    drawerOpen.value = false;
  }, [url]);

  // A layout effect: Escape closes the drawer from the moment it is on screen.
  useLayoutEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("a, button")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") drawerOpen.value = false;
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  if (!session.value) return null;
  const items = joined.value;
  return (
    <>
      {open && <div class="drawer-backdrop" aria-hidden="true" onClick={() => (drawerOpen.value = false)} />}
      <nav
        id={SIDEBAR_ID}
        ref={panel}
        class={open ? "community-sidebar open" : "community-sidebar"}
        data-testid="community-sidebar"
        aria-label={t("communities.sidebar")}
      >
        <div class="sidebar-head">
          <h2 class="sidebar-title">{t("communities.yours")}</h2>
          <button
            type="button"
            class="icon-button drawer-close"
            aria-label={t("communities.closeDrawer")}
            onClick={() => (drawerOpen.value = false)}
          >
            <Icon name="close" />
          </button>
        </div>
        <div class="sidebar-body">
          {items === null ? (
            <div class="sidebar-skeleton" aria-hidden="true">
              <span class="skeleton-line" />
              <span class="skeleton-line short" />
              <span class="skeleton-line" />
            </div>
          ) : items.length === 0 ? (
            <p class="hint sidebar-empty">{t("communities.noneJoined")}</p>
          ) : (
            <CommunityTree nodes={buildTree(items)} linkTestId="community-link" showUnread label={t("communities.yours")} />
          )}
        </div>
        <div class="sidebar-links">
          <a href="/communities" class="sidebar-action">
            <Icon name="search" size={16} /> {t("communities.discover")}
          </a>
          <a href="/communities/new" class="sidebar-action">
            <Icon name="plus" size={16} /> {t("communities.create")}
          </a>
        </div>
      </nav>
    </>
  );
}
