import { useCallback, useMemo } from "preact/hooks";
import type { Post } from "../api/client";
import { postsApi } from "../api/posts";
import { PostList } from "../components/post-list";
import { t } from "../i18n";
import { createPagedList } from "../state/paged-list";
import { session } from "../state/session";

/** `/tags/:tag`: posts with a hashtag. */
export function TagRoute({ tag }: { tag: string }) {
  const name = safeDecode(tag);
  const me = session.value;
  const list = useMemo(() => createPagedList((cursor) => postsApi.tagTimeline(name, cursor)), [name, me?.id]);
  const lower = name.toLowerCase();
  const acceptsNew = useCallback((post: Post) => post.hashtags.some((h) => h.toLowerCase() === lower), [lower]);
  return (
    <>
      <h1 class="page-title" data-testid="tag-title">
        #{name}
      </h1>
      <PostList
        key={`${name}:${me?.id ?? ""}`}
        list={list}
        label={t("tag.title", { tag: name })}
        emptyText={t("tag.empty", { tag: name })}
        acceptsNew={acceptsNew}
      />
    </>
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
