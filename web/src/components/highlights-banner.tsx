import { t } from "../i18n";

/** Shown while a busy room is thinned to highlights; one click shows everything. */
export function HighlightsBanner({
  pending,
  onShowAll,
  onRefresh,
}: {
  pending: number;
  onShowAll: () => void;
  onRefresh: () => void;
}) {
  return (
    <div class="highlights-banner" data-testid="highlights-banner" role="status">
      <p>
        <strong>{t("highlights.busy")}</strong> {t("highlights.showing")}
      </p>
      <div class="highlights-actions">
        {pending > 0 && (
          <button type="button" class="button button-small button-secondary" data-testid="refresh-highlights" onClick={onRefresh}>
            {t("highlights.newPosts", { n: pending })}
          </button>
        )}
        <button type="button" class="button button-small" data-testid="show-all" onClick={onShowAll}>
          {t("highlights.showAll")}
        </button>
      </div>
    </div>
  );
}
