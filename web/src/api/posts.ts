// Typed client for reactions, boosts, bookmarks, pins, edits, custom emoji, search and
// hashtag timelines (see workers/http/openapi.ts). Every response is checked with valibot.
import * as v from "valibot";
import { AccountSchema, CustomEmojiSchema, enc, PageSchema, PostEnvelope, PostSchema, pageQuery, request, send } from "./client";
import { CommunitySchema } from "./communities";

/** An account as listed under a reaction (tolerant: only id and username are required). */
const ReactorSchema = v.object({
  id: v.string(),
  username: v.string(),
  displayName: v.optional(v.string(), ""),
  avatarUrl: v.optional(v.nullable(v.string()), null),
});
export type Reactor = v.InferOutput<typeof ReactorSchema>;

const ReactionListSchema = v.object({
  items: v.array(v.object({ emoji: v.string(), count: v.number(), accounts: v.optional(v.array(ReactorSchema), []) })),
});
export type ReactionDetail = v.InferOutput<typeof ReactionListSchema>["items"][number];

const EmojiListSchema = v.object({ items: v.array(CustomEmojiSchema) });
const HistorySchema = v.object({
  items: v.array(v.object({ text: v.string(), cw: v.optional(v.nullable(v.string()), null), replacedAt: v.string() })),
});
export type HistoryEntry = v.InferOutput<typeof HistorySchema>["items"][number];

const PinnedSchema = v.object({ items: v.array(PostSchema) });

const SearchSchema = v.object({
  posts: v.optional(v.array(PostSchema), []),
  accounts: v.optional(v.array(AccountSchema), []),
  hashtags: v.optional(v.array(v.object({ tag: v.string() })), []),
  communities: v.optional(v.array(CommunitySchema), []),
});
export type SearchResults = v.InferOutput<typeof SearchSchema>;
export const SEARCH_TYPES = ["posts", "accounts", "hashtags", "communities"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

const post = async (method: string, path: string, json?: unknown) =>
  (await request(PostEnvelope, method, path, json === undefined ? undefined : { json })).post;

export const postsApi = {
  react: (id: string, emoji: string) => post("POST", `/api/posts/${enc(id)}/reactions`, { emoji }),
  unreact: (id: string, emoji: string) => post("DELETE", `/api/posts/${enc(id)}/reactions/${enc(emoji)}`),
  reactions: async (id: string) => (await request(ReactionListSchema, "GET", `/api/posts/${enc(id)}/reactions`)).items,

  boost: (id: string) => post("POST", `/api/posts/${enc(id)}/boost`),
  unboost: (id: string) => post("DELETE", `/api/posts/${enc(id)}/boost`),
  bookmark: (id: string) => post("POST", `/api/posts/${enc(id)}/bookmark`),
  unbookmark: (id: string) => post("DELETE", `/api/posts/${enc(id)}/bookmark`),
  pin: (id: string) => post("POST", `/api/posts/${enc(id)}/pin`),
  unpin: (id: string) => post("DELETE", `/api/posts/${enc(id)}/pin`),

  edit: (id: string, input: { text: string; cw: string | null }) => post("PATCH", `/api/posts/${enc(id)}`, input),
  history: async (id: string) => (await request(HistorySchema, "GET", `/api/posts/${enc(id)}/history`)).items,

  bookmarks: (cursor?: string | null) => request(PageSchema, "GET", `/api/bookmarks?${pageQuery(cursor)}`),
  pinned: async (username: string) => (await request(PinnedSchema, "GET", `/api/accounts/${enc(username)}/pinned`)).items,
  tagTimeline: (tag: string, cursor?: string | null) =>
    request(PageSchema, "GET", `/api/timelines/tag/${enc(tag)}?${pageQuery(cursor)}`),
  search: (q: string, type: SearchType) =>
    request(SearchSchema, "GET", `/api/search?${new URLSearchParams({ q, type }).toString()}`),

  emojis: async () => (await request(EmojiListSchema, "GET", "/api/emojis")).items,
  addEmoji: async (input: { shortcode: string; file: File; category?: string }) => {
    const form = new FormData();
    form.append("shortcode", input.shortcode);
    form.append("file", input.file);
    if (input.category) form.append("category", input.category);
    await send("POST", "/api/admin/emojis", { form });
  },
  deleteEmoji: async (shortcode: string): Promise<void> => {
    await send("DELETE", `/api/admin/emojis/${enc(shortcode)}`);
  },
};
