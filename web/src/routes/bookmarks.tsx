import { useMemo } from "preact/hooks";
import { postsApi } from "../api/posts";
import { PostList } from "../components/post-list";
import { PostSkeletons } from "../components/skeleton";
import { t } from "../i18n";
import { createPagedList } from "../state/paged-list";
import { session } from "../state/session";

/** `/bookmarks`: your bookmarked posts, newest bookmark first. */
export function BookmarksRoute() {
  const me = session.value;
  const list = useMemo(() => createPagedList(postsApi.bookmarks), [me?.id]);
  if (me === undefined) return <PostSkeletons />;
  if (me === null) {
    return (
      <p class="card">
        <a href="/login">{t("bookmarks.signIn")}</a>
      </p>
    );
  }
  return (
    <>
      <h1 class="page-title">{t("bookmarks.title")}</h1>
      <PostList key={me.id} list={list} label={t("bookmarks.title")} emptyText={t("bookmarks.empty")} />
    </>
  );
}
