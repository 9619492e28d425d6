/**
 * The signed-in viewer's own mutes, blocks, boost hides and word filters, applied to
 * what a timeline or notification page shows (core/relations/mutes-blocks.ts). Loaded
 * once per request (one D1 batch); anonymous viewers have none.
 */
import type { Notification } from "../core/notifications/ports";
import { applyViewerFilter, type FilterablePost, type ViewerFilter } from "../core/relations/mutes-blocks";
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

/** Notifications without those from accounts the viewer muted (with notifications) or blocked, or who block them. */
export async function filteredNotifications<N extends Pick<Notification, "actorId">>(c: AppContext, items: N[]): Promise<N[]> {
  const filter = filterOf(c);
  if (!filter) return items;
  const hidden = (await filter).hiddenNotifiers;
  return hidden.size === 0 ? items : items.filter((n) => !hidden.has(n.actorId));
}
