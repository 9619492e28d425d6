import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { extractMentions } from "./mentions";
import { localReachOf, POST_CW_MAX, POST_TEXT_MAX, type Post, VISIBILITIES, type Visibility } from "./post";
import { canView } from "./visibility";

export interface PublishPostInput {
  readonly text: string;
  readonly visibility?: Visibility;
  readonly cw?: string | null;
  readonly replyToId?: string | null;
}

/** Characters as a person counts them (code points, not UTF-16 units). */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export async function publishPost(
  deps: Pick<CoreDeps, "accounts" | "posts" | "follows" | "clock" | "ids" | "events">,
  authorId: string,
  input: PublishPostInput,
): Promise<Result<Post>> {
  const text = input.text.trim();
  const cw = input.cw?.trim() || null;
  const visibility = input.visibility ?? "public";
  if (!VISIBILITIES.includes(visibility)) return fail("validation_failed", "Unknown visibility.");
  if (text.length === 0) return fail("validation_failed", "A post needs some text.");
  if (textLength(text) > POST_TEXT_MAX) return fail("validation_failed", `Posts are limited to ${POST_TEXT_MAX} characters.`);
  if (cw && textLength(cw) > POST_CW_MAX)
    return fail("validation_failed", `Content warnings are limited to ${POST_CW_MAX} characters.`);

  let rootId: string | null = null;
  if (input.replyToId) {
    const parent = await deps.posts.findById(input.replyToId);
    if (!parent || !(await canView(deps, authorId, parent))) return fail("not_found", "The post you reply to does not exist.");
    rootId = parent.rootId;
  }

  const mentioned = await Promise.all(extractMentions(text).map((u) => deps.accounts.findByUsername(u)));
  const mentionIds = [...new Set(mentioned.flatMap((a) => (a ? [a.id] : [])))].filter((id) => id !== authorId);

  const id = deps.ids.next();
  const post = await deps.posts.insert(
    {
      id,
      authorId,
      text,
      cw,
      visibility,
      replyToId: input.replyToId ?? null,
      rootId: rootId ?? id,
      mentionIds,
      localReach: localReachOf(visibility),
      createdAt: deps.clock.now(),
    },
    { followersOf: visibility === "direct" ? null : authorId, accountIds: [authorId, ...mentionIds] },
  );
  await deps.events.emit({ type: "post.published", post });
  return ok(post);
}
