import { useEffect, useId, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { postsApi, SEARCH_TYPES, type SearchResults, type SearchType } from "../api/posts";
import { AccountRow } from "../components/account-row";
import { BlueskyLookup } from "../components/bluesky-lookup";
import { CommunityCard } from "../components/community-card";
import { ErrorMessage } from "../components/error-message";
import { Icon } from "../components/icon";
import { PostCard } from "../components/post-card";
import { PostSkeletons } from "../components/skeleton";
import { t } from "../i18n";
import { session } from "../state/session";
import { tagPath } from "../text/tokenize";

function isType(v: string | undefined): v is SearchType {
  return (SEARCH_TYPES as readonly string[]).includes(v ?? "");
}

/** `/search?q=&type=`: posts, accounts, hashtags and communities in tabs. */
export function SearchRoute() {
  const id = useId();
  const { query, route } = useLocation();
  const q = query.q ?? "";
  const type: SearchType = isType(query.type) ? query.type : "posts";
  const [draft, setDraft] = useState(q);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  // The field follows the URL when the query changes (back/forward, a hashtag link), but not
  // on mount: what someone already typed into the fresh page must not be cleared.
  const shownQuery = useRef(q);
  useEffect(() => {
    if (shownQuery.current === q) return;
    shownQuery.current = q;
    setDraft(q);
  }, [q]);
  useEffect(() => {
    setResults(null);
    setError(null);
    if (!q.trim()) return;
    let live = true;
    postsApi.search(q.trim(), type).then(
      (r) => live && setResults(r),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [q, type, attempt]);

  const go = (nextQ: string, nextType: SearchType) =>
    route(`/search?${new URLSearchParams({ q: nextQ, type: nextType }).toString()}`);
  const signedIn = Boolean(session.value);

  return (
    <div class="search-page">
      <h1 class="page-title">{t("search.title")}</h1>
      <form
        class="search-form card"
        onSubmit={(e) => {
          e.preventDefault();
          go(draft.trim(), type);
        }}
      >
        <label for={`${id}-q`} class="visually-hidden">
          {t("search.label")}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          data-testid="search-input"
          value={draft}
          placeholder={t("search.placeholder")}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" class="button">
          <Icon name="search" size={16} /> {t("search.submit")}
        </button>
      </form>
      <div class="tabs search-tabs" role="tablist" aria-label={t("search.types")}>
        {SEARCH_TYPES.map((ty) => (
          <button
            key={ty}
            type="button"
            role="tab"
            class="tab"
            aria-selected={ty === type}
            data-testid={`search-tab-${ty}`}
            onClick={() => go(q, ty)}
          >
            {t(`search.tab.${ty}`)}
          </button>
        ))}
      </div>
      <section role="tabpanel" aria-label={t(`search.tab.${type}`)} data-testid="search-results">
        {!q.trim() && <p class="empty">{t("search.hint")}</p>}
        {(type === "accounts" || type === "posts") && <BlueskyLookup query={q} />}
        {q.trim() && !results && !error && <PostSkeletons count={2} />}
        <ErrorMessage error={error} onRetry={() => setAttempt(attempt + 1)} />
        {results && <Results results={results} type={type} signedIn={signedIn} />}
      </section>
    </div>
  );
}

function Results({ results, type, signedIn }: { results: SearchResults; type: SearchType; signedIn: boolean }) {
  const empty = (
    <p class="empty" data-testid="empty">
      {t("search.none")}
    </p>
  );
  switch (type) {
    case "posts":
      return results.posts.length ? (
        <div data-testid="timeline">
          {results.posts.map((p) => (
            <PostCard key={p.id} post={p} canReply={signedIn} />
          ))}
        </div>
      ) : (
        empty
      );
    case "accounts":
      return results.accounts.length ? (
        <div class="card account-list">
          {results.accounts.map((a) => (
            <AccountRow key={a.id} account={a} />
          ))}
        </div>
      ) : (
        empty
      );
    case "hashtags":
      return results.hashtags.length ? (
        <ul class="card tag-list">
          {results.hashtags.map((h) => (
            <li key={h.tag}>
              <a href={tagPath(h.tag)} data-testid="hashtag-link">
                #{h.tag}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        empty
      );
    case "communities":
      return results.communities.length ? (
        <div>
          {results.communities.map((c) => (
            <CommunityCard key={c.id} community={c} />
          ))}
        </div>
      ) : (
        empty
      );
  }
}
