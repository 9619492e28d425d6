// Live updates: the in-page post event bus (post-events.ts) and the WebSocket client for
// community timelines (community-socket.ts, opened by the community page while it is shown).
export { CommunitySocket, type LiveState } from "./community-socket";
export { onPostEvent, publishPostEvent } from "./post-events";

export function startLive(): void {
  // Community sockets are opened per page (see state/community-feed.ts); nothing global to start.
}
