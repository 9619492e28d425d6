// Shared test data for component tests.
import type { Post } from "../api/client";

export function makePost(overrides: Partial<Post> = {}): Post {
  return {
    id: "0190a1b2-0000-7000-8000-000000000001",
    uri: "http://127.0.0.1:8787/notes/1",
    url: "http://127.0.0.1:8787/posts/1",
    text: "hello",
    cw: null,
    visibility: "public",
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    author: { id: "a1", username: "alice", displayName: "Alice", avatarUrl: null },
    replyToId: null,
    repliesCount: 0,
    mine: false,
    reactions: [],
    reactionAcceptance: "all",
    reactionsCount: 0,
    emojis: [],
    boostsCount: 0,
    boosted: false,
    bookmarked: false,
    pinned: false,
    quoteId: null,
    quote: null,
    boostOf: null,
    media: [],
    sensitive: false,
    editedAt: null,
    mentions: [],
    hashtags: [],
    ...overrides,
  };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
