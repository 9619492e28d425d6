// Pure helpers that apply an update event to a post wherever it appears: the post itself,
// the original inside a boost, or a quote card.
import type { InnerPost, Post, Reaction } from "../api/client";
import type { PostEvent } from "./post-events";

/** Live counts replace ours; our own `me` flags stay (the server does not know who is watching). */
export function mergeReactions(current: readonly Reaction[], counts: readonly { emoji: string; count: number }[]): Reaction[] {
  const mine = new Set(current.filter((r) => r.me).map((r) => r.emoji));
  return counts.filter((r) => r.count > 0).map((r) => ({ emoji: r.emoji, count: r.count, me: mine.has(r.emoji) }));
}

function applyInner<T extends InnerPost>(post: T, event: PostEvent): T {
  if (event.kind === "updated") {
    if (post.id === event.post.id) return { ...post, ...event.post, quote: event.post.quote ?? post.quote };
    if (post.quote && post.quote.id === event.post.id) return { ...post, quote: { ...post.quote, ...event.post } };
    return post;
  }
  if (event.kind === "reactions") {
    const total = (rs: readonly { count: number }[]) => rs.reduce((n, r) => n + r.count, 0);
    if (post.id === event.postId) {
      return { ...post, reactions: mergeReactions(post.reactions, event.reactions), reactionsCount: total(event.reactions) };
    }
    return post;
  }
  return post;
}

/** The post after `event` (the same object when nothing changed). */
export function applyPostEvent(post: Post, event: PostEvent): Post {
  const self = applyInner(post, event);
  const boostOf = self.boostOf ? applyInner(self.boostOf, event) : self.boostOf;
  return boostOf === self.boostOf ? self : { ...self, boostOf };
}
