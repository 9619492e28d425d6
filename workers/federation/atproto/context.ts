/** What the AT Protocol adapter works with: our stores, the network port, time and ids (STYLE.md 4, 9). */
import type { D1RemotePostStore } from "../../db/d1-remote-post-store";
import type { D1AtprotoStore } from "./d1-atproto-store";
import type { AtprotoNetwork } from "./network";

export interface AtprotoDeps {
  readonly store: D1AtprotoStore;
  readonly remotePosts: D1RemotePostStore;
  readonly network: AtprotoNetwork;
  readonly clock: { now(): Date };
  readonly ids: { next(): string };
  /** An AppView is configured (its profile adds moderation labels and a CDN avatar). */
  readonly appView: boolean;
}

/** Cache lifetimes and polling bounds (documented in FEDERATION.md, "AT Protocol"). */
export const ATPROTO_LIMITS = {
  /** Handle -> DID and DID documents are re-read after this. */
  identityTtlMs: 24 * 60 * 60 * 1000,
  /** A handle that did not resolve is retried after this. */
  failedHandleTtlMs: 5 * 60 * 1000,
  /** Newest posts read per poll (one listRecords page). */
  postsPerPoll: 50,
  /** Repositories polled per cron invocation (about 2 subrequests and ~6 D1 queries each). */
  reposPerRun: 15,
  /** Between two polls of a healthy repository (the cron runs every 10 minutes). */
  pollIntervalMs: 10 * 60 * 1000,
  /** Backoff after failures: base x 2^(failures-1), at most max. */
  backoffBaseMs: 10 * 60 * 1000,
  backoffMaxMs: 12 * 60 * 60 * 1000,
  /** A gone repository (deleted, deactivated, taken down) is looked at again after this. */
  goneRecheckMs: 24 * 60 * 60 * 1000,
  /** An account nobody follows is forgotten (profile, state, cached posts) this long after its last read. */
  unfollowedTtlMs: 14 * 24 * 60 * 60 * 1000,
  /** Opening a profile polls it when its last poll is older than this. */
  onDemandMs: 2 * 60 * 1000,
} as const;
