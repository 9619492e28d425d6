// A community's timeline as shown on its page: pages over HTTP, live frames over the
// WebSocket, and the switch to highlights when the room moves faster than people read.
import { batch, type Signal, signal } from "@preact/signals";
import type { Post } from "../api/client";
import { communitiesApi, type HighlightsPage } from "../api/communities";
import { CommunitySocket, type LiveState } from "../live/community-socket";
import { onPostEvent, publishPostEvent } from "../live/post-events";
import { applyPostEvent } from "../live/post-update";
import { insertPost, type LiveChange, postsInLastMinute, READABLE_POSTS_PER_MINUTE, SeqTracker } from "../live/timeline-merge";
import { markReadLocally } from "./communities";

export type FeedMode = "all" | "highlights";
export type HighlightEntry = HighlightsPage["items"][number];

/** How long to wait for the socket's hello (which tells how busy the room is) before loading anyway. */
const HELLO_WAIT_MS = 1500;
const READ_DEBOUNCE_MS = 1200;
const SHOW_ALL_KEY = "commons.showAll.";

function readShowAll(id: string): boolean {
  try {
    return sessionStorage.getItem(SHOW_ALL_KEY + id) === "1";
  } catch {
    return false;
  }
}

export interface CommunityFeed {
  readonly posts: Signal<Post[]>;
  readonly highlights: Signal<HighlightEntry[]>;
  readonly mode: Signal<FeedMode>;
  readonly liveState: Signal<LiveState>;
  /** Posts per minute: the larger of the server's figure and what we received in the last minute. */
  readonly rate: Signal<number>;
  /** New posts that arrived while highlights are shown (they appear after a refresh). */
  readonly pending: Signal<number>;
  readonly loading: Signal<boolean>;
  readonly error: Signal<unknown>;
  readonly hasMore: Signal<boolean>;
  readonly started: Signal<boolean>;
  loadMore(): Promise<void>;
  reload(): Promise<void>;
  /** "Show everything": leaves highlights and remembers the choice for this community in the session. */
  showAll(): void;
  start(): void;
  stop(): void;
}

