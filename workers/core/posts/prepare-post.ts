import type { CoreDeps } from "../deps";
import { MEDIA_PER_POST_MAX } from "../media/ports";
import { applyPostPolicy } from "../moderation/post-policy";
import { getSettings } from "../settings/settings";
import { fail, ok, type Result } from "../shared/result";
import { extractHashtags } from "./hashtags";
import { extractMentions } from "./mentions";
import type { NewPost } from "./ports";
import {
  localReachOf,
  POST_CW_MAX,
  POST_TEXT_MAX,
  type Post,
  profileReachOf,
  REACTION_ACCEPTANCES,
  type ReactionAcceptance,
  VISIBILITIES,
  type Visibility,
} from "./post";
import { resolveQuote } from "./quotes";
import { canView } from "./visibility";

export interface PublishPostInput {
  readonly text: string;
  readonly visibility?: Visibility;
  readonly cw?: string | null;
  readonly replyToId?: string | null;
  /**
   * A reply to a post of another server, by its id there (the caller checked that the
   * viewer may read it). Exclusive with `replyToId`.
   */
  readonly replyToExternal?: string | null;
  readonly quoteId?: string | null;
  /** The author's own unattached uploads, in display order. */
  readonly mediaIds?: readonly string[];
  readonly reactionAcceptance?: ReactionAcceptance;
  readonly sensitive?: boolean;
}

export interface PreparedPost {
  readonly text: string;
  readonly cw: string | null;
  readonly visibility: Visibility;
  readonly parent: Post | null;
  readonly replyToExternal: string | null;
  readonly quote: Post | null;
  readonly mentionIds: string[];
  /** Every hashtag of the text; whether they are indexed is the caller's decision. */
  readonly hashtags: string[];
  readonly mediaIds: string[];
  readonly reactionAcceptance: ReactionAcceptance;
  readonly sensitive: boolean;
}

/** Where a prepared post goes: a profile, or a community (public or members-only). */
export interface Placement {
  readonly communityId: string | null;
  /** Readable without membership (always true for profile posts). */
  readonly publicPlace: boolean;
  /** Mentioned accounts that get the post (already filtered for who may read it). */
  readonly mentionIds: readonly string[];
}

/**
 * The stored form of a prepared post: the one place that derives its reaches and
 * indexed hashtags. Community posts live in their community, not on the server-wide
 * local timeline; posts of members-only communities never show on profiles.
 */
export function draftPost(
  prepared: PreparedPost,
  place: Placement,
  ids: { id: string; authorId: string; createdAt: Date },
): Omit<NewPost, "seq"> {
  const { text, cw, visibility, parent, quote } = prepared;
  return {
    ...ids,
    text,
    cw,
    visibility,
    replyToId: parent?.id ?? null,
    replyToExternal: parent ? null : prepared.replyToExternal,
    rootId: parent?.rootId ?? ids.id,
    mentionIds: [...place.mentionIds],
    localReach: place.communityId ? "none" : localReachOf(visibility),
    profileReach: place.publicPlace ? profileReachOf(visibility) : "nobody",
    communityId: place.communityId,
    quoteId: quote?.id ?? null,
    reactionAcceptance: prepared.reactionAcceptance,
    sensitive: prepared.sensitive,
    hashtags: indexesHashtags(visibility, place.publicPlace) ? prepared.hashtags : [],
  };
}

/** Characters as a person counts them (code points, not UTF-16 units). */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Trims and checks text and content warning (shared by publishing and editing). */
export function checkText(
  rawText: string,
  rawCw: string | null | undefined,
  hasMedia: boolean,
): Result<{ text: string; cw: string | null }> {
  const text = rawText.trim();
  const cw = rawCw?.trim() || null;
  if (text.length === 0 && !hasMedia) return fail("validation_failed", "A post needs some text.");
  if (textLength(text) > POST_TEXT_MAX) return fail("validation_failed", `Posts are limited to ${POST_TEXT_MAX} characters.`);
  if (cw && textLength(cw) > POST_CW_MAX)
    return fail("validation_failed", `Content warnings are limited to ${POST_CW_MAX} characters.`);
  return ok({ text, cw });
}

