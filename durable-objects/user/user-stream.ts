import { DurableObject } from "cloudflare:workers";
import { type Notification, UNREAD_CAP } from "../../workers/core/notifications/ports";
import { buildDeps } from "../../workers/deps";
import { presentNotifications } from "../../workers/http/notification-view";
import type { UserFrame, UserSocketAttachment } from "./frames";

/**
 * One Durable Object per account (addressed by account id): the account's live stream.
 * It holds only hibernating WebSockets, no data; notifications live in D1. When nobody
 * is connected a push costs one RPC and no D1 read. `fetch` is only the WebSocket
 * upgrade; the Worker authenticates before forwarding it.
 */
export class UserStream extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  /** New notifications for this account (already stored): presented per socket and pushed with the unread count. */
  async notify(notifications: readonly Notification[]): Promise<void> {
    const sockets = this.ctx.getWebSockets();
    const first = sockets[0]?.deserializeAttachment() as UserSocketAttachment | null | undefined;
    if (!first) return;
    const deps = buildDeps(this.env);
    const [readUpTo, count] = await Promise.all([
      deps.notifications.readMarker(first.accountId),
      deps.notifications.unreadCount(first.accountId, UNREAD_CAP),
    ]);
    const items = await presentNotifications(deps, first.origin, first.accountId, readUpTo, notifications);
    this.send([...items.map((notification) => ({ type: "notification" as const, notification })), { type: "unread", count }]);
  }

  /** The read marker moved (another tab or device read them): push the new count. */
  async unreadChanged(): Promise<void> {
    const first = this.ctx.getWebSockets()[0]?.deserializeAttachment() as UserSocketAttachment | null | undefined;
    if (!first) return;
    const count = await buildDeps(this.env).notifications.unreadCount(first.accountId, UNREAD_CAP);
    this.send([{ type: "unread", count }]);
  }

  async connections(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  private send(frames: UserFrame[]): void {
    const message = JSON.stringify(frames);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(message);
      } catch {
        // A socket that closed mid-send is cleaned up by the runtime.
      }
    }
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    const accountId = request.headers.get("x-account-id");
    if (!accountId) return new Response("missing account", { status: 400 });
    const origin = request.headers.get("x-origin") ?? "";
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ accountId, origin } satisfies UserSocketAttachment);
    const count = await buildDeps(this.env).notifications.unreadCount(accountId, UNREAD_CAP);
    server.send(
      JSON.stringify([
        { type: "hello", accountId },
        { type: "unread", count },
      ] satisfies UserFrame[]),
    );
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(): Promise<void> {
    // Clients only ping (answered by the auto-response without waking us); anything else is ignored.
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
    } catch {
      // already closed
    }
  }
}
