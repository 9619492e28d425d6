import { useLocation } from "preact-iso";
import { t } from "../i18n";
import { drawerOpen } from "../state/communities";
import { serverName } from "../state/instance";
import { unreadCount } from "../state/notifications";
import { logOut, session } from "../state/session";
import { CommunitySidebar, SIDEBAR_ID } from "./community-sidebar";
import { Icon, type IconName } from "./icon";
import { LangSwitch } from "./lang-switch";

function NavLink({
  href,
  icon,
  label,
  testId,
  badge = 0,
}: {
  href: string;
  icon: IconName;
  label: string;
  testId: string;
  badge?: number;
}) {
  const { path } = useLocation();
  const current = path === href;
  return (
    <a href={href} class="nav-link" data-testid={testId} aria-current={current ? "page" : undefined}>
      <span class="nav-icon">
        <Icon name={icon} size={22} />
        {badge > 0 && (
          <span class="nav-badge" data-testid="notification-badge" data-count={badge} aria-hidden="true">
            {badge > 99 ? "99+" : badge}
          </span>
        )}
      </span>
      <span class="nav-label">{label}</span>
      {badge > 0 && <span class="visually-hidden">{t("notifications.unread", { n: badge })}</span>}
    </a>
  );
}

/**
 * The site header: a left column on wide screens, a top bar plus a bottom tab bar on
 * phones (the same elements, rearranged by CSS).
 */
export function SiteHeader() {
  const { route } = useLocation();
  const me = session.value;
  return (
    <header class="site-header">
      <a href="/" class="brand">
        {serverName()}
      </a>
      <nav class="nav" aria-label={t("nav.main")}>
        <NavLink href="/" icon="home" label={t("nav.home")} testId="nav-home" />
        <NavLink href="/local" icon="users" label={t("nav.local")} testId="nav-local" />
        <NavLink href="/communities" icon="chat" label={t("nav.communities")} testId="nav-communities" />
        {me && (
          <NavLink
            href="/notifications"
            icon="bell"
            label={t("nav.notifications")}
            testId="nav-notifications"
            badge={unreadCount.value}
          />
        )}
        <NavLink href="/search" icon="search" label={t("nav.search")} testId="nav-search" />
        {me && <NavLink href="/bookmarks" icon="bookmark" label={t("nav.bookmarks")} testId="nav-bookmarks" />}
        {me && <NavLink href={`/@${me.username}`} icon="user" label={t("nav.profile")} testId="nav-profile" />}
        <NavLink href="/settings" icon="settings" label={t("nav.settings")} testId="nav-settings" />
        {(me?.role === "admin" || me?.role === "moderator") && (
          <NavLink href="/admin" icon="shield" label={t("nav.admin")} testId="nav-admin" />
        )}
      </nav>
      <CommunitySidebar />
      <div class="header-tools">
        {me && (
          <button
            type="button"
            class="icon-button drawer-toggle"
            data-testid="drawer-toggle"
            aria-controls={SIDEBAR_ID}
            aria-expanded={drawerOpen.value}
            onClick={() => (drawerOpen.value = !drawerOpen.value)}
          >
            <Icon name="hash" size={20} />
            <span class="visually-hidden">{t("communities.openDrawer")}</span>
          </button>
        )}
        <LangSwitch />
        {me ? (
          <span class="account-box">
            <span class="signed-in-as">{t("nav.signedInAs", { username: me.username })}</span>
            <button
              type="button"
              class="button button-secondary button-small"
              data-testid="logout"
              onClick={async () => {
                await logOut();
                route("/");
              }}
            >
              {t("nav.logout")}
            </button>
          </span>
        ) : me === null ? (
          <span class="account-box">
            <a href="/login" class="button button-secondary button-small">
              {t("nav.login")}
            </a>
            <a href="/signup" class="button button-small">
              {t("nav.signup")}
            </a>
          </span>
        ) : null}
      </div>
    </header>
  );
}
