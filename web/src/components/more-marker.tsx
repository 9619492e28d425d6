import type { MoreMarker as Marker } from "../api/communities";
import { formatTime, t } from "../i18n";

/** "N more posts between 14:00 and 14:10" between highlighted posts. */
export function MoreMarker({ marker }: { marker: Marker }) {
  return (
    <p class="more-marker" data-testid="more-marker">
      <span>{t("highlights.more", { n: marker.count, from: formatTime(marker.from), to: formatTime(marker.to) })}</span>
    </p>
  );
}
