/**
 * Inbound reactions to local posts:
 * - `Like` (https://www.w3.org/TR/activitystreams-vocabulary/#dfn-like), with Misskey's
 *   emoji in `_misskey_reaction` or `content` (https://misskey-hub.net/ns#_misskey_reaction);
 *   a plain Like is ❤️.
 * - `EmojiReact` (FEP-c0e0, https://codeberg.org/fediverse/fep/src/branch/main/fep/c0e0/fep-c0e0.md),
 *   the emoji in `content`.
 * Only Unicode emoji are kept; a remote custom emoji (`:name:` with an `Emoji` tag) is
 * taken as ❤️, since its image lives on the remote server and we store no remote media.
 * The post's reaction acceptance holds (`likes`: every reaction becomes ❤️, `none`: dropped),
 * and the actor must be allowed to see the post. `Undo` of either removes it.
 */
import type { InboxContext } from "@fedify/fedify";
import { EmojiReact, isActor, type Like } from "@fedify/vocab";
import { LIKE, parseReactionEmoji } from "../../core/emojis/emoji";
import type { Post } from "../../core/posts/post";
import { isPublicPlace } from "../../core/posts/visibility";
import type { FederationDeps } from "./context";
import { actorInfo } from "./inbox";

type Ctx = InboxContext<FederationDeps>;

/** The local post a Note IRI of ours names (never a boost), or null. */
export async function localPostOf(ctx: Ctx, iri: URL | null): Promise<Post | null> {
  if (!iri) return null;
  const parsed = ctx.parseUri(iri);
  if (parsed?.type !== "object") return null;
  const id = parsed.values.id;
  if (!id) return null;
  const post = await ctx.data.posts.findById(id);
  return post && !post.boostOfId && !post.deletedAt ? post : null;
}

/**
 * Whether a remote actor may see a local post: public, unlisted and local-public posts in a
 * public place, or followers-only ones when it follows the author. Local-only and direct
 * posts never left the server.
 */
export async function remoteMaySee(ctx: Ctx, post: Post, actorIri: string): Promise<boolean> {
  if (!(await isPublicPlace(ctx.data, post))) return false;
  switch (post.visibility) {
    case "public":
    case "unlisted":
    case "local_public":
      return true;
    case "followers":
      return ctx.data.remoteActors.isFollower(post.author.id, actorIri);
    default:
      return false;
  }
}

/** The stored emoji of a reaction: a single Unicode emoji, else ❤️. */
export function reactionEmojiOf(raw: string | null): string {
  const parsed = raw ? parseReactionEmoji(raw.trim()) : null;
  return parsed?.kind === "unicode" ? parsed.emoji : LIKE;
}

/** Misskey's `_misskey_reaction`, read from the activity as received (Fedify does not model it). */
async function misskeyReaction(activity: Like): Promise<string | null> {
  const json = await activity.toJsonLd();
  const value = json && typeof json === "object" ? (json as Record<string, unknown>)._misskey_reaction : null;
  return typeof value === "string" ? value : null;
}

export async function onLike(ctx: Ctx, like: Like): Promise<void> {
  const raw = (await misskeyReaction(like)) ?? like.content?.toString() ?? null;
  await react(ctx, like, raw);
}

export async function onEmojiReact(ctx: Ctx, reaction: EmojiReact): Promise<void> {
  await react(ctx, reaction, reaction.content?.toString() ?? null);
}

async function react(ctx: Ctx, activity: Like | EmojiReact, raw: string | null): Promise<void> {
  if (!activity.actorId) return;
  const post = await localPostOf(ctx, activity.objectId);
  if (!post || post.reactionAcceptance === "none") return;
  const actorIri = activity.actorId.href;
  if (!(await remoteMaySee(ctx, post, actorIri))) return;
  const emoji = post.reactionAcceptance === "likes" ? LIKE : reactionEmojiOf(raw);
  const { remoteActors, remoteReactions, ids, clock } = ctx.data;
  let stored = await remoteActors.findByIri(actorIri);
  if (!stored) {
    const actor = await activity.getActor(ctx);
    // The signature was verified for activity.actorId; the document must be that actor.
    if (!actor || !isActor(actor) || actor.id?.href !== actorIri) return;
    const info = await actorInfo(actor);
    if (!info) return;
    stored = await remoteActors.upsert(info, ids.next(), clock.now());
  }
  await remoteReactions.add(post.id, stored.id, emoji, activity.id?.href ?? null, clock.now());
}

/** Undo of a Like or EmojiReact by its own actor: removes the reaction. */
export async function undoReaction(ctx: Ctx, actorIri: string, activity: Like | EmojiReact): Promise<void> {
  if (activity.actorId?.href !== actorIri) return;
  if (activity.id && (await ctx.data.remoteReactions.removeByActivity(actorIri, activity.id.href))) return;
  const post = await localPostOf(ctx, activity.objectId);
  if (!post) return;
  // Without a matching activity id, remove what the activity describes (a Like: any emoji).
  const emoji = activity instanceof EmojiReact ? reactionEmojiOf(activity.content?.toString() ?? null) : null;
  await ctx.data.remoteReactions.remove(post.id, actorIri, emoji);
}
