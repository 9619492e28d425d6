/**
 * Per-user token bucket for posting into a community, plus the moderator-set slow
 * mode. Pure functions over a small state the community Durable Object keeps in
 * memory (losing it on eviction only forgives a few tokens).
 *
 * Defaults: a burst of 10 posts, then one every 2 seconds (30/min). A flood of 40
 * posts in a few seconds gets its 11th onward refused with a Retry-After.
 */
export interface BucketState {
  tokens: number;
  updatedAt: number;
  lastPostAt: number;
}

export const BURST = 10;
export const REFILL_PER_SECOND = 0.5;

export type Decision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function takeToken(
  state: BucketState | undefined,
  nowMs: number,
  slowModeSeconds: number,
): { decision: Decision; state: BucketState } {
  const s: BucketState = state ? { ...state } : { tokens: BURST, updatedAt: nowMs, lastPostAt: 0 };
  s.tokens = Math.min(BURST, s.tokens + ((nowMs - s.updatedAt) / 1000) * REFILL_PER_SECOND);
  s.updatedAt = nowMs;
  if (slowModeSeconds > 0 && s.lastPostAt > 0) {
    const wait = s.lastPostAt + slowModeSeconds * 1000 - nowMs;
    if (wait > 0) return { decision: { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) }, state: s };
  }
  if (s.tokens < 1) {
    return { decision: { allowed: false, retryAfterSeconds: Math.ceil((1 - s.tokens) / REFILL_PER_SECOND) }, state: s };
  }
  s.tokens -= 1;
  s.lastPostAt = nowMs;
  return { decision: { allowed: true }, state: s };
}
