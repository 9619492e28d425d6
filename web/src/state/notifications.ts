// Notifications: the unread count for the nav badge (GET /api/notifications/unread on load,
// then live from /api/streaming) and the listeners of the notifications page.
import { effect, signal } from "@preact/signals";
import type { Notification } from "../api/notifications";
import { notificationsApi } from "../api/notifications";
import { StreamingSocket } from "../live/streaming";
import { session } from "./session";

export const unreadCount = signal(0);
type Listener = (n: Notification) => void;
const listeners = new Set<Listener>();

/** Subscribes to notifications arriving live; returns the unsubscribe function. */
export function onNotification(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export async function refreshUnread(): Promise<void> {
  try {
    unreadCount.value = await notificationsApi.unread();
  } catch {
    // the badge keeps its last value
  }
}

/** Marks everything up to `upTo` (or all) read, and clears the badge at once. */
export async function markAllRead(upTo?: string): Promise<void> {
  unreadCount.value = 0;
  try {
    await notificationsApi.markRead(upTo);
  } catch {
    void refreshUnread();
  }
}

let socket: StreamingSocket | null = null;
let current: string | null = null;

function onVisible(): void {
  if (document.visibilityState === "visible") socket?.reconnectNow();
}

/** Opens the stream while someone is signed in, and closes it when they sign out. */
export function startNotifications(): void {
  effect(() => {
    const id = session.value?.id ?? null;
    if (id === current) return;
    current = id;
    socket?.stop();
    socket = null;
    if (!id) {
      unreadCount.value = 0;
      return;
    }
    socket = new StreamingSocket({
      onOpen: () => void refreshUnread(),
      onFrames: (frames) => {
        // An `unread` frame carries the exact count; without one, count new notifications ourselves.
        const counted = frames.some((f) => f.type === "unread");
        for (const f of frames) {
          if (f.type === "unread") unreadCount.value = f.count;
          else {
            if (!counted && !f.notification.read) unreadCount.value += 1;
            for (const l of [...listeners]) l(f.notification);
          }
        }
      },
    });
    void refreshUnread();
    socket.start();
  });
  document.addEventListener("visibilitychange", onVisible);
  window.addEventListener("online", onVisible);
}
