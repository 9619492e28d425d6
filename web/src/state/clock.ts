// A coarse clock for relative times ("3 min ago"): one timer for the whole page.
import { signal } from "@preact/signals";

export const now = signal(Date.now());

let timer: ReturnType<typeof setInterval> | undefined;

export function startClock(intervalMs = 30_000): void {
  if (timer !== undefined) return;
  timer = setInterval(() => {
    now.value = Date.now();
  }, intervalMs);
}
