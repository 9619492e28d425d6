import { useEffect, useId, useState } from "preact/hooks";
import type { Community } from "../api/communities";
import { communitiesApi } from "../api/communities";
import { CommunityCard } from "../components/community-card";
import { ErrorMessage } from "../components/error-message";
import { Icon } from "../components/icon";
import { t } from "../i18n";
import { session } from "../state/session";

const DEBOUNCE_MS = 300;

function CardSkeletons() {
  return (
    <div aria-hidden="true">
      {[0, 1, 2].map((i) => (
        <div class="community-card community-card-skeleton" key={i}>
          <span class="skeleton-avatar" />
          <span class="skeleton-lines">
            <span class="skeleton-line short" />
            <span class="skeleton-line" />
          </span>
        </div>
      ))}
    </div>
  );
}

/** `/communities`: the directory, with a debounced search. */
export function CommunitiesRoute() {
  const id = useId();
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<Community[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () => {
        setError(null);
        communitiesApi.directory(query).then(
          (result) => live && setItems(result),
          (e: unknown) => live && setError(e),
        );
      },
      items === null ? 0 : DEBOUNCE_MS,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, attempt]);

  return (
    <div class="directory">
      <div class="page-head">
        <h1 class="page-title">{t("communities.directory")}</h1>
        {session.value && (
          <a href="/communities/new" class="button button-small" data-testid="create-community-link">
            <Icon name="plus" size={16} /> {t("communities.create")}
          </a>
        )}
      </div>
      <div class="search">
        <label for={id} class="visually-hidden">
          {t("communities.search")}
        </label>
        <Icon name="search" />
        <input
          id={id}
          type="search"
          data-testid="community-search"
          value={query}
          placeholder={t("communities.search")}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <ErrorMessage error={error} onRetry={() => setAttempt(attempt + 1)} />
      <section aria-label={t("communities.results")} aria-busy={items === null}>
        {items === null && !error && <CardSkeletons />}
        {items?.length === 0 && (
          <p class="empty" data-testid="empty">
            {query.trim() ? t("communities.noResults", { q: query.trim() }) : t("communities.emptyDirectory")}
          </p>
        )}
        {items?.map((c) => (
          <CommunityCard key={c.id} community={c} />
        ))}
      </section>
    </div>
  );
}
