/**
 * Fedify runs on the Temporal polyfill (workerd has no global Temporal), but its
 * types name the global `Temporal`: the two are the same shape, so we cast here, once.
 */
import { Temporal as Polyfill } from "@js-temporal/polyfill";

export function toInstant(date: Date): Temporal.Instant {
  return Polyfill.Instant.fromEpochMilliseconds(date.getTime()) as unknown as Temporal.Instant;
}

export function toDuration(like: { seconds?: number; minutes?: number; hours?: number; days?: number }): Temporal.Duration {
  return Polyfill.Duration.from(like) as unknown as Temporal.Duration;
}

export function instantToDate(instant: Temporal.Instant): Date {
  return new Date(instant.epochMilliseconds);
}
