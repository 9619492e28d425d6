// A post card's own copy of its post: kept in step with the page's post events (so a
// reaction made in one list shows in every other), with optimistic reaction toggles.
import { useEffect, useState } from "preact/hooks";
import type { InnerPost, Post } from "../api/client";
import { postsApi } from "../api/posts";
import { rememberEmoji } from "../emoji/recent";
import { onPostEvent, publishPostEvent } from "../live/post-events";
import { applyPostEvent } from "../live/post-update";

/** The post after the viewer toggles `emoji` (shown before the server answers). */
export function toggledReaction<T extends InnerPost>(post: T, emoji: string): T {
  const existing = post.reactions.find((r) => r.emoji === emoji);
  if (existing?.me) {
    const reactions = post.reactions
      .map((r) => (r.emoji === emoji ? { ...r, count: r.count - 1, me: false } : r))
      .filter((r) => r.count > 0);
    return { ...post, reactions, reactionsCount: Math.max(0, post.reactionsCount - 1) };
  }
  const reactions = existing
    ? post.reactions.map((r) => (r.emoji === emoji ? { ...r, count: r.count + 1, me: true } : r))
    : [...post.reactions, { emoji, count: 1, me: true }];
  return { ...post, reactions, reactionsCount: post.reactionsCount + 1 };
}

export function usePostState(initial: Post) {
  const [post, setPost] = useState(initial);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => setPost(initial), [initial]);
  useEffect(() => onPostEvent((event) => setPost((p) => applyPostEvent(p, event))), []);

  /** The post the actions apply to: the original of a boost, else the post itself. */
  const target: InnerPost = post.boostOf ?? post;

  function publish(updated: InnerPost) {
    publishPostEvent({ kind: "updated", post: updated });
  }

  async function run(action: () => Promise<InnerPost>) {
    setError(null);
    try {
      publish(await action());
    } catch (e) {
      setError(e);
    }
  }

  async function toggleReaction(emoji: string) {
    const before = target;
    const mine = before.reactions.find((r) => r.emoji === emoji)?.me ?? false;
    if (!mine) rememberEmoji(emoji);
    publish(toggledReaction(before, emoji));
    setError(null);
    try {
      publish(mine ? await postsApi.unreact(before.id, emoji) : await postsApi.react(before.id, emoji));
    } catch (e) {
      publish(before);
      setError(e);
    }
  }

  return {
    post,
    target,
    error,
    setError,
    publish,
    toggleReaction,
    toggleBoost: () => run(() => (target.boosted ? postsApi.unboost(target.id) : postsApi.boost(target.id))),
    toggleBookmark: () => run(() => (target.bookmarked ? postsApi.unbookmark(target.id) : postsApi.bookmark(target.id))),
    togglePin: () => run(() => (target.pinned ? postsApi.unpin(target.id) : postsApi.pin(target.id))),
  };
}
