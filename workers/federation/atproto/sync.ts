/**
 * Polling a followed repository (no firehose): one listRecords page of
 * app.bsky.feed.post (newest first) and the profile record, straight from the author's
 * PDS; the AppView's profile adds moderation labels when one is configured. New posts
 * enter the bounded remote-post cache; cached posts missing from the page are deleted
 * on the PDS and become tombstones (only within the page's range: older ones simply
 * expire). Failures are values: a gone repository (deleted, deactivated, taken down)
 * leaves the cache and is re-checked daily; unreachable and rate-limited ones back off
 * exponentially per DID, so a dead PDS costs one request per backoff step, never a storm.
 */
import { ATPROTO_LIMITS, type AtprotoDeps } from "./context";
import type { Repo, RepoProfile, RepoStatus } from "./d1-atproto-store";
import { loadRepo } from "./identity";
import { blobUrl, mapPost } from "./map-post";
import type { NetworkError, RepoRecord } from "./network";
import { PostRecord, ProfileRecord, ProfileView, parseAtUri, parseRecord } from "./records";
import { renderRichText } from "./rich-text";

const POST = "app.bsky.feed.post";
const PROFILE = "app.bsky.actor.profile";

export interface PollResult {
  readonly status: RepoStatus;
  readonly added: number;
  readonly deleted: number;
  readonly malformed: number;
  readonly error: string | null;
}

