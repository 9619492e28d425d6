// The signed-in account. `undefined` while the first GET /api/me is in flight,
// `null` when signed out.
import { signal } from "@preact/signals";
import { type Account, api } from "../api/client";

export const session = signal<Account | null | undefined>(undefined);

export async function loadSession(): Promise<void> {
  try {
    session.value = await api.me();
  } catch {
    // 401 means signed out; an unreachable API is treated the same and screens show their own errors
    session.value = null;
  }
}

export async function logIn(username: string, password: string): Promise<void> {
  session.value = await api.login({ username, password });
}

/** Signs up; resolves to "pending" when the account waits for approval (then nobody is signed in). */
export async function signUp(
  username: string,
  password: string,
  displayName?: string,
  extra: { reason?: string; invite?: string } = {},
): Promise<"active" | "pending"> {
  const r = await api.signup({ username, password, ...(displayName ? { displayName } : {}), ...extra });
  if (r.pending) return "pending";
  session.value = r.account;
  return "active";
}

export async function logOut(): Promise<void> {
  try {
    await api.logout();
  } finally {
    session.value = null;
  }
}

/** Call after a request failed with `unauthenticated`: the cookie has expired. */
export function sessionExpired(): void {
  session.value = null;
}
