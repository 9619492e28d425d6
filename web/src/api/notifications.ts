// Typed client for /api/notifications. Types we do not know yet still parse (as strings),
// so a newer server never breaks the page; the list renders them with a generic line.
import * as v from "valibot";
import { AuthorSchema, PostSchema, pageQuery, request, send } from "./client";

export const NOTIFICATION_TYPES = [
  "mention",
  "reply",
  "reaction",
  "boost",
  "quote",
  "follow",
  "follow_request",
  "community_join_request",
  "moderation_warning",
  "moderation_notice",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NotificationSchema = v.object({
  id: v.string(),
  type: v.string(),
  createdAt: v.string(),
  read: v.optional(v.boolean(), false),
  account: v.optional(v.nullable(AuthorSchema), null),
  post: v.optional(v.nullable(PostSchema), null),
  emoji: v.optional(v.nullable(v.string()), null),
  /** Moderation warnings and notices: the reason, as written. */
  text: v.optional(v.nullable(v.string())),
  community: v.optional(v.nullable(v.object({ id: v.string(), name: v.string(), title: v.optional(v.string(), "") })), null),
});
export type Notification = v.InferOutput<typeof NotificationSchema>;

const NotificationPageSchema = v.object({ items: v.array(NotificationSchema), nextCursor: v.nullable(v.string()) });
export type NotificationPage = v.InferOutput<typeof NotificationPageSchema>;
const UnreadSchema = v.object({ count: v.number() });

export const notificationsApi = {
  list: (cursor?: string | null) => request(NotificationPageSchema, "GET", `/api/notifications?${pageQuery(cursor)}`),
  /** What my notification filter held back (the Filtered tab). */
  filtered: (cursor?: string | null) =>
    request(NotificationPageSchema, "GET", `/api/notifications/filtered?${pageQuery(cursor)}`),
  unread: async () => (await request(UnreadSchema, "GET", "/api/notifications/unread")).count,
  markRead: async (upTo?: string): Promise<void> => {
    await send("POST", "/api/notifications/read", { json: upTo ? { upTo } : {} });
  },
};
