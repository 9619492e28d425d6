// Turns any thrown value into a sentence for the user, in the current language.
// Known API codes get our own wording; anything else falls back to the server's message.
import { type MessageKey, t } from "../i18n";
import { ApiError } from "./client";

const KNOWN: Record<string, MessageKey> = {
  username_taken: "error.username_taken",
  invalid_credentials: "error.invalid_credentials",
  unauthenticated: "error.unauthenticated",
  forbidden: "error.forbidden",
  not_found: "error.not_found",
  rate_limited: "error.rate_limited",
  payload_too_large: "error.payload_too_large",
  unsupported_media_type: "error.unsupported_media_type",
  csrf_rejected: "error.csrf_rejected",
  network_error: "error.network_error",
  bad_response: "error.bad_response",
  content_rejected: "error.content_rejected",
  too_many_mentions: "error.too_many_mentions",
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    // validation_failed carries the useful detail (which field, which rule) in its message.
    if (error.code === "validation_failed") return t("error.validation_failed", { message: error.message });
    if (error.code === "rate_limited" && error.retryAfter !== null) return t("error.rate_limited_wait", { n: error.retryAfter });
    const key = KNOWN[error.code];
    if (key) return t(key);
    return error.message ? error.message : t("error.unknown", { message: error.code });
  }
  return t("error.unknown", { message: error instanceof Error ? error.message : String(error) });
}

export function isApiError(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}
