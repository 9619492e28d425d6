import type { CoreDeps } from "../deps";
import { loginRefusal } from "../moderation/signup-control";
import { isStaff } from "../moderation/staff";
import { fail, ok, type Result } from "../shared/result";
import { type Account, isValidUsername, PASSWORD_MAX } from "./account";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password";
import { hashSessionToken } from "./session-token";
import { startSession } from "./start-session";

export async function logIn(
  deps: Pick<CoreDeps, "accounts" | "sessions" | "clock" | "moderation" | "signups">,
  input: { username: string; password: string },
): Promise<Result<{ account: Account; token: string; expiresAt: Date }>> {
  const invalid = fail<never>("invalid_credentials", "Wrong username or password.");
  if (!isValidUsername(input.username) || input.password.length > PASSWORD_MAX) return invalid;
  const found = await deps.accounts.findCredentials(input.username);
  // Hash even when the account does not exist so response time does not reveal which usernames exist.
  const matches = await verifyPassword(input.password, found?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!found || !matches) return invalid;
  // Only after the password matched, so refusals reveal nothing to someone guessing.
  const refusal = await loginRefusal(deps, found.account.id);
  if (refusal === "pending") return fail("forbidden", "Your account is waiting for a moderator's approval.");
  if (refusal === "suspended") return fail("forbidden", "This account has been suspended.");
  if (isStaff(found.account)) await deps.moderation.markStaffActive(deps.clock.now());
  return ok({ account: found.account, ...(await startSession(deps, found.account.id)) });
}

export async function logOut(deps: Pick<CoreDeps, "sessions">, token: string): Promise<void> {
  await deps.sessions.delete(await hashSessionToken(token));
}

/** The account behind a session token, or null if the token is unknown or expired. */
export async function authenticate(
  deps: Pick<CoreDeps, "accounts" | "sessions" | "clock">,
  token: string,
): Promise<Account | null> {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const session = await deps.sessions.find(await hashSessionToken(token), deps.clock.now());
  return session ? deps.accounts.findById(session.accountId) : null;
}
