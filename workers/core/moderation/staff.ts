import type { Account, Role } from "../accounts/account";
import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";

/** Server staff: admins and moderators. Community owners/moderators are not staff (see reports.ts). */
export function isStaff(account: Pick<Account, "role"> | null): boolean {
  return account?.role === "admin" || account?.role === "moderator";
}

/**
 * The acting staff account, or a failure. Every staff request passes here, so it is
 * also where "staff acted" is recorded (the 7-day signup switch: staff-activity.ts).
 */
export async function requireStaff(
  deps: Pick<CoreDeps, "accounts" | "moderation" | "clock">,
  actorId: string,
  only?: "admin",
): Promise<Result<Account>> {
  const actor = await deps.accounts.findById(actorId);
  if (!actor || !isStaff(actor)) return fail("forbidden", "Only moderators and admins can do this.");
  if (only === "admin" && actor.role !== "admin") return fail("forbidden", "Only admins can do this.");
  await deps.moderation.markStaffActive(deps.clock.now());
  return ok(actor);
}

/** Admins grant and revoke the moderator role; the admin role itself is not changed here. */
export async function setRole(
  deps: Pick<CoreDeps, "accounts" | "moderation" | "clock" | "ids">,
  actorId: string,
  targetId: string,
  role: Exclude<Role, "admin">,
  reason: string,
): Promise<Result<Account>> {
  const actor = await requireStaff(deps, actorId, "admin");
  if (!actor.ok) return actor;
  const target = await deps.accounts.findById(targetId);
  if (!target) return fail("not_found", "Account not found.");
  if (target.role === "admin") return fail("forbidden", "An admin's role can't be changed here.");
  if (target.role !== role) {
    await deps.accounts.setRole(target.id, role);
    await deps.moderation.log({
      id: deps.ids.next(),
      actorId,
      action: role === "moderator" ? "grant_moderator" : "revoke_moderator",
      targetType: "account",
      targetId: target.id,
      targetLabel: target.username,
      reason,
      reportId: null,
      createdAt: deps.clock.now(),
    });
  }
  return ok({ ...target, role });
}
