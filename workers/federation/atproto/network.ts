/**
 * The AT Protocol network as the adapter sees it: a small port, so the logic (identity,
 * mapping, polling) is tested with recorded fixtures and the real implementation below
 * talks XRPC through `@atproto/api`.
 *
 * Specs: https://atproto.com/specs/handle (resolution), https://atproto.com/specs/did
 * (did:plc, did:web), https://atproto.com/specs/xrpc (errors), lexicons
 * com.atproto.repo.listRecords / getRecord, app.bsky.actor.getProfile.
 */
import type { AtpAgent } from "@atproto/api";

/**
 * @atproto/api is loaded on first use: its lexicon module alone is over 1 MiB, and the
 * Workers test pool cannot ship a module that large to workerd (WebSocket 1009), so code
 * paths that never talk XRPC (every test but the integration suite) never load it.
 */
let agentClass: Promise<typeof AtpAgent> | null = null;
const loadAgent = () => {
  agentClass ??= import("@atproto/api").then((m) => m.AtpAgent);
  return agentClass;
};

/** A record of a repository, as listRecords/getRecord give it (value still untrusted). */
export interface RepoRecord {
  readonly uri: string;
  readonly cid: string;
  readonly value: unknown;
}

/** Why a read failed, as a value: the poller maps these to repository states and backoff. */
export type NetworkErrorCode =
  | "unreachable" // network error, timeout, 5xx
  | "not_found" // no such handle, DID or repository
  | "deactivated" // the account was deactivated or deleted (RepoDeactivated, a PLC tombstone)
  | "takendown" // RepoTakendown
  | "rate_limited" // 429
  | "invalid"; // an answer we cannot use (malformed document, refused address)

export interface NetworkError {
  readonly code: NetworkErrorCode;
  readonly message: string;
  /** From Retry-After / ratelimit-reset, when the server said. */
  readonly retryAfterMs?: number;
}

export type NetworkResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: NetworkError };

export interface AtprotoNetwork {
  /** The DID a handle claims (DNS TXT, /.well-known/atproto-did, or a resolveHandle service). */
  resolveHandle(handle: string): Promise<NetworkResult<string>>;
  /** The DID document (untrusted JSON) of a did:plc or did:web. */
  resolveDid(did: string): Promise<NetworkResult<unknown>>;
  /** The newest `limit` records of a collection, newest first. */
  listRecords(pds: string, did: string, collection: string, limit: number): Promise<NetworkResult<RepoRecord[]>>;
  getRecord(pds: string, did: string, collection: string, rkey: string): Promise<NetworkResult<RepoRecord>>;
  /** The AppView's hydrated profile (untrusted JSON); "not_found" when no AppView is configured. */
  getProfile(did: string): Promise<NetworkResult<unknown>>;
}

export interface NetworkConfig {
  /** The AppView (e.g. https://public.api.bsky.app), or null for none. */
  readonly appViewUrl: string | null;
  readonly plcUrl: string;
  /** A com.atproto.identity.resolveHandle service tried first (local testing), or null. */
  readonly handleResolverUrl: string | null;
  /** Plain http and loopback/private addresses allowed (development and tests only). */
  readonly allowPrivateAddress: boolean;
  readonly userAgent: string;
  readonly timeoutMs: number;
}

const ok = <T>(value: T): NetworkResult<T> => ({ ok: true, value });
const fail = (code: NetworkErrorCode, message: string, retryAfterMs?: number): NetworkResult<never> => ({
  ok: false,
  error: { code, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
});

/** Whether a URL may be fetched: https (http only when private addresses are allowed), no private hosts in production. */
export function safeUrl(url: string, allowPrivate: boolean): URL | null {
  if (!URL.canParse(url)) return null;
  const u = new URL(url);
  if (u.protocol !== "https:" && !(allowPrivate && u.protocol === "http:")) return null;
  if (u.username || u.password) return null;
  if (!allowPrivate && isPrivateHost(u.hostname)) return null;
  return u;
}

function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  return h.includes(":") && (h === "::1" || h.startsWith("fc") || h.startsWith("fd") || h.startsWith("fe80") || h === "::");
}

