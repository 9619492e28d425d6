import { t } from "../i18n";
import type { LiveState } from "../live/community-socket";

/** "Live" / "Connecting…" / "Reconnecting…" for the community socket, announced politely. */
export function LiveStatus({ state, rate }: { state: LiveState; rate: number }) {
  const shown = state === "closed" ? "reconnecting" : state;
  return (
    <p class="live-status-bar">
      <span class={`live-status live-${shown}`} data-testid="live-status" data-state={shown} role="status">
        <span class="live-dot" aria-hidden="true" />
        {t(`live.${shown}`)}
      </span>
      {rate > 0 && <span class="live-rate">{t("live.rate", { n: Math.round(rate) })}</span>}
    </p>
  );
}
