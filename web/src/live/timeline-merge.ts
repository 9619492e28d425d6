// Pure helpers for merging live frames into a timeline: frames can arrive twice (a replay
// after reconnecting overlaps what we saw), so every change is deduplicated by seq and post id.
import type { Post } from "../api/client";
import type { Frame } from "./frames";

/** Above this many posts a minute a timeline is faster than people read (server: READABLE_POSTS_PER_MINUTE). */
export const READABLE_POSTS_PER_MINUTE = 20;

export type LiveChange =
  | { kind: "post"; post: Post }
  | { kind: "deleted"; postId: string }
  | { kind: "resync" }
  | { kind: "rate"; postsPerMinute: number }
  | { kind: "member" }
  | { kind: "updated"; post: Post }
  | { kind: "reactions"; postId: string; reactions: { emoji: string; count: number }[] };

/** Remembers which seqs were applied and the highest one, for `?since=` and read markers. */
export class SeqTracker {
  private seen = new Set<number>();
  highest: number;

  constructor(highest = 0) {
    this.highest = highest;
  }

  /** Records `seq`; false when it was seen before (a duplicate frame). */
  accept(seq: number): boolean {
    if (this.seen.has(seq)) return false;
    this.seen.add(seq);
    if (this.seen.size > 2000) {
      // Forget the oldest half; anything that old is far below `highest` and is skipped below.
      const sorted = [...this.seen].sort((a, b) => a - b);
      this.seen = new Set(sorted.slice(1000));
    }
    this.highest = Math.max(this.highest, seq);
    return true;
  }

  /** Moves `highest` forward without marking individual seqs (hello / resync). */
  advance(seq: number): void {
    this.highest = Math.max(this.highest, seq);
  }

  /** Translates frames into timeline changes, dropping duplicates. */
  apply(frames: readonly Frame[]): LiveChange[] {
    const changes: LiveChange[] = [];
    for (const f of frames) {
      switch (f.type) {
        case "hello":
          changes.push({ kind: "rate", postsPerMinute: f.postsPerMinute });
          break;
        case "rate":
          changes.push({ kind: "rate", postsPerMinute: f.postsPerMinute });
          break;
        case "resync":
          this.advance(f.lastSeq);
          changes.push({ kind: "resync" });
          break;
        case "post":
          if (this.accept(f.seq)) changes.push({ kind: "post", post: f.seq === f.post.seq ? f.post : { ...f.post, seq: f.seq } });
          break;
        case "post.deleted":
          if (this.accept(f.seq)) changes.push({ kind: "deleted", postId: f.postId });
          break;
        case "member":
          if (this.accept(f.seq)) changes.push({ kind: "member" });
          break;
        case "post.updated":
          if (this.accept(f.seq)) changes.push({ kind: "updated", post: f.post });
          break;
        case "reactions":
          if (this.accept(f.seq)) changes.push({ kind: "reactions", postId: f.postId, reactions: f.reactions });
          break;
      }
    }
    // After a hello and its replay, everything up to the community's lastSeq has been seen.
    for (const f of frames) if (f.type === "hello") this.advance(f.lastSeq);
    return changes;
  }
}

function order(p: { seq?: number | null; createdAt: string }): [number, number] {
  return [p.seq ?? Number.POSITIVE_INFINITY, Date.parse(p.createdAt)];
}

/** Inserts `post` keeping newest first (by seq, then time); a post already present is not added twice. */
export function insertPost<T extends { id: string; seq?: number | null; createdAt: string }>(items: readonly T[], post: T): T[] {
  if (items.some((p) => p.id === post.id)) return items as T[];
  const [seq, time] = order(post);
  const at = items.findIndex((p) => {
    const [s, t] = order(p);
    return Number.isFinite(seq) && Number.isFinite(s) ? s < seq : t < time;
  });
  const next = [...items];
  next.splice(at === -1 ? next.length : at, 0, post);
  return next;
}

/** Counts posts created within the last minute before `now`. */
export function postsInLastMinute(times: readonly number[], now: number): number {
  return times.filter((t) => t > now - 60_000 && t <= now + 5_000).length;
}
