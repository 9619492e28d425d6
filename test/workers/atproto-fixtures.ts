/**
 * A fixture-backed AtprotoNetwork (our own port, STYLE.md 10): DID documents, profiles and
 * post records recorded in the shapes the PLC directory and a PDS return
 * (fixtures/atproto/*.json), held in memory so a test can add, delete or break things.
 * Every call is counted, so tests can check that failures back off instead of storming.
 */
import type { AtprotoNetwork, NetworkError, NetworkResult, RepoRecord } from "../../workers/federation/atproto/network";
import aliceDid from "./fixtures/atproto/did-alice.json";
import alicePosts from "./fixtures/atproto/posts-alice.json";
import aliceProfile from "./fixtures/atproto/profile-alice.json";

export const ALICE = "did:plc:alice2345alice2345alice2";
export const ALICE_PDS = "https://pds.example.com";

interface Repo {
  doc: unknown;
  posts: RepoRecord[];
  profile: RepoRecord | null;
  /** When set, the PDS answers every read of this repository with it. */
  error?: NetworkError;
}

export class FixtureNetwork implements AtprotoNetwork {
  readonly handles = new Map<string, string>();
  readonly repos = new Map<string, Repo>();
  readonly calls: string[] = [];
  /** When set, the PLC directory answers with it. */
  plcError: NetworkError | null = null;
  appViewProfiles = new Map<string, unknown>();

  constructor() {
    this.handles.set("alice.bsky.social", ALICE);
    this.repos.set(ALICE, {
      doc: structuredClone(aliceDid),
      posts: structuredClone(alicePosts) as RepoRecord[],
      profile: structuredClone(aliceProfile),
    });
  }

  /** A second, minimal account. */
  addAccount(did: string, handle: string, posts: { rkey: string; text: string; createdAt?: string }[] = []) {
    this.handles.set(handle, did);
    this.repos.set(did, {
      doc: {
        id: did,
        alsoKnownAs: [`at://${handle}`],
        service: [{ id: "#atproto_pds", type: "AtprotoPersonalDataServer", serviceEndpoint: ALICE_PDS }],
      },
      posts: posts.map((p) => this.record(did, p.rkey, p.text, p.createdAt)),
      profile: null,
    });
  }

  /** A new post on the PDS (newest first). */
  addPost(did: string, rkey: string, text: string, createdAt?: string) {
    this.repo(did).posts.unshift(this.record(did, rkey, text, createdAt));
  }

  record(did: string, rkey: string, text: string, createdAt = "2026-11-21T00:00:00.000Z"): RepoRecord {
    return {
      uri: `at://${did}/app.bsky.feed.post/${rkey}`,
      cid: `cid-${rkey}`,
      value: { $type: "app.bsky.feed.post", text, createdAt },
    };
  }

  repo(did: string): Repo {
    const r = this.repos.get(did);
    if (!r) throw new Error(`no fixture repo ${did}`);
    return r;
  }

  private fail(error: NetworkError): NetworkResult<never> {
    return { ok: false, error };
  }

  async resolveHandle(handle: string): Promise<NetworkResult<string>> {
    this.calls.push(`resolveHandle ${handle}`);
    const did = this.handles.get(handle);
    return did ? { ok: true, value: did } : this.fail({ code: "not_found", message: `no ${handle}` });
  }

  async resolveDid(did: string): Promise<NetworkResult<unknown>> {
    this.calls.push(`resolveDid ${did}`);
    if (this.plcError) return this.fail(this.plcError);
    const r = this.repos.get(did);
    return r ? { ok: true, value: r.doc } : this.fail({ code: "not_found", message: `${did}: 404` });
  }

  async listRecords(pds: string, did: string, collection: string, limit: number): Promise<NetworkResult<RepoRecord[]>> {
    this.calls.push(`listRecords ${pds} ${did} ${collection}`);
    const r = this.repos.get(did);
    if (!r) return this.fail({ code: "not_found", message: "RepoNotFound" });
    if (r.error) return this.fail(r.error);
    // The array is kept newest first, as the PDS lists records (reverse record-key order).
    return { ok: true, value: r.posts.slice(0, limit) };
  }

  async getRecord(pds: string, did: string, collection: string, rkey: string): Promise<NetworkResult<RepoRecord>> {
    this.calls.push(`getRecord ${pds} ${did} ${collection}/${rkey}`);
    const r = this.repos.get(did);
    if (!r) return this.fail({ code: "not_found", message: "RepoNotFound" });
    if (r.error) return this.fail(r.error);
    return r.profile ? { ok: true, value: r.profile } : this.fail({ code: "not_found", message: "RecordNotFound" });
  }

  async getProfile(did: string): Promise<NetworkResult<unknown>> {
    this.calls.push(`getProfile ${did}`);
    const p = this.appViewProfiles.get(did);
    return p ? { ok: true, value: p } : this.fail({ code: "not_found", message: "no AppView profile" });
  }
}