/**
 * Record values as plain JSON: @atproto/api decodes blob refs and CIDs into objects;
 * their JSON forms (`{ $link }`, or IPLD's `{ "/": cid }`) are what records.ts parses.
 */
function plainJson(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return null;
  }
}

/** XRPC error names that say what happened to a repository (com.atproto.repo / sync lexicons). */
function xrpcFailure(e: unknown): NetworkResult<never> {
  const err = e as { status?: number; error?: string; message?: string; headers?: Record<string, string> };
  const name = err?.error ?? "";
  const message = `${name || "error"}: ${err?.message ?? String(e)}`.slice(0, 300);
  if (name === "RepoTakendown" || name === "AccountTakedown") return fail("takendown", message);
  if (name === "RepoDeactivated" || name === "AccountDeactivated") return fail("deactivated", message);
  if (["RepoNotFound", "RecordNotFound", "HandleNotFound", "NotFound", "AccountNotFound"].includes(name) || err?.status === 404)
    return fail("not_found", message);
  if (err?.status === 429) {
    const reset = Number(err.headers?.["ratelimit-reset"]);
    return fail("rate_limited", message, Number.isFinite(reset) ? Math.max(0, reset * 1000 - Date.now()) : undefined);
  }
  if (typeof err?.status === "number" && err.status >= 400 && err.status < 500 && name === "InvalidRequest")
    return fail("not_found", message);
  return fail("unreachable", message);
}

/** The real network: XRPC through @atproto/api, DID documents and handles over plain fetch. */
export class XrpcNetwork implements AtprotoNetwork {
  private readonly fetch: typeof fetch;

  constructor(
    private readonly config: NetworkConfig,
    baseFetch: typeof fetch = globalThis.fetch.bind(globalThis),
  ) {
    // workerd sends no User-Agent; every request is bounded in time.
    this.fetch = (input, init) => {
      const headers = new Headers(input instanceof Request ? input.headers : undefined);
      for (const [k, v] of new Headers(init?.headers)) headers.set(k, v);
      headers.set("user-agent", config.userAgent);
      return baseFetch(input, { ...init, headers, signal: AbortSignal.timeout(config.timeoutMs) });
    };
  }

  private async agent(service: string): Promise<AtpAgent | null> {
    const url = safeUrl(service, this.config.allowPrivateAddress);
    if (!url) return null;
    const Agent = await loadAgent();
    return new Agent({ service: url, fetch: this.fetch });
  }

  async resolveHandle(handle: string): Promise<NetworkResult<string>> {
    // A configured resolver is authoritative (a local PDS in development: nothing leaves loopback).
    if (this.config.handleResolverUrl) return this.resolveWith(this.config.handleResolverUrl, handle);
    const dns = await this.resolveDns(handle);
    if (dns) return ok(dns);
    const wellKnown = await this.resolveWellKnown(handle);
    if (wellKnown) return ok(wellKnown);
    return fail("not_found", `no DID for ${handle}`);
  }

  private async resolveWith(service: string, handle: string): Promise<NetworkResult<string>> {
    const agent = await this.agent(service);
    if (!agent) return fail("invalid", `refused resolver address ${service}`);
    try {
      const res = await agent.com.atproto.identity.resolveHandle({ handle });
      return ok(res.data.did);
    } catch (e) {
      return xrpcFailure(e);
    }
  }

