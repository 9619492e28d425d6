import { formatDateTime, formatRelative } from "../i18n";
import { now } from "../state/clock";

/** "5 min. ago", with the full date in a tooltip and a machine-readable datetime. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, now.value)}
    </time>
  );
}
