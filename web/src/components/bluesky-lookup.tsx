import { blueskyPath, blueskyTarget } from "../api/bluesky";
import { t } from "../i18n";

/** In search: a query that looks like a Bluesky handle, DID or at:// URI offers its profile. */
export function BlueskyLookup({ query }: { query: string }) {
  const target = blueskyTarget(query);
  if (!target) return null;
  return (
    <div class="card bluesky-lookup" data-testid="bluesky-lookup">
      <a href={blueskyPath(target)} class="button button-secondary">
        {t("bluesky.lookup", { target })}
      </a>
      <p class="hint">{t("bluesky.lookupHint")}</p>
    </div>
  );
}
