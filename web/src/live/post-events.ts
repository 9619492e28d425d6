// An in-page event bus for post changes. The composer, delete buttons and post actions
// (reactions, boosts, edits) publish to it so every visible list updates at once; the
// community WebSocket publishes live edits and reaction counts into the same bus.
import type { InnerPost, Post } from "../api/client";

export type PostEvent =
  | { kind: "created"; post: Post }
  | { kind: "deleted"; id: string }
  /** A fresh copy of a post (after an action or a live `post.updated`). */
  | { kind: "updated"; post: InnerPost }
  /** Live reaction counts (the viewer's own `me` flags are kept). */
  | { kind: "reactions"; postId: string; reactions: { emoji: string; count: number }[] };
type Listener = (event: PostEvent) => void;

const listeners = new Set<Listener>();

export function publishPostEvent(event: PostEvent): void {
  for (const listener of [...listeners]) listener(event);
}

/** Subscribes to post events; returns the unsubscribe function (fits useEffect). */
export function onPostEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
