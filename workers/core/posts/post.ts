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
  /** The first post of the thread (itself for a top-level post). */
  readonly rootId: string;
  readonly mentionIds: readonly string[];
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
