// An in-page event bus for post changes. Today the composer and delete buttons publish to
// it so every visible list updates at once; later the WebSocket client (live/) will
// publish posts that arrive from the community Durable Objects into the same bus.
import type { Post } from "../api/client";

export type PostEvent = { kind: "created"; post: Post } | { kind: "deleted"; id: string };
type Listener = (event: PostEvent) => void;

const listeners = new Set<Listener>();

export function publishPostEvent(event: PostEvent): void {
  for (const listener of listeners) listener(event);
}

/** Subscribes to post events; returns the unsubscribe function (fits useEffect). */
export function onPostEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
