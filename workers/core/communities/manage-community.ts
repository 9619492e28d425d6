import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { communityAccess } from "./access";
import {
  type Community,
  type CommunityVisibility,
  DESCRIPTION_MAX,
  type JoinPolicy,
  MAX_DEPTH,
  RULES_MAX,
  SLOW_MODE_MAX_SECONDS,
  SLUG_PATTERN,
  TITLE_MAX,
} from "./community";
import type { CommunityPatch } from "./ports";

export interface CreateCommunityInput {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly rules?: string;
  readonly parentId?: string | null;
  readonly joinPolicy?: JoinPolicy;
  readonly visibility?: CommunityVisibility;
}

function checkText(title: string | undefined, description: string | undefined, rules: string | undefined): Result<null> {
  if (title !== undefined && (title.trim().length === 0 || title.length > TITLE_MAX)) {
    return fail("validation_failed", `Title must be 1–${TITLE_MAX} characters.`);
  }
  if (description !== undefined && description.length > DESCRIPTION_MAX) {
    return fail("validation_failed", `Description must be at most ${DESCRIPTION_MAX} characters.`);
  }
  if (rules !== undefined && rules.length > RULES_MAX)
    return fail("validation_failed", `Rules must be at most ${RULES_MAX} characters.`);
  return ok(null);
}

/**
 * Creates a community (any signed-in user; they become its owner) or a room inside
 * one (moderators of the root only). Rooms inherit the root's join policy and can
 * be narrower, never wider, than their parent.
 */
export async function createCommunity(
  deps: Pick<CoreDeps, "communities" | "clock" | "ids">,
  actorId: string,
  input: CreateCommunityInput,
): Promise<Result<Community>> {
  if (!SLUG_PATTERN.test(input.name)) return fail("validation_failed", "Name must be 1–40 letters, digits, _ or -.");
  const text = checkText(input.title, input.description, input.rules);
  if (!text.ok) return text;
  let parent: Community | null = null;
  if (input.parentId) {
    const access = await communityAccess(deps, actorId, input.parentId);
    if (!access?.canRead) return fail("not_found", "Parent community not found.");
    if (!access.isModerator) return fail("forbidden", "Only moderators can create rooms.");
    parent = access.community;
    if (parent.depth + 1 > MAX_DEPTH) return fail("validation_failed", `Rooms nest at most ${MAX_DEPTH} levels deep.`);
  }
  const id = deps.ids.next();
  const created = await deps.communities.create({
    id,
    slug: input.name,
    title: input.title.trim(),
    description: input.description?.trim() ?? "",
    rules: input.rules?.trim() ?? "",
    ownerId: actorId,
    parentId: parent?.id ?? null,
    rootId: parent?.rootId ?? id,
    depth: parent ? parent.depth + 1 : 0,
    joinPolicy: parent ? parent.joinPolicy : (input.joinPolicy ?? "open"),
    visibility: parent?.visibility === "members" ? "members" : (input.visibility ?? "public"),
    createdAt: deps.clock.now(),
  });
  if (!created) return fail("conflict", "A community with that name already exists.");
  return ok(created);
}

export interface UpdateCommunityInput {
  readonly title?: string;
  readonly description?: string;
  readonly rules?: string;
  readonly joinPolicy?: JoinPolicy;
  readonly visibility?: CommunityVisibility;
  readonly slowModeSeconds?: number;
  /** Move a room under another community of the same tree. */
  readonly parentId?: string;
  readonly archived?: boolean;
}

/** Moderator actions on a community or room: edit, set slow mode, move, archive. */
export async function updateCommunity(
  deps: Pick<CoreDeps, "communities" | "clock" | "events">,
  actorId: string,
  communityId: string,
  input: UpdateCommunityInput,
): Promise<Result<Community>> {
  const access = await communityAccess(deps, actorId, communityId);
  if (!access?.canRead) return fail("not_found", "Community not found.");
  if (!access.isModerator) return fail("forbidden", "Only moderators can change this community.");
  const { community, root } = access;
  const text = checkText(input.title, input.description, input.rules);
  if (!text.ok) return text;
  const patch: CommunityPatch = {};
  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.description !== undefined) patch.description = input.description.trim();
  if (input.rules !== undefined) patch.rules = input.rules.trim();
  if (input.slowModeSeconds !== undefined) {
    if (!Number.isInteger(input.slowModeSeconds) || input.slowModeSeconds < 0 || input.slowModeSeconds > SLOW_MODE_MAX_SECONDS) {
      return fail("validation_failed", `Slow mode is 0–${SLOW_MODE_MAX_SECONDS} seconds.`);
    }
    patch.slowModeSeconds = input.slowModeSeconds;
  }
  if (input.joinPolicy !== undefined) {
    if (community.parentId) return fail("validation_failed", "Rooms use their community's join policy.");
    patch.joinPolicy = input.joinPolicy;
  }
  if (input.visibility !== undefined) {
    if (input.visibility === "public" && community.parentId && root.visibility === "members") {
      return fail("validation_failed", "A room cannot be more public than its community.");
    }
    patch.visibility = input.visibility;
  }
  if (input.archived !== undefined) patch.archivedAt = input.archived ? deps.clock.now() : null;
  if (input.parentId !== undefined && input.parentId !== community.parentId) {
    const moved = await checkMove(deps, community, input.parentId);
    if (!moved.ok) return moved;
    patch.parentId = input.parentId;
    patch.depth = moved.value;
  }
  const updated = await deps.communities.update(community.id, patch);
  if (!updated) return fail("not_found", "Community not found.");
  await deps.events.emit({ type: "community.updated", rootId: updated.rootId, communityId: updated.id });
  return ok(updated);
}

/** A room may move under any community of its own tree that is not inside itself, within the depth limit. */
async function checkMove(deps: Pick<CoreDeps, "communities">, room: Community, newParentId: string): Promise<Result<number>> {
  if (!room.parentId) return fail("validation_failed", "A top-level community cannot be moved.");
  const tree = await deps.communities.tree(room.rootId);
  const byId = new Map(tree.map((c) => [c.id, c]));
  const parent = byId.get(newParentId);
  if (!parent) return fail("validation_failed", "Rooms move only within their own community.");
  for (let p: Community | undefined = parent; p; p = p.parentId ? byId.get(p.parentId) : undefined) {
    if (p.id === room.id) return fail("validation_failed", "A room cannot move inside itself.");
  }
  // The moved subtree keeps its shape: every descendant's depth shifts by the same amount.
  const subtreeHeight = (id: string): number =>
    Math.max(0, ...tree.filter((c) => c.parentId === id).map((c) => 1 + subtreeHeight(c.id)));
  const depth = parent.depth + 1;
  if (depth + subtreeHeight(room.id) > MAX_DEPTH)
    return fail("validation_failed", `Rooms nest at most ${MAX_DEPTH} levels deep.`);
  if (subtreeHeight(room.id) > 0 && depth !== room.depth) {
    // Keep it simple and correct: only leaf rooms change depth when moved.
    return fail("validation_failed", "Move the rooms inside this room first.");
  }
  return ok(depth);
}
