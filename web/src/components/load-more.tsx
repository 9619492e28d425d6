import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n";

/**
 * Infinite scroll: loads the next page when the sentinel comes near the viewport, and
 * always offers a real button for keyboard users and browsers without IntersectionObserver.
 */
export function LoadMore({ loading, onLoad }: { loading: boolean; onLoad: () => void }) {
  const sentinel = useRef<HTMLDivElement>(null);
  const onLoadRef = useRef(onLoad);
  onLoadRef.current = onLoad;

  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onLoadRef.current();
      },
      { rootMargin: "600px 0px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div class="load-more" ref={sentinel}>
      <button type="button" class="button button-secondary" onClick={onLoad} disabled={loading} aria-busy={loading}>
        {loading ? t("timeline.loading") : t("timeline.loadMore")}
      </button>
    </div>
  );
}
