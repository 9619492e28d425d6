/**
 * Identity: a follow target (handle, DID or at:// URI) -> DID, and a DID -> its PDS and
 * verified handle (https://atproto.com/specs/handle, https://atproto.com/specs/did).
 * A handle is only shown when it resolves back to the same DID (bidirectional check), so
 * a DID document cannot claim someone else's name. Resolutions are cached (24 h; a
 * failed handle 5 min), and a DID document older than 24 h is re-read, which picks up
 * handle changes and PDS moves.
 */
import { ATPROTO_LIMITS, type AtprotoDeps } from "./context";
import type { Repo } from "./d1-atproto-store";
import type { NetworkError, NetworkResult } from "./network";
import { DidDocument, isDid, normalizeHandle, parseAtUri, parseRecord, readDidDocument } from "./records";

const failed = (code: NetworkError["code"], message: string): NetworkResult<never> => ({ ok: false, error: { code, message } });

/** A handle's DID, from the cache or the network (failures cached briefly). */
export async function resolveHandle(
  deps: Pick<AtprotoDeps, "store" | "network" | "clock">,
  handle: string,
): Promise<NetworkResult<string>> {
  const now = deps.clock.now();
  const cached = await deps.store.cachedHandle(handle, now);
  if (cached) return { ok: true, value: cached };
  if (cached === null) return failed("not_found", `${handle} did not resolve`);
  const r = await deps.network.resolveHandle(handle);
  if (r.ok && !isDid(r.value)) return failed("invalid", `${handle} resolved to a malformed DID`);
  // Only definite answers are cached: an unreachable resolver is asked again next time.
  if (r.ok) await deps.store.cacheHandle(handle, r.value, new Date(now.getTime() + ATPROTO_LIMITS.identityTtlMs));
  else if (r.error.code === "not_found")
    await deps.store.cacheHandle(handle, null, new Date(now.getTime() + ATPROTO_LIMITS.failedHandleTtlMs));
  return r;
}

/** The DID a follow target names: `alice.bsky.social`, `@alice.bsky.social`, `did:plc:…`, `at://…`. */
export async function resolveTarget(
  deps: Pick<AtprotoDeps, "store" | "network" | "clock">,
  target: string,
): Promise<NetworkResult<string>> {
  let t = target.trim();
  if (t.startsWith("at://")) {
    const at = parseAtUri(t);
    if (!at) return failed("not_found", "not an at:// URI");
    t = at.authority;
  }
  if (t.startsWith("did:")) return isDid(t) ? { ok: true, value: t } : failed("not_found", "not a DID we can read");
  const handle = normalizeHandle(t);
  if (!handle) return failed("not_found", "not a handle");
  return resolveHandle(deps, handle);
}

/**
 * The repository's state, its identity (re)read from the DID document when unknown or
 * older than 24 h. A refresh that fails keeps the known identity.
 */
export async function loadRepo(deps: AtprotoDeps, did: string): Promise<NetworkResult<Repo>> {
  const now = deps.clock.now();
  const known = await deps.store.find(did);
  if (known && now.getTime() - known.identityCheckedAt.getTime() < ATPROTO_LIMITS.identityTtlMs)
    return { ok: true, value: known };
  const fresh = await readIdentity(deps, did);
  if (!fresh.ok) return known ? { ok: true, value: known } : fresh;
  return { ok: true, value: await deps.store.saveIdentity(fresh.value, deps.ids.next(), now) };
}

async function readIdentity(
  deps: AtprotoDeps,
  did: string,
): Promise<NetworkResult<{ did: string; handle: string | null; pds: string }>> {
  const r = await deps.network.resolveDid(did);
  if (!r.ok) return r;
  const doc = parseRecord(DidDocument, r.value);
  if (!doc || doc.id !== did) return failed("invalid", `${did}: malformed DID document`);
  const { pds, handle } = readDidDocument(doc);
  if (!pds || !URL.canParse(pds)) return failed("invalid", `${did}: no PDS in the DID document`);
  let verified: string | null = null;
  if (handle) {
    const back = await resolveHandle(deps, handle);
    verified = back.ok && back.value === did ? handle : null;
  }
  return { ok: true, value: { did, handle: verified, pds: pds.replace(/\/+$/, "") } };
}
