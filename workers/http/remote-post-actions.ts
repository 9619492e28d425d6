/**
 * Reacting to and boosting cached remote posts, as the API sees it: a protocol adapter
 * (ActivityPub today: federation/activitypub/remote-interactions.ts) stores the
 * interaction and tells the remote server. The composition root puts one on the context
 * (`c.get("remoteActions")`); without one, remote post ids are simply not found.
 * The post routes fall back to it when an id names no local post, so clients use the
 * same endpoints for both.
 */
import type { Result } from "../core/shared/result";
import type { RemotePost } from "../db/d1-remote-post-store";

type Account = { readonly id: string; readonly username: string };

export interface RemotePostActions {
  /** The cached remote post with this id (our id, as the API presents it), or null. */
  find(postId: string): Promise<RemotePost | null>;
  react(account: Account, postId: string, emoji: string): Promise<Result<RemotePost>>;
  unreact(account: Account, postId: string, emoji: string): Promise<Result<RemotePost>>;
  boost(account: Account, postId: string): Promise<Result<RemotePost>>;
  unboost(account: Account, postId: string): Promise<Result<RemotePost>>;
}
