import type { ComponentType } from "preact";
import { useRoute } from "preact-iso";
import { AdminAccounts } from "../components/admin/admin-accounts";
import { AdminAuditLog } from "../components/admin/admin-audit-log";
import { AdminDashboard } from "../components/admin/admin-dashboard";
import { AdminDomainBlocks } from "../components/admin/admin-domain-blocks";
import { AdminFriends } from "../components/admin/admin-friends";
import { AdminInvites } from "../components/admin/admin-invites";
import { AdminPolicyStats } from "../components/admin/admin-policy-stats";
import { AdminRelays } from "../components/admin/admin-relays";
import { AdminReports } from "../components/admin/admin-reports";
import { AdminSettings } from "../components/admin/admin-settings";
import { FriendMap } from "../components/admin/friend-map";
import { PostSkeletons } from "../components/skeleton";
import { type MessageKey, t } from "../i18n";
import { session } from "../state/session";

/**
 * The admin area's sections, one tab each (`/admin/<id>`). A section is a component
 * in components/admin/; add it here to give it a tab.
 */
const SECTIONS: readonly { id: string; label: MessageKey; component: ComponentType; moderators?: true }[] = [
  { id: "settings", label: "admin.tab.settings", component: AdminSettings },
  { id: "friends", label: "admin.tab.friends", component: AdminFriends },
  { id: "relays", label: "admin.tab.relays", component: AdminRelays },
  { id: "friend-map", label: "admin.tab.friendMap", component: FriendMap },
  // --- moderation: open to moderators as well as admins ---
  { id: "dashboard", label: "moderation.tab.dashboard", component: AdminDashboard, moderators: true },
  { id: "reports", label: "moderation.tab.reports", component: AdminReports, moderators: true },
  { id: "accounts", label: "moderation.tab.accounts", component: AdminAccounts, moderators: true },
  { id: "invites", label: "moderation.tab.invites", component: AdminInvites, moderators: true },
  { id: "audit-log", label: "moderation.tab.auditLog", component: AdminAuditLog, moderators: true },
  { id: "domain-blocks", label: "admin.tab.domainBlocks", component: AdminDomainBlocks },
  { id: "policy-stats", label: "admin.tab.policyStats", component: AdminPolicyStats },
];

/** `/admin` and `/admin/:section`: the server's admin area (admins; moderators see the sections marked for them). */
export function AdminRoute() {
  const { params } = useRoute();
  const me = session.value;
  // Community owners and moderators (not server staff) may open the report queue itself:
  // the server shows them only reports about their communities, and answers 403 to others.
  const allowed = SECTIONS.filter(
    (s) =>
      me?.role === "admin" ||
      (me?.role === "moderator" && s.moderators) ||
      (me && params.section === "reports" && s.id === "reports"),
  );
  const current = allowed.find((s) => s.id === params.section) ?? allowed[0];
  if (me === undefined) return <PostSkeletons count={1} />;
  if (!me || !current) {
    return (
      <p class="card" data-testid="admin-forbidden">
        {t("admin.forbidden")}
      </p>
    );
  }
  const Section = current.component;
  return (
    <div class="admin">
      <h1 class="page-title">{t("admin.title")}</h1>
      <nav class="tabs admin-tabs" aria-label={t("admin.sections")}>
        {allowed.map((s) => (
          <a
            key={s.id}
            href={`/admin/${s.id}`}
            class="tab"
            data-testid={`admin-tab-${s.id}`}
            aria-current={s.id === current.id ? "page" : undefined}
          >
            {t(s.label)}
          </a>
        ))}
      </nav>
      <Section />
    </div>
  );
}
