import { t } from "../i18n";

/** A count of unread posts; nothing when there are none. */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span class="unread-badge" data-testid="unread-badge" data-count={count}>
      <span aria-hidden="true">{count > 99 ? "99+" : count}</span>
      <span class="visually-hidden">{t("communities.unread", { n: count })}</span>
    </span>
  );
}
