/**
 * Posts and their visibility. Semantics (DESIGN.md, "Visibility"):
 * - public, local_public: on the local timeline; anyone may read.
 * - unlisted: anyone with the link may read; not on the local timeline.
 * - followers: the author's followers (and mentioned accounts).
 * - direct: mentioned accounts only.
 * - local_only: on the local timeline for signed-in local users; never federated.
 */
export const VISIBILITIES = ["public", "local_public", "unlisted", "followers", "direct", "local_only"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const POST_TEXT_MAX = 3000;

/** Which reactions a post's author accepts (Misskey's reaction acceptance). */
export const REACTION_ACCEPTANCES = ["all", "likes", "none"] as const;
export type ReactionAcceptance = (typeof REACTION_ACCEPTANCES)[number];
export const POST_CW_MAX = 500;

export interface AuthorSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly avatarKey: string | null;
}

export interface Post {
  readonly id: string;
  readonly author: AuthorSummary;
  readonly text: string;
  readonly cw: string | null;
  readonly visibility: Visibility;
  readonly replyToId: string | null;
  /**
   * A reply to a post of another server: that post's id on its network, opaque to the
   * core (the protocol adapter that cached it resolves it). `replyToId` is then null.
   */
  readonly replyToExternal: string | null;
  /** The first post of the thread (itself for a top-level post). */
  readonly rootId: string;
  readonly mentionIds: readonly string[];
  /** The community (or room) the post belongs to, or null for a profile post. */
  readonly communityId: string | null;
  /** Sequence number within its community (assigned by the community's Durable Object). */
  readonly seq: number | null;
  /** The quoted post, shown as a card. */
  readonly quoteId: string | null;
  /** Set on a boost (renote): the boosted post; a boost has no text of its own. */
  readonly boostOfId: string | null;
  readonly reactionAcceptance: ReactionAcceptance;
  /** Attached media is sensitive (blurred until clicked). */
  readonly sensitive: boolean;
  readonly boostsCount: number;
  readonly reactionsCount: number;
  readonly editedAt: Date | null;
  readonly createdAt: Date;
  readonly deletedAt: Date | null;
  readonly repliesCount: number;
}

/**
 * Who sees a post on the local timeline: everyone, signed-in local users only, or nobody.
 * Stored with the post so that a timeline page is one index range scan.
 */
export type LocalReach = "everyone" | "signed_in" | "none";

export function localReachOf(visibility: Visibility): LocalReach {
  if (visibility === "public" || visibility === "local_public") return "everyone";
  if (visibility === "local_only") return "signed_in";
  return "none";
}

/** A Viewer is a signed-in local account id, or null for an anonymous visitor. */
export type Viewer = string | null;

/**
 * Who sees a post on its author's profile. Stored with the post (like LocalReach) so
 * that a profile page is one range scan over a partial index.
 */
export type ProfileReach = "anyone" | "signed_in" | "followers" | "author" | "nobody";

export function profileReachOf(visibility: Visibility): ProfileReach {
  switch (visibility) {
    case "public":
    case "local_public":
    case "unlisted":
      return "anyone";
    case "local_only":
      return "signed_in";
    case "followers":
      return "followers";
    case "direct":
      return "author";
  }
}
