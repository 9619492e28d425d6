import type { CoreDeps } from "../deps";
import type { Page } from "../shared/ports";
import { fail, ok, type Result } from "../shared/result";
import { type Access, communityAccess } from "./access";
import type { MemberRole } from "./community";
import type { Invite, JoinRequest, Member } from "./ports";

type Deps = Pick<CoreDeps, "communities" | "clock" | "events">;

export type JoinOutcome = { status: "joined" } | { status: "requested" };

/**
 * Joining follows the root community's policy: open joins at once, approval files a
 * request for moderators, invite needs a valid invite code (which also works for the
 * other policies). Members-only communities are not discoverable: without an invite,
 * a non-member gets "not found" for them, as for any other path.
 */
export async function joinCommunity(
  deps: Deps,
  actorId: string,
  communityId: string,
  input: { inviteCode?: string; message?: string },
): Promise<Result<JoinOutcome>> {
  const community = await deps.communities.findById(communityId);
  if (!community) return fail("not_found", "Community not found.");
  const access = await communityAccess(deps, actorId, community);
  if (!access) return fail("not_found", "Community not found.");
  const { root } = access;
  if (access.membership) return ok({ status: "joined" });
  const now = deps.clock.now();
  if (input.inviteCode) {
    const invitedTo = await deps.communities.redeemInvite(input.inviteCode, now);
    if (invitedTo === null) return fail("forbidden", "This invite is invalid, used up or expired.");
    const invitedRoot = (await deps.communities.findById(invitedTo))?.rootId;
    if (invitedRoot !== root.id) return fail("forbidden", "This invite is for another community.");
    return admit(deps, root.id, actorId);
  }
  if (!access.canRead) return fail("not_found", "Community not found.");
  if (root.archivedAt) return fail("forbidden", "This community is archived.");
  switch (root.joinPolicy) {
    case "open":
      return admit(deps, root.id, actorId);
    case "approval":
      if (await deps.communities.addJoinRequest(root.id, actorId, (input.message ?? "").slice(0, 500), now)) {
        await deps.events.emit({ type: "community.join_requested", rootId: root.id, accountId: actorId });
      }
      return ok({ status: "requested" });
    case "invite":
      return fail("forbidden", "This community is invite-only.");
  }
}

async function admit(deps: Deps, rootId: string, accountId: string): Promise<Result<JoinOutcome>> {
  await deps.communities.removeJoinRequest(rootId, accountId);
  if (await deps.communities.addMember(rootId, accountId, "member", deps.clock.now())) {
    await deps.events.emit({ type: "community.member_joined", rootId, accountId });
  }
  return ok({ status: "joined" });
}

export async function leaveCommunity(deps: Deps, actorId: string, communityId: string): Promise<Result<null>> {
  const access = await communityAccess(deps, actorId, communityId);
  if (!access?.canRead) return fail("not_found", "Community not found.");
  if (access.membership?.role === "owner")
    return fail("validation_failed", "The owner cannot leave; hand the community over first.");
  await deps.communities.removeJoinRequest(access.root.id, actorId);
  if (await deps.communities.removeMember(access.root.id, actorId)) {
    await deps.events.emit({ type: "community.member_left", rootId: access.root.id, accountId: actorId });
  }
  return ok(null);
}

async function moderatorAccess(
  deps: Pick<CoreDeps, "communities">,
  actorId: string,
  communityId: string,
): Promise<Result<Access>> {
  const access = await communityAccess(deps, actorId, communityId);
  if (!access?.canRead) return fail("not_found", "Community not found.");
  if (!access.isModerator) return fail("forbidden", "Only moderators can do this.");
  return ok(access);
}

export async function listJoinRequests(deps: Deps, actorId: string, communityId: string): Promise<Result<JoinRequest[]>> {
  const access = await moderatorAccess(deps, actorId, communityId);
  if (!access.ok) return access;
  return ok(await deps.communities.joinRequests(access.value.root.id, 100));
}