/** A UUIDv7-shaped id whose time part is `at`, so cached posts sort by when they were written. */
export function idAt(at: Date, fresh: string): string {
  const hex = Math.max(0, Math.floor(at.getTime())).toString(16).padStart(12, "0").slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}${fresh.slice(13)}`;
}

/** A stable spread (0-59 s) per DID, so repositories followed together are not polled in lockstep. */
function jitterMs(did: string): number {
  let h = 0;
  for (const ch of did) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (h % 60) * 1000;
}

export function backoffMs(failures: number, retryAfterMs?: number): number {
  const exp = ATPROTO_LIMITS.backoffBaseMs * 2 ** Math.max(0, failures - 1);
  return Math.min(ATPROTO_LIMITS.backoffMaxMs, Math.max(exp, retryAfterMs ?? 0));
}

const GONE: Partial<Record<NetworkError["code"], RepoStatus>> = {
  not_found: "not_found",
  deactivated: "deactivated",
  takendown: "takendown",
};

async function fail(deps: AtprotoDeps, repo: Repo, error: NetworkError): Promise<PollResult> {
  const now = deps.clock.now();
  const gone = GONE[error.code];
  const failures = repo.failures + 1;
  if (gone) {
    await deps.store.dropPosts(repo.actorId);
    await deps.store.recordPoll(repo.did, {
      status: gone,
      failures,
      nextPollAt: new Date(now.getTime() + ATPROTO_LIMITS.goneRecheckMs),
      error: error.message,
      polledAt: now,
    });
    return { status: gone, added: 0, deleted: 0, malformed: 0, error: error.message };
  }
  const status: RepoStatus = error.code === "rate_limited" ? "rate_limited" : "unreachable";
  await deps.store.recordPoll(repo.did, {
    status,
    failures,
    nextPollAt: new Date(now.getTime() + backoffMs(failures, error.retryAfterMs) + jitterMs(repo.did)),
    error: error.message,
    polledAt: now,
  });
  return { status, added: 0, deleted: 0, malformed: 0, error: error.message };
}

/** The profile from the PDS record, with the AppView's view (avatar on its CDN, moderation labels) when available. */
async function readProfile(deps: AtprotoDeps, repo: Repo): Promise<RepoProfile | null> {
  const record = await deps.network.getRecord(repo.pds, repo.did, PROFILE, "self");
  const p = record.ok ? parseRecord(ProfileRecord, record.value.value) : null;
  if (!record.ok && record.error.code !== "not_found") return null;
  const profile: RepoProfile = {
    name: p?.displayName?.trim() || null,
    summary: p?.description ? renderRichText(p.description) : null,
    avatarUrl: p?.avatar ? blobUrl(repo, p.avatar) : null,
    labels: (p?.labels?.values ?? []).map((l) => l.val),
  };
  if (!deps.appView) return profile;
  const view = await deps.network.getProfile(repo.did);
  const v = view.ok ? parseRecord(ProfileView, view.value) : null;
  if (!v || v.did !== repo.did) return profile;
  const avatar = v.avatar && URL.canParse(v.avatar) && new URL(v.avatar).protocol === "https:" ? v.avatar : profile.avatarUrl;
  return { ...profile, avatarUrl: avatar, labels: [...new Set([...profile.labels, ...(v.labels ?? []).map((l) => l.val)])] };
}

/** Polls one repository now (the cron, a follow, an opened profile). */
export async function pollRepo(deps: AtprotoDeps, did: string): Promise<PollResult> {
  const loaded = await loadRepo(deps, did);
  if (!loaded.ok) return { status: "unreachable", added: 0, deleted: 0, malformed: 0, error: loaded.error.message };
  const repo = loaded.value;
  const listed = await deps.network.listRecords(repo.pds, repo.did, POST, ATPROTO_LIMITS.postsPerPoll);
  if (!listed.ok) return fail(deps, repo, listed.error);
  const profile = await readProfile(deps, repo);
  const now = deps.clock.now();
  if (profile) await deps.store.saveProfile(repo, profile, now);

  const cached = await deps.store.cachedPosts(repo.actorId);
  const { fresh, malformed } = await storeNew(deps, repo, listed.value, cached, now);
  const deleted = await tombstoneMissing(deps, repo, listed.value, cached, now);
  await deps.store.recordPoll(repo.did, {
    status: "ok",
    failures: 0,
    nextPollAt: new Date(now.getTime() + ATPROTO_LIMITS.pollIntervalMs + jitterMs(repo.did)),
    error: null,
    polledAt: now,
  });
  return { status: "ok", added: fresh, deleted, malformed, error: null };
}

async function storeNew(deps: AtprotoDeps, repo: Repo, records: readonly RepoRecord[], cached: Map<string, boolean>, now: Date) {
  let fresh = 0;
  let malformed = 0;
  // Oldest first, so the per-actor cap always keeps the newest.
  for (const r of [...records].reverse()) {
    const at = parseAtUri(r.uri);
    // The record must be this repository's post (origin rule: a PDS answers only for its own DIDs).
    if (at?.authority !== repo.did || at.collection !== POST) {
      malformed++;
      continue;
    }
    if (cached.has(r.uri)) continue;
    const record = parseRecord(PostRecord, r.value);
    if (!record) {
      malformed++;
      continue;
    }
    const note = mapPost(repo, r.uri, record, now);
    if (await deps.remotePosts.insert(idAt(note.publishedAt, deps.ids.next()), repo.actorId, note, now)) fresh++;
  }
  return { fresh, malformed };
}

/**
 * Cached posts absent from the newest page were deleted on the PDS. With a full page,
 * only cached posts at least as new as the page's oldest record key are judged (record
 * keys are TIDs, which sort by time).
 */
async function tombstoneMissing(
  deps: AtprotoDeps,
  repo: Repo,
  records: readonly RepoRecord[],
  cached: Map<string, boolean>,
  now: Date,
): Promise<number> {
  const seen = new Set(records.map((r) => r.uri));
  const full = records.length >= ATPROTO_LIMITS.postsPerPoll;
  const oldest = records.at(-1) ? (parseAtUri(records.at(-1)?.uri ?? "")?.rkey ?? "") : "";
  let deleted = 0;
  for (const [iri, gone] of cached) {
    if (gone || seen.has(iri)) continue;
    const rkey = parseAtUri(iri)?.rkey ?? "";
    if (full && rkey < oldest) continue;
    await deps.remotePosts.tombstone(deps.ids.next(), repo.actorId, iri, now);
    deleted++;
  }
  return deleted;
}

/** One cron pass: the due repositories, a bounded number per invocation. */
export async function pollDue(deps: AtprotoDeps, limit: number = ATPROTO_LIMITS.reposPerRun) {
  const due = await deps.store.due(deps.clock.now(), limit);
  const results: { did: string; result: PollResult }[] = [];
  for (const repo of due) results.push({ did: repo.did, result: await pollRepo(deps, repo.did) });
  const now = deps.clock.now();
  await deps.store.pruneHandles(now);
  await deps.store.pruneUnfollowed(new Date(now.getTime() - ATPROTO_LIMITS.unfollowedTtlMs), 100);
  return results;
}
