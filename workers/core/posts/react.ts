import type { CoreDeps } from "../deps";
import { LIKE, parseReactionEmoji, reactionKey } from "../emojis/emoji";
import { fail, ok, type Result } from "../shared/result";
import type { Reactors } from "./ports";
import type { Post, Viewer } from "./post";
import { canView } from "./visibility";

type ReactDeps = Pick<CoreDeps, "posts" | "reactions" | "emojis" | "follows" | "communities" | "clock" | "events">;

/** Reactions go to what was boosted, never to the boost itself. */
async function reactable(deps: ReactDeps, viewer: Viewer, postId: string): Promise<Result<Post>> {
  let post = await deps.posts.findById(postId);
  if (post?.boostOfId) post = await deps.posts.findById(post.boostOfId);
  if (!post || !(await canView(deps, viewer, post))) return fail("not_found", "Post not found.");
  return ok(post);
}

/** Checks the emoji (one Unicode emoji, or a custom emoji of this server) into its stored form. */
async function reactionEmoji(deps: Pick<CoreDeps, "emojis">, input: string): Promise<Result<string>> {
  const parsed = parseReactionEmoji(input);
  if (!parsed) return fail("validation_failed", "A reaction is one emoji or a :shortcode: of this server.");
  if (parsed.kind === "custom" && !(await deps.emojis.find(parsed.shortcode)))
    return fail("validation_failed", `There is no custom emoji :${parsed.shortcode}: on this server.`);
  return ok(reactionKey(parsed));
}

/**
 * Reacts to a post (Misskey-style): one reaction per account and emoji, idempotent.
 * The author's reaction acceptance decides: `none` takes nothing, `likes` only ❤️.
 * Reacting to your own post is allowed.
 */
export async function addReaction(deps: ReactDeps, accountId: string, postId: string, input: string): Promise<Result<Post>> {
  const found = await reactable(deps, accountId, postId);
  if (!found.ok) return found;
  const post = found.value;
  if (post.reactionAcceptance === "none") return fail("reaction_not_accepted", "This post does not take reactions.");
  const emoji = await reactionEmoji(deps, input);
  if (!emoji.ok) return emoji;
  if (post.reactionAcceptance === "likes" && emoji.value !== LIKE)
    return fail("reaction_not_accepted", `This post only takes ${LIKE}.`);
  if (await deps.reactions.add(post.id, accountId, emoji.value, deps.clock.now())) {
    await deps.events.emit({ type: "reaction.added", post, accountId, emoji: emoji.value });
  }
  return ok((await deps.posts.findById(post.id)) ?? post);
}

export async function removeReaction(deps: ReactDeps, accountId: string, postId: string, input: string): Promise<Result<Post>> {
  const found = await reactable(deps, accountId, postId);
  if (!found.ok) return found;
  const post = found.value;
  const parsed = parseReactionEmoji(input);
  if (!parsed) return fail("validation_failed", "A reaction is one emoji or a :shortcode: of this server.");
  const emoji = reactionKey(parsed);
  if (await deps.reactions.remove(post.id, accountId, emoji)) {
    await deps.events.emit({ type: "reaction.removed", post, accountId, emoji });
  }
  return ok((await deps.posts.findById(post.id)) ?? post);
}

export const REACTORS_EMOJI_MAX = 50;
export const REACTORS_PER_EMOJI = 20;

/** Who reacted with what (capped), for whoever may see the post. */
export async function listReactions(deps: ReactDeps, viewer: Viewer, postId: string): Promise<Result<Reactors[]>> {
  const found = await reactable(deps, viewer, postId);
  if (!found.ok) return found;
  return ok(await deps.reactions.reactors(found.value.id, REACTORS_EMOJI_MAX, REACTORS_PER_EMOJI));
}
