import type { Account } from "../core/accounts/account";
import type { AuditEntry, ModeratedAccount, Report, SignupInvite, SignupRequest, Standing } from "../core/moderation/ports";
import type { AppDeps } from "../deps";
import { presentAccount } from "./present";

/** Wire shapes of the moderation API (documented in openapi-moderation.ts). */
export function presentStanding(s: Standing) {
  return { silenced: s.silencedAt !== null, suspended: s.suspendedAt !== null };
}

export function presentModeratedAccount(origin: string, m: ModeratedAccount) {
  return { ...presentAccount(origin, m.account), ...presentStanding(m.standing), pending: m.pending };
}

/** A reported or reporting account: local (the Account shape) or remote (handle and host). */
type Party = { id: string; username: string; displayName: string; remote: boolean; host: string | null };

async function party(deps: AppDeps, id: string | null, remote: boolean): Promise<Party | null> {
  if (!id) return null;
  if (!remote) {
    const a = await deps.accounts.findById(id);
    return a ? { id: a.id, username: a.username, displayName: a.displayName || a.username, remote: false, host: null } : null;
  }
  const r = await deps.remoteDirectory.findActor(id);
  const handle = r?.handle?.replace(/^@/, "") ?? null;
  return r ? { id: r.id, username: handle ?? r.host, displayName: handle ?? r.host, remote: true, host: r.host } : null;
}

export async function presentReports(deps: AppDeps, items: readonly Report[]) {
  return Promise.all(
    items.map(async (r) => {
      const [reporter, target] = await Promise.all([
        party(deps, r.reporterId, false),
        party(deps, r.targetAccountId, r.targetRemote),
      ]);
      const standing = await deps.moderation.standing(r.targetAccountId);
      return {
        id: r.id,
        status: r.status,
        category: r.category,
        comment: r.comment,
        reporter,
        originHost: r.originHost,
        target: target ? { ...target, ...presentStanding(standing) } : null,
        postId: r.postId,
        postText: r.postSnapshot,
        communityId: r.communityId,
        forwarded: r.forwarded,
        resolvedBy: r.resolvedBy,
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
        resolutionNote: r.resolutionNote,
        createdAt: r.createdAt.toISOString(),
      };
    }),
  );
}

export async function presentAuditLog(deps: AppDeps, items: readonly AuditEntry[]) {
  const actorIds = [...new Set(items.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const actors = new Map<string, Account>();
  for (const a of await Promise.all(actorIds.map((id) => deps.accounts.findById(id)))) if (a) actors.set(a.id, a);
  return items.map((e) => ({
    id: e.id,
    action: e.action,
    actor: e.actorId ? (actors.get(e.actorId)?.username ?? null) : null,
    targetType: e.targetType,
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    reason: e.reason,
    reportId: e.reportId,
    createdAt: e.createdAt.toISOString(),
  }));
}

export function presentSignupRequest(origin: string, r: SignupRequest) {
  return { account: presentAccount(origin, r.account), reason: r.reason, createdAt: r.createdAt.toISOString() };
}

export function presentInvite(origin: string, i: SignupInvite, now: Date) {
  const valid = i.revokedAt === null && (i.maxUses === null || i.uses < i.maxUses) && (i.expiresAt === null || i.expiresAt > now);
  return {
    code: i.code,
    url: `${origin}/signup?invite=${encodeURIComponent(i.code)}`,
    maxUses: i.maxUses,
    uses: i.uses,
    expiresAt: i.expiresAt?.toISOString() ?? null,
    revoked: i.revokedAt !== null,
    valid,
    createdAt: i.createdAt.toISOString(),
  };
}
