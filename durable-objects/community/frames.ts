/**
 * Frames pushed to WebSocket clients of a community. Every frame that changes the
 * timeline carries the community's sequence number; a client resumes with the last
 * seq it saw (`?since=`). Frames are always sent as a JSON array (a batch).
 */
export type Frame =
  | { type: "hello"; communityId: string; lastSeq: number; postsPerMinute: number }
  | { type: "post"; seq: number; post: unknown }
  | { type: "post.deleted"; seq: number; postId: string }
  /** A post was edited: its new version, viewer-neutral like `post`. */
  | { type: "post.updated"; seq: number; post: unknown }
  /** A post's reaction counts changed (clients fetch their own `me` marks). */
  | { type: "reactions"; seq: number; postId: string; reactions: { emoji: string; count: number }[] }
  | { type: "member"; seq: number; event: "joined" | "left"; accountId: string }
  /** The client missed more than can be replayed: reload the timeline over HTTP. */
  | { type: "resync"; lastSeq: number }
  | { type: "rate"; postsPerMinute: number };

export interface StoredFrame {
  readonly seq: number;
  readonly frame: Frame;
  /** local_only posts go to signed-in viewers only. */
  readonly signedInOnly: boolean;
}

export interface SocketAttachment {
  readonly accountId: string | null;
  readonly communityId: string;
}
