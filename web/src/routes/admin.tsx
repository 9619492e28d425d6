import type { ComponentType } from "preact";
import { useRoute } from "preact-iso";
import { AdminDomainBlocks } from "../components/admin/admin-domain-blocks";
import { AdminPolicyStats } from "../components/admin/admin-policy-stats";
import { AdminSettings } from "../components/admin/admin-settings";
import { PostSkeletons } from "../components/skeleton";
import { type MessageKey, t } from "../i18n";
import { session } from "../state/session";

/**
 * The admin area's sections, one tab each (`/admin/<id>`). A section is a component
 * in components/admin/; add it here to give it a tab.
 */
const SECTIONS: readonly { id: string; label: MessageKey; component: ComponentType }[] = [
  { id: "settings", label: "admin.tab.settings", component: AdminSettings },
  { id: "domain-blocks", label: "admin.tab.domainBlocks", component: AdminDomainBlocks },
  { id: "policy-stats", label: "admin.tab.policyStats", component: AdminPolicyStats },
];

/** `/admin` and `/admin/:section`: the server's admin area (admins only). */
export function AdminRoute() {
  const { params } = useRoute();
  const me = session.value;
  const current = SECTIONS.find((s) => s.id === params.section) ?? SECTIONS[0];
  if (me === undefined) return <PostSkeletons count={1} />;
  if (!me || me.role !== "admin") {
    return (
      <p class="card" data-testid="admin-forbidden">
        {t("admin.forbidden")}
      </p>
    );
  }
  if (!current) return null;
  const Section = current.component;
  return (
    <div class="admin">
      <h1 class="page-title">{t("admin.title")}</h1>
      <nav class="tabs" aria-label={t("admin.sections")}>
        {SECTIONS.map((s) => (
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
