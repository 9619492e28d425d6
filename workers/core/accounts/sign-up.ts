import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { type Account, DISPLAY_NAME_MAX, isValidUsername, PASSWORD_MAX, PASSWORD_MIN } from "./account";
import { hashPassword } from "./password";
import { startSession } from "./start-session";

export interface SignUpInput {
  readonly username: string;
  readonly password: string;
  readonly displayName?: string;
}

export async function signUp(
  deps: Pick<CoreDeps, "accounts" | "sessions" | "clock" | "ids" | "events">,
  input: SignUpInput,
): Promise<Result<{ account: Account; token: string; expiresAt: Date }>> {
  const created = await createAccount(deps, input);
  if (!created.ok) return created;
  return ok({ account: created.value, ...(await startSession(deps, created.value.id)) });
}

/** Validates and creates the account (emitting `account.created`), without a session. */
export async function createAccount(
  deps: Pick<CoreDeps, "accounts" | "clock" | "ids" | "events">,
  input: SignUpInput,
): Promise<Result<Account>> {
  if (!isValidUsername(input.username)) {
    return fail("validation_failed", "Username must be 1–30 letters, digits or underscores.");
  }
  if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX) {
    return fail("validation_failed", `Password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters.`);
  }
  const displayName = (input.displayName ?? "").trim();
  if (displayName.length > DISPLAY_NAME_MAX) {
    return fail("validation_failed", `Display name must be at most ${DISPLAY_NAME_MAX} characters.`);
  }
  // Cheap existence check first so a taken name does not cost a slow hash.
  if (await deps.accounts.findByUsername(input.username)) return fail("username_taken", "That username is taken.");
  const account = await deps.accounts.create({
    id: deps.ids.next(),
    username: input.username,
    displayName,
    passwordHash: await hashPassword(input.password),
    createdAt: deps.clock.now(),
  });
  if (!account) return fail("username_taken", "That username is taken.");
  await deps.events.emit({ type: "account.created", accountId: account.id });
  return ok(account);
}
