import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import type { Post, Viewer } from "./post";
import { canView, filterVisible } from "./visibility";

const MAX_ANCESTORS = 40;
const MAX_THREAD_POSTS = 200;

export async function getPost(
  deps: Pick<CoreDeps, "posts" | "follows" | "communities">,
  viewer: Viewer,
  id: string,
): Promise<Result<Post>> {
  const post = await deps.posts.findById(id);
  // Posts the viewer may not see are "not found", never "forbidden", so their existence does not leak.
  if (!post || !(await canView(deps, viewer, post))) return fail("not_found", "Post not found.");
  return ok(post);
}

export interface Thread {
  readonly ancestors: Post[];
  readonly post: Post;
  readonly descendants: Post[];
}

/** The post with the chain of posts it replies to and the replies below it, all filtered for the viewer. */
export async function getThread(
  deps: Pick<CoreDeps, "posts" | "follows" | "communities">,
  viewer: Viewer,
  id: string,
): Promise<Result<Thread>> {
  const found = await getPost(deps, viewer, id);
  if (!found.ok) return found;
  const post = found.value;
  const threadPosts = await deps.posts.threadPosts(post.rootId, MAX_THREAD_POSTS);
  const byId = new Map(threadPosts.map((p) => [p.id, p]));
  if (post.rootId !== post.id && !byId.has(post.rootId)) {
    const root = await deps.posts.findById(post.rootId);
    if (root) byId.set(root.id, root);
  }

  // The chain of parents (bounded), then one shared visibility pass for the whole thread.
  const chain: Post[] = [];
  let cursor = post.replyToId;
  while (cursor && chain.length < MAX_ANCESTORS) {
    const parent = byId.get(cursor) ?? (await deps.posts.findById(cursor));
    if (!parent) break;
    chain.unshift(parent);
    cursor = parent.replyToId;
  }
  const visible = new Set((await filterVisible(deps, viewer, [...chain, ...threadPosts])).map((p) => p.id));
  const ancestors = chain.filter((p) => visible.has(p.id));

  // Descendants: walk down from the post through the reply tree, depth-first, oldest first.
  const children = new Map<string, Post[]>();
  for (const p of threadPosts) {
    if (!p.replyToId) continue;
    const list = children.get(p.replyToId) ?? [];
    list.push(p);
    children.set(p.replyToId, list);
  }
  const descendants: Post[] = [];
  const walk = (parentId: string) => {
    for (const child of children.get(parentId) ?? []) {
      if (visible.has(child.id)) {
        descendants.push(child);
        walk(child.id);
      }
    }
  };
  walk(post.id);
  return ok({ ancestors, post, descendants });
}