export async function decideJoinRequest(
  deps: Deps,
  actorId: string,
  communityId: string,
  accountId: string,
  approve: boolean,
): Promise<Result<null>> {
  const access = await moderatorAccess(deps, actorId, communityId);
  if (!access.ok) return access;
  const rootId = access.value.root.id;
  if (!(await deps.communities.hasJoinRequest(rootId, accountId))) return fail("not_found", "No such join request.");
  if (approve) {
    const r = await admit(deps, rootId, accountId);
    if (!r.ok) return r;
  } else {
    await deps.communities.removeJoinRequest(rootId, accountId);
  }
  return ok(null);
}

export const INVITE_MAX_USES = 1000;

export async function createInvite(
  deps: Pick<CoreDeps, "communities" | "clock">,
  actorId: string,
  communityId: string,
  input: { maxUses?: number | null; expiresInHours?: number | null },
): Promise<Result<Invite>> {
  const access = await moderatorAccess(deps, actorId, communityId);
  if (!access.ok) return access;
  const maxUses = input.maxUses ?? null;
  if (maxUses !== null && (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > INVITE_MAX_USES)) {
    return fail("validation_failed", `maxUses must be 1–${INVITE_MAX_USES}.`);
  }
  const hours = input.expiresInHours ?? null;
  if (hours !== null && (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 365)) {
    return fail("validation_failed", "expiresInHours must be between 0 and 8760.");
  }
  const now = deps.clock.now();
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const code = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
  const invite: Invite = {
    code,
    communityId: access.value.root.id,
    createdBy: actorId,
    maxUses,
    uses: 0,
    expiresAt: hours === null ? null : new Date(now.getTime() + hours * 3_600_000),
    createdAt: now,
  };
  await deps.communities.createInvite(invite);
  return ok(invite);
}

export async function listMembers(
  deps: Pick<CoreDeps, "communities">,
  viewer: string | null,
  communityId: string,
  after?: string,
): Promise<Result<Page<Member>>> {
  const access = await communityAccess(deps, viewer, communityId);
  if (!access?.canRead) return fail("not_found", "Community not found.");
  return ok(await deps.communities.members(access.root.id, 50, after));
}

/** Owners appoint moderators; moderators mute members (not other moderators). */
export async function updateMember(
  deps: Pick<CoreDeps, "communities" | "clock" | "events">,
  actorId: string,
  communityId: string,
  accountId: string,
  input: { role?: Exclude<MemberRole, "owner">; mutedForSeconds?: number },
): Promise<Result<null>> {
  const access = await moderatorAccess(deps, actorId, communityId);
  if (!access.ok) return access;
  const rootId = access.value.root.id;
  const target = await deps.communities.membership(rootId, accountId);
  if (!target) return fail("not_found", "Not a member.");
  if (target.role === "owner") return fail("forbidden", "The owner cannot be changed.");
  if (input.role !== undefined) {
    if (access.value.membership?.role !== "owner") return fail("forbidden", "Only the owner appoints moderators.");
    await deps.communities.setMemberRole(rootId, accountId, input.role);
  }
  if (input.mutedForSeconds !== undefined) {
    if (target.role === "moderator" && access.value.membership?.role !== "owner")
      return fail("forbidden", "Moderators cannot mute moderators.");
    const s = input.mutedForSeconds;
    if (!Number.isInteger(s) || s < 0 || s > 365 * 86_400)
      return fail("validation_failed", "mutedForSeconds must be 0–31536000.");
    await deps.communities.muteMember(rootId, accountId, s === 0 ? null : new Date(deps.clock.now().getTime() + s * 1000));
  }
  await deps.events.emit({ type: "community.member_updated", rootId, accountId });
  return ok(null);
}

/** Moderators remove a member (not the owner, and only the owner removes moderators). */
export async function removeMember(deps: Deps, actorId: string, communityId: string, accountId: string): Promise<Result<null>> {
  const access = await moderatorAccess(deps, actorId, communityId);
  if (!access.ok) return access;
  const rootId = access.value.root.id;
  const target = await deps.communities.membership(rootId, accountId);
  if (!target) return fail("not_found", "Not a member.");
  if (target.role === "owner") return fail("forbidden", "The owner cannot be removed.");
  if (target.role === "moderator" && access.value.membership?.role !== "owner")
    return fail("forbidden", "Only the owner removes moderators.");
  if (await deps.communities.removeMember(rootId, accountId)) {
    await deps.events.emit({ type: "community.member_left", rootId, accountId });
  }
  return ok(null);
}
