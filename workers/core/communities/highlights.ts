import type { CoreDeps } from "../deps";
import type { Post, Viewer } from "../posts/post";
import { filterVisible } from "../posts/visibility";
import { fail, ok, type Result } from "../shared/result";
import { communityAccess } from "./access";

/**
 * Timeline thinning (DESIGN.md): when a community moves faster than anyone can
 * read, show per time window the few posts that drew the most replies and reactions, plus a marker saying how many others there were.
 */
export const HIGHLIGHT_WINDOW_MINUTES = 10;
export const HIGHLIGHTS_PER_WINDOW = 3;
/** Posts examined per highlights page: bounded, whatever the community's size. */
export const HIGHLIGHT_SCAN = 300;
/**
 * Above this rate a timeline is faster than a person reads (about one short post
 * every 3 seconds); the web client switches to highlights automatically.
 */
export const READABLE_POSTS_PER_MINUTE = 20;

export type HighlightItem = { kind: "post"; post: Post } | { kind: "more"; count: number; from: Date; to: Date };

/** What makes a post stand out in its window: replies and reactions (a boost counts like a reaction). */
export function score(p: Post): number {
  return p.repliesCount + p.reactionsCount + p.boostsCount;
}

/** Groups posts (newest first) into windows and keeps the top few of each, in time order within the window. */
export function thin(
  posts: readonly Post[],
  windowMinutes = HIGHLIGHT_WINDOW_MINUTES,
  keep = HIGHLIGHTS_PER_WINDOW,
): HighlightItem[] {
  const size = windowMinutes * 60_000;
  const windows = new Map<number, Post[]>();
  for (const p of posts) {
    const key = Math.floor(p.createdAt.getTime() / size);
    const list = windows.get(key) ?? [];
    list.push(p);
    windows.set(key, list);
  }
  const items: HighlightItem[] = [];
  for (const [key, list] of [...windows.entries()].sort((a, b) => b[0] - a[0])) {
    const top = [...list].sort((a, b) => score(b) - score(a) || (a.id < b.id ? 1 : -1)).slice(0, keep);
    const topIds = new Set(top.map((p) => p.id));
    for (const p of list) if (topIds.has(p.id)) items.push({ kind: "post", post: p });
    const rest = list.length - top.length;
    if (rest > 0) items.push({ kind: "more", count: rest, from: new Date(key * size), to: new Date((key + 1) * size) });
  }
  return items;
}

export async function communityHighlights(
  deps: Pick<CoreDeps, "communities" | "posts" | "follows">,
  viewer: Viewer,
  communityId: string,
  cursor: string | undefined,
): Promise<Result<{ items: HighlightItem[]; nextCursor: string | null }>> {
  const access = await communityAccess(deps, viewer, communityId);
  if (!access?.canRead) return fail("not_found", "Community not found.");
  const page = await deps.posts.communityTimeline(communityId, { limit: HIGHLIGHT_SCAN, cursor });
  const visible = await filterVisible(deps, viewer, page.items);
  return ok({ items: thin(visible), nextCursor: page.nextCursor });
}

export interface CatchUp {
  readonly sinceSeq: number;
  readonly lastSeq: number;
  readonly newPosts: number;
  readonly topPosts: Post[];
  readonly activeMembers: { accountId: string; username: string; displayName: string; posts: number }[];
  /** True when there was more than one summary's worth and the counts are lower bounds. */
  readonly truncated: boolean;
}

export const CATCH_UP_SCAN = 500;

/** What happened since the viewer's read marker (or `sinceSeq`): counts, top posts, who was active. */
export async function catchUp(
  deps: Pick<CoreDeps, "communities" | "posts" | "follows">,
  viewer: Viewer,
  communityId: string,
  sinceSeq: number | undefined,
): Promise<Result<CatchUp>> {
  const access = await communityAccess(deps, viewer, communityId);
  if (!access?.canRead) return fail("not_found", "Community not found.");
  const marker = viewer ? ((await deps.communities.readMarkers(viewer)).get(communityId) ?? 0) : 0;
  const since = sinceSeq ?? marker;
  const posts = await deps.posts.communityPostsSince(communityId, since, CATCH_UP_SCAN + 1);
  const visible = await filterVisible(deps, viewer, posts.slice(0, CATCH_UP_SCAN));
  const byAuthor = new Map<string, { accountId: string; username: string; displayName: string; posts: number }>();
  for (const p of visible) {
    const entry = byAuthor.get(p.author.id) ?? {
      accountId: p.author.id,
      username: p.author.username,
      displayName: p.author.displayName,
      posts: 0,
    };
    entry.posts++;
    byAuthor.set(p.author.id, entry);
  }
  return ok({
    sinceSeq: since,
    lastSeq: access.community.lastSeq,
    newPosts: visible.length,
    topPosts: [...visible].sort((a, b) => score(b) - score(a)).slice(0, 5),
    activeMembers: [...byAuthor.values()].sort((a, b) => b.posts - a.posts).slice(0, 10),
    truncated: posts.length > CATCH_UP_SCAN,
  });
}
