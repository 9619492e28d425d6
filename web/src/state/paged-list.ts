// A list of posts fetched page by page with `nextCursor` (timelines, profile posts).
import { batch, type Signal, signal } from "@preact/signals";
import type { Page, Post } from "../api/client";
import type { PostEvent } from "../live/post-events";
import { applyPostEvent } from "../live/post-update";

export type PageFetcher = (cursor: string | null) => Promise<Page>;

export interface PagedList {
  readonly items: Signal<Post[]>;
  readonly loading: Signal<boolean>;
  readonly error: Signal<unknown>;
  /** True until a page comes back with `nextCursor: null`. */
  readonly hasMore: Signal<boolean>;
  /** True once the first page has arrived (or failed). */
  readonly started: Signal<boolean>;
  loadMore(): Promise<void>;
  prepend(post: Post): void;
  remove(id: string): void;
  /** Applies an update (fresh copy or live reaction counts) to every matching post. */
  update(event: PostEvent): void;
}

export function createPagedList(fetchPage: PageFetcher): PagedList {
  const items = signal<Post[]>([]);
  const loading = signal(false);
  const error = signal<unknown>(null);
  const hasMore = signal(true);
  const started = signal(false);
  let cursor: string | null = null;

  async function loadMore(): Promise<void> {
    if (loading.value || !hasMore.value) return;
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPage(cursor);
      const seen = new Set(items.value.map((p) => p.id));
      batch(() => {
        items.value = [...items.value, ...page.items.filter((p) => !seen.has(p.id))];
        cursor = page.nextCursor;
        hasMore.value = page.nextCursor !== null;
      });
    } catch (e) {
      error.value = e;
    } finally {
      batch(() => {
        loading.value = false;
        started.value = true;
      });
    }
  }

  return {
    items,
    loading,
    error,
    hasMore,
    started,
    loadMore,
    prepend(post) {
      if (items.value.some((p) => p.id === post.id)) return;
      items.value = [post, ...items.value];
    },
    remove(id) {
      items.value = items.value.filter((p) => p.id !== id && p.boostOf?.id !== id);
    },
    update(event) {
      let changed = false;
      const next = items.value.map((p) => {
        const q = applyPostEvent(p, event);
        if (q !== p) changed = true;
        return q;
      });
      if (changed) items.value = next;
    },
  };
}
