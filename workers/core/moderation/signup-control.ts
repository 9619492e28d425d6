import type { Account } from "../accounts/account";
import { createAccount, type SignUpInput } from "../accounts/sign-up";
import { startSession } from "../accounts/start-session";
import type { CoreDeps } from "../deps";
import { getSettings } from "../settings/settings";
import { fail, ok, type Result } from "../shared/result";
import type { SignupInvite, SignupRequest } from "./ports";
import { requireStaff } from "./staff";

/**
 * Signups per client IP: at most SIGNUP_RATE.max attempts in a fixed window of
 * SIGNUP_RATE.windowMs (counted in D1 before any other work; a refused attempt counts
 * too). A fixed window lets a client make at most 2 x max attempts across a window
 * boundary; that is the documented bound.
 */
export const SIGNUP_RATE = { max: 5, windowMs: 60 * 60 * 1000 } as const;
export const SIGNUP_REASON_MAX = 500;

type Deps = Pick<CoreDeps, "accounts" | "sessions" | "clock" | "ids" | "events" | "settings" | "moderation" | "signups">;

export type SignupOutcome =
  | { readonly status: "active"; readonly account: Account; readonly token: string; readonly expiresAt: Date }
  | { readonly status: "pending"; readonly account: Account };

/**
 * Sign-up under the server's signup mode:
 * - open: as before;
 * - approval: the account is created but waits in the moderators' queue and can't log
 *   in; the reason the person gave goes with it (a valid invite skips the queue);
 * - invite: a valid invite code (use count and expiry) is required;
 * - closed: refused.
 * The very first account is always admitted (it becomes the admin). `ip` is the
 * client's address (CF-Connecting-IP) when known; without one nothing is counted.
 */
export async function signUpControlled(
  deps: Deps,
  input: SignUpInput & { reason?: string; invite?: string; ip?: string | null },
): Promise<Result<SignupOutcome>> {
  const now = deps.clock.now();
  if (input.ip) {
    const windowStart = new Date(now.getTime() - (now.getTime() % SIGNUP_RATE.windowMs));
    const attempts = await deps.signups.countAttempt(input.ip, windowStart, SIGNUP_RATE.windowMs);
    if (attempts > SIGNUP_RATE.max) {
      const retryAfter = (windowStart.getTime() + SIGNUP_RATE.windowMs - now.getTime()) / 1000;
      return fail("rate_limited", "Too many signups from your network. Try again later.", { retryAfter });
    }
  }
  const reason = (input.reason ?? "").trim();
  if (reason.length > SIGNUP_REASON_MAX)
    return fail("validation_failed", `The reason is at most ${SIGNUP_REASON_MAX} characters.`);

  const { signupMode } = await getSettings(deps);
  // Only a restricted server needs to know whether this is its very first account.
  const first = signupMode !== "open" && !(await deps.moderation.hasAccounts());
  let invited = false;
  if (!first) {
    if (signupMode === "closed") return fail("forbidden", "Signups are closed on this server.");
    if (input.invite && signupMode !== "open") {
      invited = await deps.signups.redeemInvite(input.invite, now);
      if (!invited) return fail("forbidden", "This invite link is not valid (used up, expired or revoked).");
    }
    if (signupMode === "invite" && !invited) return fail("forbidden", "Signups on this server need an invite link.");
  }
  const pending = !first && signupMode === "approval" && !invited;
  const created = await createAccount(deps, input);
  if (!created.ok) {
    if (invited && input.invite) await deps.signups.releaseInvite(input.invite);
    return created;
  }
  const account = created.value;
  if (pending) {
    await deps.signups.addRequest(account.id, reason, now);
    return ok({ status: "pending", account });
  }
  return ok({ status: "active", account, ...(await startSession(deps, account.id)) });
}