export function createCommunityFeed(communityId: string, opts: { markRead: boolean }): CommunityFeed {
  const posts = signal<Post[]>([]);
  const highlights = signal<HighlightEntry[]>([]);
  const mode = signal<FeedMode>("all");
  const liveState = signal<LiveState>("connecting");
  const rate = signal(0);
  const pending = signal(0);
  const loading = signal(false);
  const error = signal<unknown>(null);
  const hasMore = signal(true);
  const started = signal(false);
  const tracker = new SeqTracker();
  let cursor: string | null = null;
  let serverRate = 0;
  let received: number[] = [];
  let pinnedAll = readShowAll(communityId);
  let generation = 0;
  let stopped = false;
  let readTimer: ReturnType<typeof setTimeout> | undefined;
  let helloTimer: ReturnType<typeof setTimeout> | undefined;
  let lastRead = -1;
  let unsubscribe: (() => void) | null = null;

  async function loadMore(): Promise<void> {
    if (loading.value || !hasMore.value) return;
    const mine = generation;
    const current = mode.value;
    loading.value = true;
    error.value = null;
    try {
      if (current === "all") {
        const page = await communitiesApi.timeline(communityId, cursor);
        if (mine !== generation) return;
        const seen = new Set(posts.value.map((p) => p.id));
        batch(() => {
          posts.value = [...posts.value, ...page.items.filter((p) => !seen.has(p.id))];
          cursor = page.nextCursor;
          hasMore.value = page.nextCursor !== null;
        });
        for (const p of page.items) if (p.seq != null) tracker.advance(p.seq);
      } else {
        const page = await communitiesApi.highlights(communityId, cursor);
        if (mine !== generation) return;
        batch(() => {
          highlights.value = [...highlights.value, ...page.items];
          cursor = page.nextCursor;
          hasMore.value = page.nextCursor !== null;
        });
      }
      scheduleRead();
    } catch (e) {
      if (mine === generation) error.value = e;
    } finally {
      if (mine === generation) {
        batch(() => {
          loading.value = false;
          started.value = true;
        });
      }
    }
  }

  /** Starts over in the current mode; the old items stay until the new page replaces them. */
  async function reload(): Promise<void> {
    generation += 1;
    const mine = generation;
    cursor = null;
    batch(() => {
      loading.value = false;
      hasMore.value = true;
      error.value = null;
    });
    const keepPosts = posts.value;
    const keepHighlights = highlights.value;
    posts.value = [];
    highlights.value = [];
    await loadMore();
    if (mine === generation && error.value) {
      posts.value = keepPosts;
      highlights.value = keepHighlights;
    }
    if (mine === generation) pending.value = 0;
  }

  function setMode(next: FeedMode): void {
    if (mode.value === next) return;
    mode.value = next;
    if (started.value || loading.value) void reload();
  }

  function evaluate(): void {
    const now = Date.now();
    received = received.filter((t) => t > now - 60_000);
    rate.value = Math.max(serverRate, postsInLastMinute(received, now));
    if (!pinnedAll && rate.value > READABLE_POSTS_PER_MINUTE) setMode("highlights");
  }

  function scheduleRead(): void {
    if (!opts.markRead || stopped) return;
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      if (stopped || document.visibilityState !== "visible") return;
      const seq = tracker.highest;
      if (seq <= lastRead) return;
      lastRead = seq;
      communitiesApi.markRead(communityId, seq).then(
        () => markReadLocally(communityId),
        () => {
          lastRead = -1; // try again with the next change
        },
      );
    }, READ_DEBOUNCE_MS);
  }

  function applyChange(change: LiveChange): void {
    switch (change.kind) {
      case "post":
        received.push(Date.parse(change.post.createdAt) || Date.now());
        if (mode.value === "all") posts.value = insertPost(posts.value, change.post);
        else pending.value += 1;
        break;
      case "deleted":
        posts.value = posts.value.filter((p) => p.id !== change.postId);
        highlights.value = highlights.value.filter((h) => h.type !== "post" || h.id !== change.postId);
        break;
      case "resync":
        void reload();
        break;
      case "rate":
        serverRate = change.postsPerMinute;
        break;
      case "member":
        break;
      case "updated":
        // Through the page's bus, so this post updates wherever it is shown (and below, here).
        publishPostEvent({ kind: "updated", post: change.post });
        break;
      case "reactions":
        publishPostEvent({ kind: "reactions", postId: change.postId, reactions: change.reactions });
        break;
    }
  }

  const socket = new CommunitySocket({
    url: (since) => communitiesApi.liveUrl(communityId, since),
    since: () => (tracker.highest > 0 ? tracker.highest : null),
    onState: (s) => {
      liveState.value = s;
    },
    onFrames: (frames) => {
      const firstHello = !started.value && !loading.value && frames.some((f) => f.type === "hello");
      batch(() => {
        for (const change of tracker.apply(frames)) applyChange(change);
        evaluate();
      });
      if (firstHello) {
        clearTimeout(helloTimer);
        void loadMore();
      }
      scheduleRead();
    },
  });

  function onVisible(): void {
    if (document.visibilityState === "visible") {
      scheduleRead();
      socket.reconnectNow();
    }
  }

  return {
    posts,
    highlights,
    mode,
    liveState,
    rate,
    pending,
    loading,
    error,
    hasMore,
    started,
    loadMore,
    reload,
    showAll() {
      pinnedAll = true;
      try {
        sessionStorage.setItem(SHOW_ALL_KEY + communityId, "1");
      } catch {
        // remembered for this page only
      }
      setMode("all");
    },
    start() {
      stopped = false;
      socket.start();
      helloTimer = setTimeout(() => {
        if (!started.value && !loading.value) void loadMore();
      }, HELLO_WAIT_MS);
      document.addEventListener("visibilitychange", onVisible);
      window.addEventListener("online", onVisible);
      unsubscribe = onPostEvent((event) => {
        if (event.kind === "deleted") applyChange({ kind: "deleted", postId: event.id });
        else if (event.kind === "created") {
          if (event.post.communityId === communityId && mode.value === "all") posts.value = insertPost(posts.value, event.post);
        } else {
          const next = posts.value.map((p) => applyPostEvent(p, event));
          if (next.some((p, i) => p !== posts.value[i])) posts.value = next;
        }
      });
    },
    stop() {
      stopped = true;
      generation += 1;
      clearTimeout(readTimer);
      clearTimeout(helloTimer);
      socket.stop();
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("online", onVisible);
      unsubscribe?.();
    },
  };
}
