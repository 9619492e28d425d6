// Typed client for /api/follow-requests: who asks to follow a locked account (local or
// remote), and the owner's answers.
import * as v from "valibot";
import { enc, pageQuery, request, send } from "./client";

export const FollowRequestSchema = v.object({
  id: v.string(),
  createdAt: v.string(),
  account: v.object({
    id: v.string(),
    username: v.nullable(v.string()),
    acct: v.string(),
    displayName: v.string(),
    avatarUrl: v.nullable(v.string()),
    remote: v.optional(v.boolean(), false),
  }),
});
export type FollowRequest = v.InferOutput<typeof FollowRequestSchema>;

const FollowRequestPage = v.object({ items: v.array(FollowRequestSchema), nextCursor: v.nullable(v.string()) });

export const followRequestsApi = {
  list: (cursor?: string | null) => request(FollowRequestPage, "GET", `/api/follow-requests?${pageQuery(cursor, 40)}`),
  accept: async (id: string): Promise<void> => {
    await send("POST", `/api/follow-requests/${enc(id)}/accept`);
  },
  reject: async (id: string): Promise<void> => {
    await send("POST", `/api/follow-requests/${enc(id)}/reject`);
  },
};
