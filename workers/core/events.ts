import type { FollowRequest } from "./follows/ports";
import type { Report } from "./moderation/ports";
import type { Post } from "./posts/post";

/**
 * Domain events emitted by use cases. Adapters (community Durable Objects,
 * ActivityPub delivery, ...) subscribe in the composition root; the core never
 * knows who listens.
 */
export type DomainEvent =
  | { readonly type: "post.published"; readonly post: Post }
  | { readonly type: "post.deleted"; readonly post: Post }
  /** The post's text or content warning changed (`post` is the new version). */
  | { readonly type: "post.edited"; readonly post: Post }
  | { readonly type: "reaction.added"; readonly post: Post; readonly accountId: string; readonly emoji: string }
  | { readonly type: "reaction.removed"; readonly post: Post; readonly accountId: string; readonly emoji: string }
  | {
      readonly type: "follow.created";
      readonly followerId: string;
      readonly followeeId: string;
      /** The followee accepted a follow request (they need no "followed you" notification). */
      readonly viaRequest?: boolean;
    }
  | { readonly type: "follow.removed"; readonly followerId: string; readonly followeeId: string }
  /** A local account asked to follow a locked account. */
  | { readonly type: "follow.requested"; readonly followerId: string; readonly followeeId: string }
  /** The owner of a locked account accepted or rejected a follow request (local or remote). */
  | { readonly type: "follow_request.answered"; readonly request: FollowRequest; readonly accepted: boolean }
  | { readonly type: "community.member_joined"; readonly rootId: string; readonly accountId: string }
  | { readonly type: "community.member_left"; readonly rootId: string; readonly accountId: string }
  | { readonly type: "community.join_requested"; readonly rootId: string; readonly accountId: string }
  /** Settings of a community or one of its rooms changed (slow mode, archive, visibility, ...). */
  | { readonly type: "community.updated"; readonly rootId: string; readonly communityId: string }
  /** A member's role or mute changed. */
  | { readonly type: "community.member_updated"; readonly rootId: string; readonly accountId: string }
  | { readonly type: "account.created"; readonly accountId: string }
  | { readonly type: "account.updated"; readonly accountId: string }
  // --- moderation ---
  /** A moderator suspended a local account (the ActivityPub adapter sends a Delete of the actor). */
  | { readonly type: "account.suspended"; readonly accountId: string; readonly username: string }
  /** A moderator warned a local account (the notifier tells the user, with the reason). */
  | { readonly type: "account.warned"; readonly accountId: string; readonly reason: string }
  /** A report was filed; with `report.forwarded` the ActivityPub adapter sends a Flag to the remote server. */
  | { readonly type: "report.filed"; readonly report: Report };

export interface EventSink {
  emit(event: DomainEvent): Promise<void>;
}
