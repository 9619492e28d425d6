import { formatDateTime, formatRelative } from "../i18n";
import { now } from "../state/clock";

/** "5 min. ago", with the full date in a tooltip and a machine-readable datetime. */
export function RelativeTime({ iso }: { iso: string }) {
  // The shared clock ticks every 30 s; a post that arrives live between ticks must not read "in 10 sec.".
  const at = Math.max(now.value, Date.now());
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, at)}
    </time>
  );
}
