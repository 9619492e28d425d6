import { useEffect, useState } from "preact/hooks";
import { ApiError, api, type Post, type Thread } from "../api/client";
import { Composer } from "../components/composer";
import { ErrorMessage } from "../components/error-message";
import { PostCard } from "../components/post-card";
import { PostSkeletons } from "../components/skeleton";
import { t } from "../i18n";
import { onPostEvent } from "../live/post-events";
import { applyPostEvent } from "../live/post-update";
import { session } from "../state/session";
import { NotFoundRoute } from "./not-found";

/** `/posts/:id`: ancestors, the post itself (highlighted) with a reply composer, then replies. */
export function PostDetailRoute({ id }: { id: string }) {
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setThread(null);
    setError(null);
    api.thread(id).then(
      (result) => live && setThread(result),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  useEffect(
    () =>
      onPostEvent((event) =>
        setThread((current) => {
          if (!current) return current;
          if (event.kind === "updated" || event.kind === "reactions") {
            const apply = (p: Post) => applyPostEvent(p, event);
            return {
              ancestors: current.ancestors.map(apply),
              post: apply(current.post),
              descendants: current.descendants.map(apply),
            };
          }
          if (event.kind === "deleted") {
            return {
              ancestors: current.ancestors.filter((p) => p.id !== event.id),
              post: current.post,
              descendants: current.descendants.filter((p) => p.id !== event.id),
            };
          }
          const inThread = new Set([current.post.id, ...current.descendants.map((p) => p.id)]);
          if (!event.post.replyToId || !inThread.has(event.post.replyToId) || inThread.has(event.post.id)) {
            return current;
          }
          const post =
            event.post.replyToId === current.post.id
              ? { ...current.post, repliesCount: current.post.repliesCount + 1 }
              : current.post;
          return { ...current, post, descendants: [...current.descendants, event.post] };
        }),
      ),
    [],
  );

  if (error) {
    if (error instanceof ApiError && error.status === 404) return <NotFoundRoute />;
    return <ErrorMessage error={error} onRetry={() => setAttempt(attempt + 1)} />;
  }
  if (!thread) return <PostSkeletons count={2} />;
  const signedIn = Boolean(session.value);
  return (
    <div class="thread">
      <h1 class="page-title">{t("thread.title")}</h1>
      {thread.ancestors.map((post) => (
        <PostCard key={post.id} post={post} canReply={signedIn} />
      ))}
      <PostCard post={thread.post} highlighted canReply={false} />
      {signedIn && <Composer key={thread.post.id} replyTo={thread.post} />}
      {thread.descendants.length > 0 && (
        <section aria-label={t("thread.replies")} data-testid="timeline">
          {thread.descendants.map((post) => (
            <PostCard key={post.id} post={post} canReply={signedIn} />
          ))}
        </section>
      )}
    </div>
  );
}
