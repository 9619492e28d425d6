import type { CoreDeps } from "../deps";
import { getSettings } from "../settings/settings";

/** An open server with no staff activity for this long switches itself to approval mode. */
export const STAFF_IDLE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Run by the scheduled handler (every 10 minutes). "Staff acted" means an admin or
 * moderator logged in, opened any moderation endpoint (the report queue, accounts,
 * invites, audit log, dashboard; viewing counts, because a moderator who reads the queue
 * is on duty), or took a moderation action; each is recorded by `markStaffActive`. When
 * nothing was recorded yet, the oldest staff account's creation counts as the last
 * activity. If the server is open and staff have been idle for 7 days, signups switch
 * to approval mode, the switch goes to the audit log (by the server itself) and every
 * admin gets a notification. Mastodon 4.2.8 and Misskey do the same.
 * Returns whether it switched.
 */
export async function switchToApprovalWhenUnattended(
  deps: Pick<CoreDeps, "settings" | "moderation" | "notifications" | "clock" | "ids">,
): Promise<boolean> {
  const settings = await getSettings(deps);
  if (settings.signupMode !== "open") return false;
  const staff = await deps.moderation.staff();
  if (staff.length === 0) return false;
  const now = deps.clock.now();
  const last = (await deps.moderation.lastStaffActivity()) ?? new Date(Math.min(...staff.map((s) => s.createdAt.getTime())));
  if (now.getTime() - last.getTime() < STAFF_IDLE_MS) return false;
  await deps.settings.save({ signupMode: "approval" }, now);
  const text = "No moderator or admin has been active for 7 days, so new signups now need approval.";
  await deps.moderation.log({
    id: deps.ids.next(),
    actorId: null,
    action: "auto_approval_mode",
    targetType: "settings",
    targetId: "signupMode",
    targetLabel: "signupMode",
    reason: text,
    reportId: null,
    createdAt: now,
  });
  await deps.notifications.insertMany(
    staff
      .filter((s) => s.role === "admin")
      .map((admin) => ({
        id: deps.ids.next(),
        accountId: admin.id,
        type: "moderation_notice" as const,
        actorId: admin.id,
        postId: null,
        communityId: null,
        emoji: null,
        text,
        createdAt: now,
      })),
  );
  return true;
}
