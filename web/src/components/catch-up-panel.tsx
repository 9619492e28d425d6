import type { CatchUp } from "../api/communities";
import { t } from "../i18n";
import { Icon } from "./icon";
import { Linkified } from "./post-text";

/** What happened while you were away: how many posts, the top ones, who was active. */
export function CatchUpPanel({ summary, onDismiss }: { summary: CatchUp; onDismiss: () => void }) {
  return (
    <section class="card catch-up" data-testid="catch-up" aria-labelledby="catch-up-title">
      <div class="catch-up-head">
        <h2 id="catch-up-title">{t("catchUp.title")}</h2>
        <button type="button" class="icon-button" aria-label={t("catchUp.dismiss")} onClick={onDismiss}>
          <Icon name="close" />
        </button>
      </div>
      <p>{t(summary.truncated ? "catchUp.newPostsMany" : "catchUp.newPosts", { n: summary.newPosts })}</p>
      {summary.activeMembers.length > 0 && (
        <p class="hint">
          {t("catchUp.active")}{" "}
          {summary.activeMembers.slice(0, 5).map((m, i) => (
            <span key={m.accountId}>
              {i > 0 && ", "}
              <a href={`/@${m.username}`}>{m.displayName || m.username}</a> ({m.posts})
            </span>
          ))}
        </p>
      )}
      {summary.topPosts.length > 0 && (
        <>
          <h3 class="catch-up-sub">{t("catchUp.top")}</h3>
          <ul class="catch-up-posts">
            {summary.topPosts.slice(0, 3).map((p) => (
              <li key={p.id}>
                <a href={`/posts/${p.id}`} class="catch-up-author">
                  {p.author.displayName || p.author.username}
                </a>
                <p class="catch-up-text">
                  <Linkified text={p.cw ? p.cw : p.text} />
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
