/**
 * The signed-in viewer's own mutes, blocks, boost hides and word filters, applied to
 * what a timeline or notification page shows (core/relations/mutes-blocks.ts). Loaded
 * once per request (one D1 batch); anonymous viewers have none.
 */
import type { Notification } from "../core/notifications/ports";
import { applyViewerFilter, type FilterablePost, type ViewerFilter } from "../core/relations/mutes-blocks";
import { isFiltered, isOpen } from "../core/relations/notification-policy";
import type { AppContext } from "./context";

const loaded = new WeakMap<Request, Promise<ViewerFilter>>();

function filterOf(c: AppContext): Promise<ViewerFilter> | null {
  const viewer = c.get("viewer");
  if (!viewer) return null;
  let f = loaded.get(c.req.raw);
  if (!f) {
    const deps = c.get("deps");
    f = deps.relations.filterFor(viewer.id, deps.clock.now());
    loaded.set(c.req.raw, f);
  }
  return f;
}

/** A presented page with the viewer's filters applied. */
export async function filteredPage<P extends { items: unknown[] }>(c: AppContext, page: P): Promise<P> {
  const filter = filterOf(c);
  if (!filter) return page;
  return { ...page, items: applyViewerFilter(await filter, page.items as FilterablePost[]) };
}

type N = Pick<Notification, "id" | "type" | "actorId" | "postId" | "filtered">;

const newestFirst = <T extends { id: string }>(xs: T[]) => xs.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

/**
 * The main notification list: without those from accounts the viewer muted (with
 * notifications) or blocked, or who block them, and without those the viewer's
 * notification filter sends to the Filtered tab.
 */
export async function filteredNotifications<T extends N>(c: AppContext, items: T[]): Promise<T[]> {
  return (await sortNotifications(c, items)).main;
}

/**
 * Splits notifications into the main list and the Filtered tab (hidden ones are in
 * neither). Those the server quarantined when they arrived (`filtered`: unknown sender,
 * new account) are always in the Filtered tab.
 */
export async function sortNotifications<T extends N>(c: AppContext, items: T[]): Promise<{ main: T[]; filtered: T[] }> {
  const filter = filterOf(c);
  const viewer = c.get("viewer");
  if (!filter || !viewer) return { main: items.filter((n) => !n.filtered), filtered: items.filter((n) => n.filtered) };
  const hidden = (await filter).hiddenNotifiers;
  const shown = items.filter((n) => !hidden.has(n.actorId));
  const held = shown.filter((n) => n.filtered);
  const visible = shown.filter((n) => !n.filtered);
  const deps = c.get("deps");
  const policy = await deps.relations.notificationPolicy(viewer.id);
  if (isOpen(policy) || visible.length === 0) return { main: visible, filtered: held };
  const facts = await deps.relations.notificationFacts(
    viewer.id,
    visible.map((n) => n.actorId),
    visible.flatMap((n) => (n.postId ? [n.postId] : [])),
  );
  const now = deps.clock.now();
  const main: T[] = [];
  const filtered: T[] = [...held];
  for (const n of visible) (isFiltered(policy, facts, n, now) ? filtered : main).push(n);
  return { main, filtered: newestFirst(filtered) };
}
