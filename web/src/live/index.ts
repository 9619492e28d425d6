// Live updates. For now only the in-page post event bus exists (post-events.ts); the
// WebSocket connection to the community timeline Durable Objects will start here and
// publish what it receives into that bus.
export { onPostEvent, publishPostEvent } from "./post-events";

export function startLive(): void {
  // Intentionally empty until the WebSocket endpoint exists.
}
