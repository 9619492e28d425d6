/**
 * Token buckets on the inbox, one per remote server (`peer:<host>`) and one per remote
 * actor (`actor:<iri>`). Capacity is one minute's allowance, refilled continuously
 * (the community rate limit's idea, with state in D1 because inbox requests land on
 * any isolate). A request is checked before its signature is verified (one read of
 * both rows) but charged only once it was accepted, so forged requests naming a
 * victim's key cannot drain the victim's buckets.
 */
export interface Bucket {
  readonly tokens: number;
  readonly updatedAt: number;
}

export interface BucketSpec {
  readonly key: string;
  readonly perMinute: number;
}

export interface InboxRateStore {
  /** The stored buckets by key (absent: full). */
  read(keys: readonly string[]): Promise<Map<string, Bucket>>;
  /** Refills and takes one token from each bucket, atomically per row. */
  charge(specs: readonly BucketSpec[], nowMs: number): Promise<void>;
  /** Deletes buckets untouched since `beforeMs` (refilled to full, so the same as absent); returns how many. */
  sweep(beforeMs: number): Promise<number>;
}

/** A bucket idle this long is full again (capacity is one minute's refill); the sweep leaves a margin. */
export const BUCKET_IDLE_MS = 10 * 60_000;

/** Tokens in a bucket now. */
export function available(bucket: Bucket | undefined, perMinute: number, nowMs: number): number {
  if (!bucket) return perMinute;
  return Math.min(perMinute, bucket.tokens + ((nowMs - bucket.updatedAt) / 60_000) * perMinute);
}

/** Seconds until every bucket has a whole token again (0: allowed now). */
export function waitSeconds(buckets: Map<string, Bucket>, specs: readonly BucketSpec[], nowMs: number): number {
  let wait = 0;
  for (const spec of specs) {
    const tokens = available(buckets.get(spec.key), spec.perMinute, nowMs);
    if (tokens < 1) wait = Math.max(wait, ((1 - tokens) * 60) / spec.perMinute);
  }
  return wait;
}
