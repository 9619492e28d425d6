import type { Community, Membership } from "../../workers/core/communities/community";
import type { CommunityStore } from "../../workers/core/communities/ports";

/** How long a cached community row or membership is trusted without an explicit invalidation. */
export const COMMUNITY_TTL_MS = 5_000;
export const MEMBERSHIP_TTL_MS = 10_000;
const MAX_MEMBERSHIPS = 10_000;

/**
 * The community Durable Object's read cache for the rows every post checks (the
 * community, its root, the author's membership). D1 stays the truth: entries
 * expire after a few seconds, and the Worker invalidates them at once when a
 * community is edited or a membership changes (see workers/community-relay.ts).
 */
export class CommunityCache {
  private readonly communities = new Map<string, { value: Community | null; until: number }>();
  private readonly memberships = new Map<string, { value: Membership | null; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  invalidate(accountId?: string): void {
    this.communities.clear();
    if (accountId === undefined) this.memberships.clear();
    else for (const key of this.memberships.keys()) if (key.endsWith(`|${accountId}`)) this.memberships.delete(key);
  }

  /** A CommunityStore that answers findById and membership from this cache, everything else from `inner`. */
  wrap(inner: CommunityStore): CommunityStore {
    const findById = async (id: string) => {
      const hit = this.communities.get(id);
      if (hit && hit.until > this.now()) return hit.value;
      const value = await inner.findById(id);
      this.communities.set(id, { value, until: this.now() + COMMUNITY_TTL_MS });
      return value;
    };
    const membership = async (rootId: string, accountId: string) => {
      const key = `${rootId}|${accountId}`;
      const hit = this.memberships.get(key);
      if (hit && hit.until > this.now()) return hit.value;
      const value = await inner.membership(rootId, accountId);
      if (this.memberships.size >= MAX_MEMBERSHIPS) this.memberships.clear();
      this.memberships.set(key, { value, until: this.now() + MEMBERSHIP_TTL_MS });
      return value;
    };
    // Everything not overridden resolves to the D1 store through the prototype chain.
    return Object.assign(Object.create(inner) as CommunityStore, { findById, membership });
  }
}
