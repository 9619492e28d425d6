import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { extractMentions } from "./mentions";
import { POST_CW_MAX, POST_TEXT_MAX, type Post, VISIBILITIES, type Visibility } from "./post";
import { canView } from "./visibility";

export interface PublishPostInput {
  readonly text: string;
  readonly visibility?: Visibility;
  readonly cw?: string | null;
  readonly replyToId?: string | null;
}

export interface PreparedPost {
  readonly text: string;
  readonly cw: string | null;
  readonly visibility: Visibility;
  readonly parent: Post | null;
  readonly mentionIds: string[];
}

/** Characters as a person counts them (code points, not UTF-16 units). */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Validation and resolution shared by every way of publishing (profile or community). */
export async function preparePost(
  deps: Pick<CoreDeps, "accounts" | "posts" | "follows" | "communities">,
  authorId: string,
  input: PublishPostInput,
): Promise<Result<PreparedPost>> {
  const text = input.text.trim();
  const cw = input.cw?.trim() || null;
  const visibility = input.visibility ?? "public";
  if (!VISIBILITIES.includes(visibility)) return fail("validation_failed", "Unknown visibility.");
  if (text.length === 0) return fail("validation_failed", "A post needs some text.");
  if (textLength(text) > POST_TEXT_MAX) return fail("validation_failed", `Posts are limited to ${POST_TEXT_MAX} characters.`);
  if (cw && textLength(cw) > POST_CW_MAX)
    return fail("validation_failed", `Content warnings are limited to ${POST_CW_MAX} characters.`);

  let parent: Post | null = null;
  if (input.replyToId) {
    parent = await deps.posts.findById(input.replyToId);
    if (!parent || !(await canView(deps, authorId, parent))) return fail("not_found", "The post you reply to does not exist.");
  }
  const mentioned = await Promise.all(extractMentions(text).map((u) => deps.accounts.findByUsername(u)));
  const mentionIds = [...new Set(mentioned.flatMap((a) => (a ? [a.id] : [])))].filter((id) => id !== authorId);
  return ok({ text, cw, visibility, parent, mentionIds });
}