  /** `_atproto.<handle>` TXT `did=...` over DNS-over-HTTPS (JSON API). */
  private async resolveDns(handle: string): Promise<string | null> {
    try {
      const url = `https://cloudflare-dns.com/dns-query?name=${encodeURIComponent(`_atproto.${handle}`)}&type=TXT`;
      const res = await this.fetch(url, { headers: { accept: "application/dns-json" } });
      if (!res.ok) return null;
      const body = (await res.json()) as { Answer?: { data?: string }[] };
      const dids = (body.Answer ?? [])
        .map((a) => (a.data ?? "").replace(/^"|"$/g, ""))
        .filter((d) => d.startsWith("did="))
        .map((d) => d.slice(4));
      return dids.length === 1 ? (dids[0] ?? null) : null;
    } catch {
      return null;
    }
  }

  private async resolveWellKnown(handle: string): Promise<string | null> {
    const url = safeUrl(`https://${handle}/.well-known/atproto-did`, this.config.allowPrivateAddress);
    if (!url) return null;
    try {
      const res = await this.fetch(url, { redirect: "manual" });
      if (res.status !== 200) return null;
      const text = (await res.text()).trim();
      return text.startsWith("did:") && text.length < 256 ? text : null;
    } catch {
      return null;
    }
  }

  async resolveDid(did: string): Promise<NetworkResult<unknown>> {
    let url: URL | null;
    if (did.startsWith("did:plc:"))
      url = safeUrl(`${this.config.plcUrl.replace(/\/+$/, "")}/${did}`, this.config.allowPrivateAddress);
    else if (did.startsWith("did:web:")) {
      const host = decodeURIComponent(did.slice("did:web:".length));
      url =
        host.includes(":") && !this.config.allowPrivateAddress
          ? null
          : safeUrl(`https://${host}/.well-known/did.json`, this.config.allowPrivateAddress);
    } else return fail("invalid", `unsupported DID method: ${did}`);
    if (!url) return fail("invalid", `refused address for ${did}`);
    try {
      // No redirects followed (workerd has no redirect: "error"; a 3xx is simply not a document).
      const res = await this.fetch(url, { headers: { accept: "application/json" }, redirect: "manual" });
      if (res.status === 404) return fail("not_found", `${did}: 404`);
      if (res.status === 410) return fail("deactivated", `${did}: tombstoned`);
      if (res.status === 429) return fail("rate_limited", `${did}: 429`);
      if (res.status >= 300 && res.status < 400) return fail("invalid", `${did}: redirected`);
      if (!res.ok) return fail("unreachable", `${did}: ${res.status}`);
      return ok(await res.json());
    } catch (e) {
      return fail("unreachable", `${did}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async listRecords(pds: string, did: string, collection: string, limit: number): Promise<NetworkResult<RepoRecord[]>> {
    const agent = await this.agent(pds);
    if (!agent) return fail("invalid", `refused PDS address ${pds}`);
    try {
      const res = await agent.com.atproto.repo.listRecords({ repo: did, collection, limit });
      return ok(res.data.records.map((r) => ({ uri: r.uri, cid: r.cid, value: plainJson(r.value) })));
    } catch (e) {
      return xrpcFailure(e);
    }
  }

  async getRecord(pds: string, did: string, collection: string, rkey: string): Promise<NetworkResult<RepoRecord>> {
    const agent = await this.agent(pds);
    if (!agent) return fail("invalid", `refused PDS address ${pds}`);
    try {
      const res = await agent.com.atproto.repo.getRecord({ repo: did, collection, rkey });
      return ok({ uri: res.data.uri, cid: res.data.cid ?? "", value: plainJson(res.data.value) });
    } catch (e) {
      return xrpcFailure(e);
    }
  }

  async getProfile(did: string): Promise<NetworkResult<unknown>> {
    if (!this.config.appViewUrl) return fail("not_found", "no AppView configured");
    const agent = await this.agent(this.config.appViewUrl);
    if (!agent) return fail("invalid", "refused AppView address");
    try {
      const res = await agent.app.bsky.actor.getProfile({ actor: did });
      return ok(res.data);
    } catch (e) {
      return xrpcFailure(e);
    }
  }
}
