import { afterEach, describe, expect, it, vi } from "vitest";
import type { Post } from "../api/client";
import { makePost } from "../components/test-fixtures";
import { BACKOFF_CAP_MS, backoffDelay } from "./backoff";
import { CommunitySocket, type LiveState, PING_INTERVAL_MS, type SocketLike } from "./community-socket";
import { parseFrames } from "./frames";
import { insertPost, postsInLastMinute, SeqTracker } from "./timeline-merge";

describe("backoffDelay", () => {
  it("grows exponentially up to the cap, with full jitter", () => {
    expect(backoffDelay(0, () => 0.999)).toBe(499);
    expect(backoffDelay(1, () => 0.999)).toBe(999);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(20, () => 0.999)).toBe(BACKOFF_CAP_MS - 30);
    expect(backoffDelay(1000, () => 0.999)).toBeLessThan(BACKOFF_CAP_MS);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});

const post = (id: string, seq: number, overrides: Partial<Post> = {}) => makePost({ id, seq, communityId: "c1", ...overrides });

describe("SeqTracker", () => {
  it("drops frames that arrive twice and remembers the highest seq", () => {
    const tracker = new SeqTracker(3);
    const frames = parseFrames(
      JSON.stringify([
        { type: "hello", communityId: "c1", lastSeq: 6, postsPerMinute: 2 },
        { type: "post", seq: 4, post: post("p4", 4) },
        { type: "post", seq: 4, post: post("p4", 4) },
        { type: "member", seq: 5, event: "joined", accountId: "a2" },
        { type: "post.deleted", seq: 6, postId: "p4" },
        { type: "unknown-frame", seq: 7 },
      ]),
    );
    expect(tracker.apply(frames).map((c) => c.kind)).toEqual(["rate", "post", "member", "deleted"]);
    expect(tracker.highest).toBe(6);
    expect(tracker.apply(parseFrames(JSON.stringify([{ type: "post", seq: 4, post: post("p4", 4) }])))).toEqual([]);
  });

  it("treats a resync as a request to reload and moves past its seq", () => {
    const tracker = new SeqTracker();
    expect(tracker.apply([{ type: "resync", lastSeq: 90 }])).toEqual([{ kind: "resync" }]);
    expect(tracker.highest).toBe(90);
  });

  it("ignores messages that are not JSON arrays of frames", () => {
    expect(parseFrames("not json")).toEqual([]);
    expect(parseFrames(new ArrayBuffer(2))).toEqual([]);
    expect(parseFrames('{"type":"rate","postsPerMinute":3}')).toEqual([{ type: "rate", postsPerMinute: 3 }]);
  });
});

describe("insertPost", () => {
  it("keeps newest first by seq and never duplicates", () => {
    let items = [post("p5", 5), post("p3", 3)];
    items = insertPost(items, post("p7", 7));
    items = insertPost(items, post("p4", 4));
    items = insertPost(items, post("p7", 7));
    items = insertPost(items, post("p1", 1));
    expect(items.map((p) => p.id)).toEqual(["p7", "p5", "p4", "p3", "p1"]);
  });

  it("falls back to creation time for posts without seq", () => {
    const old = makePost({ id: "old", createdAt: "2026-01-01T00:00:00Z" });
    const recent = makePost({ id: "new", createdAt: "2026-01-01T00:05:00Z" });
    expect(insertPost([old], recent).map((p) => p.id)).toEqual(["new", "old"]);
  });
});

describe("postsInLastMinute", () => {
  it("counts only the last 60 seconds", () => {
    const now = 1_000_000;
    expect(postsInLastMinute([now - 70_000, now - 59_000, now - 1_000, now], now)).toBe(3);
  });
});

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  readyState = 0;
  sent: string[] = [];
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  serverOpen() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  serverSend(frames: unknown[]) {
    this.onmessage?.(new MessageEvent("message", { data: JSON.stringify(frames) }));
  }
  serverClose() {
    this.readyState = 3;
    this.onclose?.(new Event("close") as CloseEvent);
  }
}

describe("CommunitySocket", () => {
  afterEach(() => {
    vi.useRealTimers();
    FakeSocket.all = [];
  });

  it("reconnects with backoff, resumes after the highest seq and pings every 30 s", () => {
    vi.useFakeTimers();
    const tracker = new SeqTracker();
    const states: LiveState[] = [];
    const live = new CommunitySocket({
      url: (since) => `ws://x/live${since === null ? "" : `?since=${since}`}`,
      since: () => (tracker.highest > 0 ? tracker.highest : null),
      onFrames: (frames) => tracker.apply(frames),
      onState: (s) => states.push(s),
      createSocket: (url) => new FakeSocket(url),
      random: () => 0.5,
    });
    live.start();
    const first = FakeSocket.all[0]!;
    expect(first.url).toBe("ws://x/live");
    first.serverOpen();
    first.serverSend([{ type: "hello", communityId: "c1", lastSeq: 8, postsPerMinute: 0 }]);
    expect(states).toEqual(["connecting", "live"]);
    vi.advanceTimersByTime(PING_INTERVAL_MS);
    expect(first.sent).toEqual(['{"type":"ping"}']);

    first.serverClose();
    expect(states.at(-1)).toBe("reconnecting");
    vi.advanceTimersByTime(249);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const second = FakeSocket.all[1]!;
    expect(second.url).toBe("ws://x/live?since=8");
    second.serverClose(); // fails again: the next wait doubles (0.5 * 1000 ms)
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);

    live.stop();
    expect(FakeSocket.all[2]!.closed).toBe(true);
    expect(states.at(-1)).toBe("closed");
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(3);
  });
});
