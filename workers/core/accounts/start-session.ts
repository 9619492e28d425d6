import type { CoreDeps } from "../deps";
import { hashSessionToken, newSessionToken, SESSION_TTL_DAYS } from "./session-token";

export async function startSession(
  deps: Pick<CoreDeps, "sessions" | "clock">,
  accountId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(deps.clock.now().getTime() + SESSION_TTL_DAYS * 86_400_000);
  await deps.sessions.create(await hashSessionToken(token), { accountId, expiresAt });
  return { token, expiresAt };
}
