import type { Viewer } from "../posts/post";

export interface SearchStore {
  /**
   * Ids of non-deleted, non-boost posts whose text or content warning contains `query`,
   * newest first, at most `limit`: only posts of the kinds `viewer` may find (public and
   * local_public; local_only when signed in; the viewer's own posts). Community access
   * is checked by the caller.
   */
  postIds(query: string, viewer: Viewer, limit: number): Promise<string[]>;
  /** Ids of accounts whose username starts with, or display name contains, `query`. */
  accountIds(query: string, limit: number): Promise<string[]>;
  /** Hashtags starting with `prefix` (already normalised), most used first. */
  hashtags(prefix: string, limit: number): Promise<string[]>;
}