/** Local accounts mentioned in `text` (never the author), resolved by username. */
export async function resolveMentions(deps: Pick<CoreDeps, "accounts">, authorId: string, text: string): Promise<string[]> {
  const mentioned = await Promise.all(extractMentions(text).map((u) => deps.accounts.findByUsername(u)));
  return [...new Set(mentioned.flatMap((a) => (a ? [a.id] : [])))].filter((id) => id !== authorId);
}

/** Checks that every id is one of the author's own uploads not yet on a post (before anything is stored). */
async function checkMedia(deps: Pick<CoreDeps, "media">, authorId: string, ids: readonly string[]): Promise<Result<string[]>> {
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length) return fail("validation_failed", "The same media is attached twice.");
  if (unique.length > MEDIA_PER_POST_MAX) return fail("validation_failed", `At most ${MEDIA_PER_POST_MAX} media per post.`);
  if (unique.length === 0) return ok([]);
  const found = await deps.media.findMany(unique);
  const usable = found.filter((m) => m.accountId === authorId && m.postId === null);
  if (usable.length !== unique.length) return fail("validation_failed", "Media must be your own uploads, not yet attached.");
  return ok(unique);
}

/**
 * Validation and resolution shared by every way of publishing (profile or community).
 * `communityId` is where the post will live (null for a profile post).
 */
export async function preparePost(
  deps: Pick<CoreDeps, "accounts" | "posts" | "follows" | "communities" | "media" | "settings" | "policyStats" | "clock">,
  authorId: string,
  input: PublishPostInput,
  communityId: string | null = null,
): Promise<Result<PreparedPost>> {
  const asked = input.visibility ?? "public";
  if (!VISIBILITIES.includes(asked)) return fail("validation_failed", "Unknown visibility.");
  // An admin may forbid local_public on this server: such posts fall back to unlisted.
  const visibility = asked === "local_public" && (await getSettings(deps)).forbidLocalPublic ? ("unlisted" as const) : asked;
  const reactionAcceptance = input.reactionAcceptance ?? "all";
  if (!REACTION_ACCEPTANCES.includes(reactionAcceptance)) return fail("validation_failed", "Unknown reaction acceptance.");
  const checked = checkText(input.text, input.cw, (input.mediaIds?.length ?? 0) > 0);
  if (!checked.ok) return checked;
  const { text } = checked.value;
  const policy = await applyPostPolicy(deps, text, checked.value.cw);
  if (!policy.ok) return policy;
  const { cw } = policy.value;

  if (input.replyToId && input.replyToExternal) return fail("validation_failed", "A post replies to one post.");
  let parent: Post | null = null;
  if (input.replyToId) {
    parent = await deps.posts.findById(input.replyToId);
    if (!parent || !(await canView(deps, authorId, parent))) return fail("not_found", "The post you reply to does not exist.");
    if (parent.boostOfId) return fail("validation_failed", "Reply to the boosted post, not to the boost.");
  }
  let quote: Post | null = null;
  if (input.quoteId) {
    const r = await resolveQuote(deps, authorId, input.quoteId, visibility, communityId ?? parent?.communityId ?? null);
    if (!r.ok) return r;
    quote = r.value;
  }
  const media = await checkMedia(deps, authorId, input.mediaIds ?? []);
  if (!media.ok) return media;
  const mentionIds = await resolveMentions(deps, authorId, text);
  return ok({
    text,
    cw,
    visibility,
    parent,
    replyToExternal: input.replyToExternal ?? null,
    quote,
    mentionIds,
    hashtags: extractHashtags([text, cw]),
    mediaIds: media.value,
    reactionAcceptance,
    sensitive: input.sensitive ?? false,
  });
}

/** Whether a post's hashtags go on the public hashtag timelines: public or local-public, in no members-only place. */
export function indexesHashtags(visibility: Visibility, publicPlace: boolean): boolean {
  return publicPlace && (visibility === "public" || visibility === "local_public");
}
