/** Fixed-height placeholders shaped like post cards, so nothing shifts when posts arrive. */
export function PostSkeletons({ count = 3 }: { count?: number }) {
  return (
    <div aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <div class="post-skeleton" key={i}>
          <span class="skeleton-avatar" />
          <span class="skeleton-lines">
            <span class="skeleton-line short" />
            <span class="skeleton-line" />
            <span class="skeleton-line" />
          </span>
        </div>
      ))}
    </div>
  );
}
