/**
 * The BlueskyAccounts port the API uses, implemented over identity, polling and our
 * stores. Follows are accepted at once (a public repository needs no consent) and
 * trigger an immediate poll, so the account's posts are in the home timeline when the
 * follow answers. Expected failures come back as codes: not_found (no such handle, DID
 * or repository), unavailable (PDS or directory unreachable), rate_limited.
 */
import { fail, ok, type Result } from "../../core/shared/result";
import type { BlueskyAccounts, BlueskyProfile } from "../../http/atproto-accounts";
import type { RemoteRelationship } from "../../http/remote-accounts";
import { ATPROTO_LIMITS, type AtprotoDeps } from "./context";
import type { Repo } from "./d1-atproto-store";
import { loadRepo, resolveTarget } from "./identity";
import type { NetworkError } from "./network";
import { pollDue, pollRepo } from "./sync";

function toProfile(r: Repo): BlueskyProfile {
  return {
    id: r.actorId,
    did: r.did,
    handle: r.handle,
    name: r.name,
    summary: r.summary,
    avatarUrl: r.avatarUrl,
    host: URL.canParse(r.pds) ? new URL(r.pds).host : "",
    status: r.status,
    noUnauthenticated: r.noUnauthenticated,
    labels: r.labels,
    lastPolledAt: r.lastPolledAt,
  };
}

function networkFailure<T>(e: NetworkError): Result<T> {
  if (e.code !== "not_found") console.warn(`atproto: ${e.code}: ${e.message}`);
  if (e.code === "rate_limited")
    return fail("rate_limited", "Bluesky is limiting our requests; try again later.", { retryAfter: 60 });
  if (e.code === "unreachable") return fail("unavailable", "That account's server could not be reached; try again later.");
  return fail("not_found", "No Bluesky account by that name.");
}

export function blueskyAccounts(deps: AtprotoDeps): BlueskyAccounts {
  async function repoOf(target: string): Promise<Result<Repo>> {
    const did = await resolveTarget(deps, target);
    if (!did.ok) return networkFailure(did.error);
    const repo = await loadRepo(deps, did.value);
    return repo.ok ? ok(repo.value) : networkFailure(repo.error);
  }

  async function fresh(repo: Repo): Promise<Repo> {
    const now = deps.clock.now().getTime();
    const stale = !repo.lastPolledAt || now - repo.lastPolledAt.getTime() > ATPROTO_LIMITS.onDemandMs;
    // Backoff applies on demand too: a failing repository is not asked again before its time.
    if (!stale || (repo.failures > 0 && repo.nextPollAt.getTime() > now)) return repo;
    await pollRepo(deps, repo.did);
    return (await deps.store.find(repo.did)) ?? repo;
  }

  const relationship = async (accountId: string, actorId: string): Promise<RemoteRelationship> => ({
    following: await deps.store.following(accountId, actorId),
    requested: false,
    followedBy: false,
  });

  return {
    async resolve(target) {
      const repo = await repoOf(target);
      if (!repo.ok) return repo;
      return ok(toProfile(await fresh(repo.value)));
    },
    async follow(accountId, target) {
      const repo = await repoOf(target);
      if (!repo.ok) return repo;
      await deps.store.follow(accountId, repo.value.actorId, repo.value.did, deps.clock.now());
      const polled = await fresh(repo.value);
      return ok({ profile: toProfile(polled), relationship: await relationship(accountId, polled.actorId) });
    },
    async unfollow(accountId, target) {
      const repo = await repoOf(target);
      if (!repo.ok) return repo;
      await deps.store.unfollow(accountId, repo.value.actorId);
      return ok(await relationship(accountId, repo.value.actorId));
    },
    relationship: (accountId, profile) => relationship(accountId, profile.id),
    async posts(profile, limit, cursor) {
      const page = await deps.store.posts(profile.id, limit, cursor);
      const items = (await deps.remotePosts.findMany(page.ids)).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      return { items, nextCursor: page.more ? (items.at(-1)?.id ?? null) : null };
    },
    async pollNow() {
      await deps.store.makeAllDue(deps.clock.now());
      const results = await pollDue(deps);
      return { polled: results.length, failed: results.filter((r) => r.result.status !== "ok").length };
    },
  };
}
