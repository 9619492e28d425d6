import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import type { AccountActionType, Standing } from "./ports";
import { requireStaff } from "./staff";

type Deps = Pick<CoreDeps, "accounts" | "moderation" | "remoteDirectory" | "events" | "clock" | "ids">;

export const REASON_MAX = 1000;

/**
 * A moderator acts on an account, local or remote (the id says which), with a reason
 * that goes to the audit log:
 * - warn (local only): `account.warned`, which the notifier turns into a notification carrying the reason;
 * - silence: their posts leave the local and federated timelines, followers still see them;
 * - suspend: a local account can't log in, its sessions end, its content is hidden
 *   from everyone, and `account.suspended` is emitted (the ActivityPub adapter sends a
 *   Delete of the actor); a remote actor's follows, reactions and cached posts are dropped
 *   and the inbox refuses its activities;
 * - unsilence / unsuspend undo the standing (a Delete already sent is not undone).
 * Nobody acts on an admin or on themselves; only admins act on moderators.
 */
export async function applyAccountAction(
  deps: Deps,
  actorId: string,
  targetId: string,
  input: { type: AccountActionType; reason: string; reportId?: string | null },
): Promise<Result<Standing>> {
  const actor = await requireStaff(deps, actorId);
  if (!actor.ok) return actor;
  const reason = input.reason.trim();
  if (reason.length > REASON_MAX) return fail("validation_failed", `The reason is at most ${REASON_MAX} characters.`);
  const now = deps.clock.now();

  const local = await deps.accounts.findById(targetId);
  const remote = local ? null : await deps.remoteDirectory.findActor(targetId);
  if (!local && !remote) return fail("not_found", "Account not found.");
  if (local) {
    if (local.id === actorId) return fail("forbidden", "You can't act on your own account.");
    if (local.role === "admin") return fail("forbidden", "Admins can't be moderated here.");
    if (local.role === "moderator" && actor.value.role !== "admin") return fail("forbidden", "Only admins act on moderators.");
  }
  if (remote && input.type === "warn") return fail("validation_failed", "Remote accounts can't be warned here.");

  const current = await deps.moderation.standing(targetId);
  const next: Standing = {
    silencedAt: input.type === "silence" ? (current.silencedAt ?? now) : input.type === "unsilence" ? null : current.silencedAt,
    suspendedAt:
      input.type === "suspend" ? (current.suspendedAt ?? now) : input.type === "unsuspend" ? null : current.suspendedAt,
  };
  if (input.type !== "warn") await deps.moderation.setStanding(targetId, remote !== null, next, now);

  // The notifier turns this into a notification with the reason, pushed live to the user.
  if (local && input.type === "warn") await deps.events.emit({ type: "account.warned", accountId: local.id, reason });
  if (input.type === "suspend" && !current.suspendedAt) {
    if (local) {
      await deps.moderation.revokeSessions(local.id);
      await deps.events.emit({ type: "account.suspended", accountId: local.id, username: local.username });
    } else if (remote) {
      await deps.remoteDirectory.dropActorContent(remote.id);
    }
  }
  await deps.moderation.log({
    id: deps.ids.next(),
    actorId,
    action: input.type,
    targetType: local ? "account" : "remote_actor",
    targetId,
    targetLabel: local ? local.username : (remote?.handle ?? remote?.host ?? ""),
    reason,
    reportId: input.reportId ?? null,
    createdAt: now,
  });
  return ok(next);
}
