import type { NotificationJson } from "../../workers/http/notification-view";

/** Frames on a user's stream (GET /api/streaming); each WebSocket message is a JSON array of them. */
export type UserFrame =
  | { type: "hello"; accountId: string }
  | { type: "notification"; notification: NotificationJson }
  | { type: "unread"; count: number };

export interface UserSocketAttachment {
  readonly accountId: string;
  readonly origin: string;
}
