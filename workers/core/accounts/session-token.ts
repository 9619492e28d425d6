/**
 * Session tokens are 32 random bytes given to the browser in an HttpOnly cookie;
 * only their SHA-256 is stored, so a database leak does not leak live sessions.
 */
export const SESSION_TTL_DAYS = 30;

export function newSessionToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function hashSessionToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
