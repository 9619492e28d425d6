import type { AccountStore, BlobStore, SessionStore } from "./accounts/ports";
import type { CommunityStore } from "./communities/ports";
import type { EmojiStore } from "./emojis/ports";
import type { EventSink } from "./events";
import type { FollowRequestStore, FollowStore } from "./follows/ports";
import type { MediaStore } from "./media/ports";
import type { DomainBlockStore } from "./moderation/domain-blocks";
import type { PolicyStats } from "./moderation/policies";
import type { ModerationStore, RemoteDirectory, ReportStore, SignupStore } from "./moderation/ports";
import type { NotificationStore } from "./notifications/ports";
import type { BookmarkStore, PinStore, PostStore, ReactionStore } from "./posts/ports";
import type { RelationStore } from "./relations/mutes-blocks";
import type { SearchStore } from "./search/ports";
import type { SettingsStore } from "./settings/settings";
import type { Clock, IdGenerator } from "./shared/ports";

/**
 * Everything a use case may need. Each use case asks for the narrowest
 * `Pick<CoreDeps, ...>` it uses, so tests build only that.
 */
export interface CoreDeps {
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly blobs: BlobStore;
  readonly posts: PostStore;
  readonly follows: FollowStore;
  readonly followRequests: FollowRequestStore;
  readonly communities: CommunityStore;
  readonly reactions: ReactionStore;
  readonly emojis: EmojiStore;
  readonly bookmarks: BookmarkStore;
  readonly pins: PinStore;
  readonly media: MediaStore;
  readonly notifications: NotificationStore;
  readonly search: SearchStore;
  readonly settings: SettingsStore;
  // --- moderation ---
  readonly moderation: ModerationStore;
  readonly reports: ReportStore;
  readonly signups: SignupStore;
  readonly remoteDirectory: RemoteDirectory;
  readonly domainBlocks: DomainBlockStore;
  readonly policyStats: PolicyStats;
  readonly relations: RelationStore;
  readonly events: EventSink;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}