/** Why an account may not log in now, or null. */
export async function loginRefusal(
  deps: Pick<CoreDeps, "moderation" | "signups">,
  accountId: string,
): Promise<"pending" | "suspended" | null> {
  if (await deps.signups.isPending(accountId)) return "pending";
  if ((await deps.moderation.standing(accountId)).suspendedAt) return "suspended";
  return null;
}

export async function listSignupRequests(
  deps: Pick<CoreDeps, "accounts" | "moderation" | "signups" | "clock">,
  actorId: string,
): Promise<Result<SignupRequest[]>> {
  const actor = await requireStaff(deps, actorId);
  if (!actor.ok) return actor;
  return ok(await deps.signups.requests(200));
}

/** A moderator approves (the account may log in) or rejects (the account is deleted) a pending signup. */
export async function decideSignup(
  deps: Pick<CoreDeps, "accounts" | "moderation" | "signups" | "clock" | "ids">,
  actorId: string,
  accountId: string,
  decision: "approve" | "reject",
  reason: string,
): Promise<Result<null>> {
  const actor = await requireStaff(deps, actorId);
  if (!actor.ok) return actor;
  const account = await deps.accounts.findById(accountId);
  if (!account || !(await deps.signups.isPending(accountId))) return fail("not_found", "No pending signup for that account.");
  const done = decision === "approve" ? await deps.signups.approve(accountId) : await deps.signups.reject(accountId);
  if (!done) return fail("not_found", "No pending signup for that account.");
  await deps.moderation.log({
    id: deps.ids.next(),
    actorId,
    action: decision === "approve" ? "approve_signup" : "reject_signup",
    targetType: "account",
    targetId: accountId,
    targetLabel: account.username,
    reason: reason.trim(),
    reportId: null,
    createdAt: deps.clock.now(),
  });
  return ok(null);
}

export const INVITE_MAX_USES = 1000;
export const INVITE_MAX_DAYS = 365;

/** Staff create server invite links: optional use limit and expiry (in days). */
export async function createSignupInvite(
  deps: Pick<CoreDeps, "accounts" | "moderation" | "signups" | "clock" | "ids">,
  actorId: string,
  input: { maxUses?: number | null; expiresInDays?: number | null },
): Promise<Result<SignupInvite>> {
  const actor = await requireStaff(deps, actorId);
  if (!actor.ok) return actor;
  const now = deps.clock.now();
  const invite: SignupInvite = {
    code: newInviteCode(),
    createdBy: actorId,
    maxUses: input.maxUses ?? null,
    uses: 0,
    expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    revokedAt: null,
    createdAt: now,
  };
  await deps.signups.createInvite(invite);
  await deps.moderation.log({
    id: deps.ids.next(),
    actorId,
    action: "create_invite",
    targetType: "invite",
    targetId: invite.code,
    targetLabel: invite.code,
    reason: "",
    reportId: null,
    createdAt: now,
  });
  return ok(invite);
}

export async function listSignupInvites(
  deps: Pick<CoreDeps, "accounts" | "moderation" | "signups" | "clock">,
  actorId: string,
): Promise<Result<SignupInvite[]>> {
  const actor = await requireStaff(deps, actorId);
  if (!actor.ok) return actor;
  return ok(await deps.signups.invites(200));
}

export async function revokeSignupInvite(
  deps: Pick<CoreDeps, "accounts" | "moderation" | "signups" | "clock" | "ids">,
  actorId: string,
  code: string,
): Promise<Result<null>> {
  const actor = await requireStaff(deps, actorId);
  if (!actor.ok) return actor;
  if (!(await deps.signups.revokeInvite(code, deps.clock.now()))) return fail("not_found", "No such invite.");
  await deps.moderation.log({
    id: deps.ids.next(),
    actorId,
    action: "revoke_invite",
    targetType: "invite",
    targetId: code,
    targetLabel: code,
    reason: "",
    reportId: null,
    createdAt: deps.clock.now(),
  });
  return ok(null);
}

/** 12 random bytes as URL-safe text (not guessable, short enough for a link). */
function newInviteCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}
