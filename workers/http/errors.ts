import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { DomainError, ErrorCode } from "../core/shared/result";
import type { AppContext } from "./context";

/** HTTP-only error codes, on top of the core's. */
export type HttpErrorCode = ErrorCode | "malformed_json" | "csrf_rejected" | "method_not_allowed" | "bad_gateway";

/** Where each error code becomes a status: the only place. */
const STATUS: Record<HttpErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  malformed_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  reaction_not_accepted: 403,
  csrf_rejected: 403,
  not_found: 404,
  method_not_allowed: 405,
  username_taken: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  content_rejected: 422,
  too_many_mentions: 422,
  rate_limited: 429,
  bad_gateway: 502,
  unavailable: 503,
};

export function errorResponse(c: AppContext, code: HttpErrorCode, message: string, retryAfter?: number): Response {
  if (retryAfter !== undefined) c.header("Retry-After", String(Math.max(1, Math.ceil(retryAfter))));
  return c.json({ error: { code, message } }, STATUS[code]);
}

export function domainErrorResponse(c: AppContext, error: DomainError): Response {
  return errorResponse(c, error.code, error.message, error.retryAfter);
}
