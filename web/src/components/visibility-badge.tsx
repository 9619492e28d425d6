import type { Visibility } from "../api/client";
import { t } from "../i18n";
import { Icon, type IconName } from "./icon";

export const VISIBILITY_ICONS: Record<Visibility, IconName> = {
  public: "globe",
  local_public: "home",
  unlisted: "unlock",
  followers: "lock",
  direct: "mail",
  local_only: "pin",
};

/** The post's visibility as an icon, with the label for screen readers and as a tooltip. */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const label = t(`visibility.${visibility}`);
  return (
    <span class={`visibility visibility-${visibility}`} title={label}>
      <Icon name={VISIBILITY_ICONS[visibility]} size={15} />
      <span class="visually-hidden">{label}</span>
    </span>
  );
}
