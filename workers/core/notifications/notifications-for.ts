import type { CoreDeps } from "../deps";
import type { DomainEvent } from "../events";
import type { Post } from "../posts/post";
import { canView } from "../posts/visibility";
import type { Notification, NotificationType } from "./ports";

type Deps = Pick<CoreDeps, "posts" | "follows" | "communities" | "notifications" | "ids" | "clock">;

/** For one post, one notification per recipient: a reply outranks a quote, which outranks a mention. */
const RANK: Partial<Record<NotificationType, number>> = { reply: 3, quote: 2, mention: 1 };

/**
 * Which notifications a domain event causes. Rules: never to the actor themself, and
 * never about a post the recipient may not read (`canView`: a reply in a members-only
 * community does not reach a non-member, a followers-only post does not reach a
 * non-follower).
 */
export async function notificationsFor(deps: Deps, event: DomainEvent): Promise<Notification[]> {
  const now = deps.clock.now();
  const make = (
    accountId: string,
    type: NotificationType,
    actorId: string,
    extra: { postId?: string; communityId?: string; emoji?: string } = {},
  ): Notification => ({
    id: deps.ids.next(),
    accountId,
    type,
    actorId,
    postId: extra.postId ?? null,
    communityId: extra.communityId ?? null,
    emoji: extra.emoji ?? null,
    createdAt: now,
  });

  switch (event.type) {
    case "post.published":
      return forPost(deps, event.post, make);
    case "reaction.added": {
      const recipient = event.post.author.id;
      if (recipient === event.accountId || !(await canView(deps, recipient, event.post))) return [];
      return [make(recipient, "reaction", event.accountId, { postId: event.post.id, emoji: event.emoji })];
    }
    case "follow.created":
      if (event.followerId === event.followeeId || event.viaRequest) return [];
      return [make(event.followeeId, "follow", event.followerId)];
    case "follow.requested":
      if (event.followerId === event.followeeId) return [];
      return [make(event.followeeId, "follow_request", event.followerId)];
    case "community.join_requested": {
      const moderators = await deps.notifications.communityModerators(event.rootId);
      return moderators
        .filter((id) => id !== event.accountId)
        .map((id) => make(id, "community_join_request", event.accountId, { communityId: event.rootId }));
    }
    // --- moderation: a warning carries the moderator's reason, and comes from "the moderators" ---
    case "account.warned":
      return [{ ...make(event.accountId, "moderation_warning", event.accountId), text: event.reason }];
    default:
      return [];
  }
}

async function forPost(
  deps: Deps,
  post: Post,
  make: (accountId: string, type: NotificationType, actorId: string, extra?: { postId?: string }) => Notification,
): Promise<Notification[]> {
  const actor = post.author.id;
  if (post.boostOfId) {
    // A boost: tell the boosted post's author, about their own post.
    const boosted = await deps.posts.findById(post.boostOfId);
    if (!boosted || boosted.author.id === actor || !(await canView(deps, boosted.author.id, post))) return [];
    return [make(boosted.author.id, "boost", actor, { postId: boosted.id })];
  }
  const wanted = new Map<string, NotificationType>();
  const want = (recipient: string | undefined, type: NotificationType) => {
    if (!recipient || recipient === actor) return;
    const had = wanted.get(recipient);
    if (!had || (RANK[type] ?? 0) > (RANK[had] ?? 0)) wanted.set(recipient, type);
  };
  for (const id of post.mentionIds) want(id, "mention");
  const [parent, quoted] = await Promise.all([
    post.replyToId ? deps.posts.findById(post.replyToId) : null,
    post.quoteId ? deps.posts.findById(post.quoteId) : null,
  ]);
  want(parent?.author.id, "reply");
  want(quoted?.author.id, "quote");
  const out: Notification[] = [];
  for (const [recipient, type] of wanted) {
    if (await canView(deps, recipient, post)) out.push(make(recipient, type, actor, { postId: post.id }));
  }
  return out;
}
