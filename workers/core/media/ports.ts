/** A local media file (R2 under MEDIA) and its place on a post. */
export interface Media {
  readonly id: string;
  readonly accountId: string;
  readonly key: string;
  readonly contentType: string;
  readonly kind: "image" | "video";
  readonly width: number | null;
  readonly height: number | null;
  readonly size: number;
  readonly alt: string;
  readonly postId: string | null;
  readonly position: number;
  readonly createdAt: Date;
}

export const MEDIA_PER_POST_MAX = 4;

export interface MediaStore {
  create(media: Omit<Media, "postId" | "position">): Promise<void>;
  findMany(ids: readonly string[]): Promise<Media[]>;
  /**
   * Attaches the account's unattached media to a post in the given order; returns how
   * many were attached (fewer means some id was not the account's, or already used).
   */
  attach(accountId: string, mediaIds: readonly string[], postId: string): Promise<number>;
  /** Media of each post, in position order. */
  forPosts(postIds: readonly string[]): Promise<Map<string, Media[]>>;
  /** Unattached uploads older than `before` (to sweep from R2 and D1). */
  orphans(before: Date, limit: number): Promise<Media[]>;
  delete(ids: readonly string[]): Promise<void>;
  /** Sets the description of the account's own media (attached or not); null when it is not theirs. */
  updateAlt(accountId: string, id: string, alt: string): Promise<Media | null>;
}
