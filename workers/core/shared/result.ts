/**
 * Expected failures are values with a code; exceptions are bugs.
 * The HTTP layer maps each code to a status exactly once (workers/http/errors.ts).
 */
export type ErrorCode =
  | "validation_failed"
  | "username_taken"
  | "invalid_credentials"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  /** The post's author does not take this reaction (reaction acceptance `likes` or `none`). */
  | "reaction_not_accepted"
  /** Refused by a server policy (a prohibited word). */
  | "content_rejected"
  /** More mentions than the server's mention cap allows. */
  | "too_many_mentions"
  /** A dependency (the database) failed; nothing was stored and the request may be retried. */
  | "unavailable";

export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Seconds until a retry may succeed (rate limits). */
  readonly retryAfter?: number;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, extra?: { retryAfter?: number }): Result<T> => ({
  ok: false,
  error: { code, message, ...extra },
});
