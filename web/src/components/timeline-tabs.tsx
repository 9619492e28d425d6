import { t } from "../i18n";

/** Home / Local tabs above the timelines (links, so each timeline has its own URL). */
export function TimelineTabs({ current, showHome }: { current: "home" | "local"; showHome: boolean }) {
  return (
    <nav class="tabs" aria-label={t("timeline.tabs")}>
      {showHome && (
        <a href="/" class="tab" aria-current={current === "home" ? "page" : undefined}>
          {t("timeline.home")}
        </a>
      )}
      <a href={showHome ? "/local" : "/"} class="tab" aria-current={current === "local" ? "page" : undefined}>
        {t("timeline.local")}
      </a>
    </nav>
  );
}
