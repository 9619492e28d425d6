import type { DomainEvent } from "./core/events";
import { notificationsFor } from "./core/notifications/notifications-for";
import type { Notification } from "./core/notifications/ports";
import type { AppDeps, EventListener } from "./deps";

/**
 * Turns domain events into notifications (rules in core/notifications), stores them,
 * and pushes each recipient's new ones to their UserStream Durable Object, which
 * forwards them to that person's open sockets. Best effort: a failure here is logged
 * and never fails the action that caused it (the post is already published).
 */
export function notifier(env: Pick<Env, "USER_STREAM">, deps: () => AppDeps): EventListener {
  return async (event: DomainEvent) => {
    if (!RELEVANT.has(event.type)) return;
    try {
      const d = deps();
      await storeAndPush(env, d, await notificationsFor(d, event));
    } catch (err) {
      console.error("notifier failed", event.type, err);
    }
  };
}

/**
 * Stores notifications (de-duplicated by the store) and pushes the new ones to each
 * recipient's UserStream. Also used by protocol adapters for remote activity (a remote
 * mention, boost or follow request), whose actor is a cached remote actor.
 */
export async function storeAndPush(
  env: Pick<Env, "USER_STREAM">,
  deps: Pick<AppDeps, "notifications">,
  items: readonly Notification[],
): Promise<Notification[]> {
  if (items.length === 0) return [];
  const inserted = await deps.notifications.insertMany(items);
  const byRecipient = new Map<string, Notification[]>();
  // Quarantined ones wait in the Filtered tab: no badge, no live push.
  for (const n of inserted) if (!n.filtered) byRecipient.set(n.accountId, [...(byRecipient.get(n.accountId) ?? []), n]);
  await Promise.all([...byRecipient].map(([accountId, list]) => env.USER_STREAM.getByName(accountId).notify(list)));
  return inserted;
}

const RELEVANT = new Set<DomainEvent["type"]>([
  "post.published",
  "reaction.added",
  "follow.created",
  "community.join_requested",
  "account.warned",
  "follow.requested",
]);
