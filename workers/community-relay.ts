import type { DomainEvent } from "./core/events";
import type { AppDeps, EventListener } from "./deps";

/**
 * Subscribes the community Durable Objects to domain events that happen outside
 * them (deletes, edits, reactions, membership changes), so live clients hear about them. New posts
 * do not pass through here: they are published inside the Durable Object itself.
 */
export function communityRelay(env: Pick<Env, "COMMUNITY">, deps: () => Pick<AppDeps, "communities">): EventListener {
  return async (event: DomainEvent) => {
    switch (event.type) {
      case "post.deleted":
        if (event.post.communityId)
          await env.COMMUNITY.getByName(event.post.communityId).postDeleted(event.post.communityId, event.post.id);
        return;
      case "post.edited":
        if (event.post.communityId)
          await env.COMMUNITY.getByName(event.post.communityId).postUpdated(event.post.communityId, event.post.id);
        return;
      case "reaction.added":
      case "reaction.removed":
        if (event.post.communityId)
          await env.COMMUNITY.getByName(event.post.communityId).reactionsChanged(
            event.post.communityId,
            event.post.id,
            event.post.visibility === "local_only",
          );
        return;
      case "community.member_joined":
      case "community.member_left": {
        const tree = await deps().communities.tree(event.rootId);
        const kind = event.type === "community.member_joined" ? "joined" : "left";
        const root = tree.find((c) => c.id === event.rootId);
        await Promise.all(
          tree.map((c) =>
            env.COMMUNITY.getByName(c.id).memberEvent(
              c.id,
              kind,
              event.accountId,
              c.visibility === "members" || root?.visibility === "members",
            ),
          ),
        );
        return;
      }
      case "community.updated": {
        // Settings (slow mode, archive, visibility) apply to the next post at once.
        const tree = await deps().communities.tree(event.rootId);
        await Promise.all(tree.map((c) => env.COMMUNITY.getByName(c.id).invalidate()));
        return;
      }
      case "community.member_updated": {
        const tree = await deps().communities.tree(event.rootId);
        await Promise.all(tree.map((c) => env.COMMUNITY.getByName(c.id).invalidate(event.accountId)));
        return;
      }
      default:
        return;
    }
  };
}
