import { t } from "../i18n";

/** A post folded by one of my word filters (action "warn"), with a way to show it. */
export function FilteredPost({ phrases, onShow }: { phrases: readonly string[]; onShow: () => void }) {
  return (
    <article class="post post-filtered" data-testid="post-filtered">
      <p class="muted">
        {t("filters.folded", { phrases: phrases.join(", ") })}{" "}
        <button type="button" class="button button-secondary button-small" onClick={onShow}>
          {t("filters.showAnyway")}
        </button>
      </p>
    </article>
  );
}
