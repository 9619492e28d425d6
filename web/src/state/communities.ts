// The signed-in account's communities (GET /api/communities/joined) for the sidebar and
// for naming the community of posts on the home timeline. Refreshed on navigation and
// every 60 s while the page is visible; requests never overlap and are throttled.
import { computed, effect, signal } from "@preact/signals";
import { type Community, communitiesApi } from "../api/communities";
import { session } from "./session";

export const joined = signal<Community[] | null>(null);
/** Communities seen outside the joined list (pages visited), by id. */
const seen = signal<ReadonlyMap<string, Pick<Community, "id" | "name" | "title">>>(new Map());

export const REFRESH_INTERVAL_MS = 60_000;
const MIN_GAP_MS = 5_000;
let inFlight: Promise<void> | null = null;
let lastRefresh = 0;
let generation = 0;

/** Reloads the joined list; calls closer than 5 s apart are skipped unless `force`. */
export function refreshJoined(force = false): Promise<void> {
  if (!session.value) return Promise.resolve();
  if (inFlight) return inFlight;
  if (!force && Date.now() - lastRefresh < MIN_GAP_MS) return Promise.resolve();
  lastRefresh = Date.now();
  const mine = generation;
  inFlight = communitiesApi
    .joined()
    .then(
      (items) => {
        if (mine === generation) joined.value = items;
      },
      () => {
        // keep what we had; the next refresh tries again
      },
    )
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** Clears the unread count of `id` at once (after POST /read), before the next refresh. */
export function markReadLocally(id: string): void {
  const list = joined.value;
  if (!list?.some((c) => c.id === id && (c.me?.unread ?? 0) > 0)) return;
  joined.value = list.map((c) => (c.id === id && c.me ? { ...c, me: { ...c.me, unread: 0 } } : c));
}

export function rememberCommunity(c: Pick<Community, "id" | "name" | "title">): void {
  if (seen.value.get(c.id)?.title === c.title) return;
  const next = new Map(seen.value);
  next.set(c.id, { id: c.id, name: c.name, title: c.title });
  seen.value = next;
}

/** Name and title by community id, for labels on post cards. */
export const communityById = computed(() => {
  const map = new Map(seen.value);
  for (const c of joined.value ?? []) map.set(c.id, { id: c.id, name: c.name, title: c.title });
  return map;
});

let started = false;

/** Loads the list when someone signs in, clears it on sign-out, and refreshes it every minute. */
export function startCommunities(): void {
  if (started || typeof document === "undefined") return;
  started = true;
  let account: string | null | undefined;
  effect(() => {
    const id = session.value?.id ?? null;
    if (id === account) return;
    account = id;
    generation += 1;
    joined.value = null;
    lastRefresh = 0;
    if (id) void refreshJoined(true);
  });
  setInterval(() => {
    if (document.visibilityState === "visible") void refreshJoined();
  }, REFRESH_INTERVAL_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void refreshJoined();
  });
}

/** Whether the communities drawer is open (phones; on wide screens the sidebar is always shown). */
export const drawerOpen = signal(false);
