/**
 * Domain policies an admin sets on a remote server (Mastodon's domain blocks):
 * - `suspend`: everything from the domain is refused at the inbox before any work, what
 *   we held of it (follows both ways, cached posts, reactions) is removed, and nothing
 *   is delivered to it any more;
 * - `silence`: its posts reach only the local accounts that follow the author, never
 *   the federated timeline;
 * - `none`: only the flags apply.
 * Flags: `rejectMedia` (attachments and avatars not shown), `rejectReports` (its Flags
 * ignored: see `domainRejectsReports`), `rejectFriends` (no friend-server link).
 * A block on `example.com` also covers every subdomain (`a.example.com`).
 */
import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";

export const DOMAIN_SEVERITIES = ["suspend", "silence", "none"] as const;
export type DomainSeverity = (typeof DOMAIN_SEVERITIES)[number];

export interface DomainBlock {
  readonly domain: string;
  readonly severity: DomainSeverity;
  readonly rejectMedia: boolean;
  readonly rejectReports: boolean;
  readonly rejectFriends: boolean;
  readonly comment: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type DomainBlockInput = Pick<DomainBlock, "domain" | "severity"> &
  Partial<Pick<DomainBlock, "rejectMedia" | "rejectReports" | "rejectFriends" | "comment">>;

export interface DomainBlockStore {
  list(): Promise<DomainBlock[]>;
  /** The blocks covering any of these hosts (each host and its parent domains are looked up at once). */
  covering(hosts: readonly string[]): Promise<DomainBlock[]>;
  upsert(block: DomainBlock): Promise<void>;
  remove(domain: string): Promise<boolean>;
  /** Removes what we hold from the domain: follows both ways, cached posts, their reactions. */
  purge(domain: string): Promise<void>;
  /** Their cached public posts become unlisted (off the federated timeline). */
  unlistCached(domain: string): Promise<void>;
  /** Drops links to their media and avatars from what we cached. */
  dropCachedMedia(domain: string): Promise<void>;
}

/** A host as blocks name it: lower case, no port, no trailing dot; null when it is not a host name. */
export function normaliseDomain(input: string): string | null {
  let d = input.trim().toLowerCase();
  if (/^https?:\/\//.test(d)) {
    if (!URL.canParse(d)) return null;
    d = new URL(d).hostname;
  }
  d = d.replace(/:\d+$/, "").replace(/\.$/, "");
  if (d.length === 0 || d.length > 253) return null;
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(d)) return null;
  return d;
}

/** The host and each parent domain it belongs to (`a.b.example` → a.b.example, b.example, example). */
export function domainAndParents(host: string): string[] {
  const d = normaliseDomain(host);
  if (!d) return [];
  const parts = d.split(".");
  return parts.map((_, i) => parts.slice(i).join("."));
}

/** The strongest policy among those covering the host (suspend > silence > none; flags are or-ed). */
export function effectivePolicy(blocks: readonly DomainBlock[]): {
  severity: DomainSeverity | null;
  rejectMedia: boolean;
  rejectReports: boolean;
  rejectFriends: boolean;
} {
  const rank = { none: 0, silence: 1, suspend: 2 } as const;
  let severity: DomainSeverity | null = null;
  for (const b of blocks) if (severity === null || rank[b.severity] > rank[severity]) severity = b.severity;
  return {
    severity,
    rejectMedia: blocks.some((b) => b.rejectMedia),
    rejectReports: blocks.some((b) => b.rejectReports),
    rejectFriends: blocks.some((b) => b.rejectFriends),
  };
}

type Deps = Pick<CoreDeps, "accounts" | "domainBlocks" | "clock">;

async function isAdmin(deps: Pick<CoreDeps, "accounts">, actorId: string): Promise<boolean> {
  const role = (await deps.accounts.findById(actorId))?.role;
  return role === "admin" || role === "moderator";
}

export async function listDomainBlocks(deps: Deps, actorId: string): Promise<Result<DomainBlock[]>> {
  if (!(await isAdmin(deps, actorId))) return fail("forbidden", "Only moderators see domain blocks.");
  return ok(await deps.domainBlocks.list());
}

/**
 * Adds or changes a domain block and applies it to what we already hold: suspension
 * purges the domain, silence unlists its cached posts, rejectMedia drops media links.
 */
export async function blockDomain(
  deps: Deps,
  actorId: string,
  input: DomainBlockInput,
  ourHost: string,
): Promise<Result<DomainBlock>> {
  if (!(await isAdmin(deps, actorId))) return fail("forbidden", "Only moderators block domains.");
  const domain = normaliseDomain(input.domain);
  if (!domain) return fail("validation_failed", "That is not a domain name.");
  if (domainAndParents(ourHost).includes(domain) || domain === normaliseDomain(ourHost))
    return fail("validation_failed", "This server can't block itself.");
  const now = deps.clock.now();
  const existing = (await deps.domainBlocks.list()).find((b) => b.domain === domain);
  const block: DomainBlock = {
    domain,
    severity: input.severity,
    rejectMedia: input.rejectMedia ?? false,
    rejectReports: input.rejectReports ?? false,
    rejectFriends: input.rejectFriends ?? false,
    comment: input.comment?.trim() || null,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.domainBlocks.upsert(block);
  if (block.severity === "suspend") await deps.domainBlocks.purge(domain);
  else if (block.severity === "silence") await deps.domainBlocks.unlistCached(domain);
  if (block.rejectMedia && block.severity !== "suspend") await deps.domainBlocks.dropCachedMedia(domain);
  return ok(block);
}

export async function unblockDomain(deps: Deps, actorId: string, domain: string): Promise<Result<null>> {
  if (!(await isAdmin(deps, actorId))) return fail("forbidden", "Only moderators unblock domains.");
  const d = normaliseDomain(domain);
  if (!d || !(await deps.domainBlocks.remove(d))) return fail("not_found", "That domain is not blocked.");
  return ok(null);
}

/** The policy in force for a host (no block: severity null, no flags). */
export async function domainPolicy(deps: Pick<CoreDeps, "domainBlocks">, host: string) {
  return effectivePolicy(await deps.domainBlocks.covering(domainAndParents(host)));
}

/**
 * Whether reports (ActivityPub `Flag`) from this domain are ignored: the domain (or a
 * parent) is suspended or has `rejectReports`. For the reports feature's inbox handler.
 */
export async function domainRejectsReports(deps: Pick<CoreDeps, "domainBlocks">, host: string): Promise<boolean> {
  const p = await domainPolicy(deps, host);
  return p.severity === "suspend" || p.rejectReports;
}

/** Whether friend-server links with this domain are refused (suspended or `rejectFriends`). */
export async function domainRejectsFriends(deps: Pick<CoreDeps, "domainBlocks">, host: string): Promise<boolean> {
  const p = await domainPolicy(deps, host);
  return p.severity === "suspend" || p.rejectFriends;
}

/** Whether we deliver nothing to this domain (suspended). */
export async function domainSuspended(deps: Pick<CoreDeps, "domainBlocks">, host: string): Promise<boolean> {
  return (await domainPolicy(deps, host)).severity === "suspend";
}
