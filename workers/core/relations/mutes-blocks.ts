/**
 * A person's own tools against other accounts (local or remote):
 * - mute, optionally for a while: their posts leave my timelines, and (by default)
 *   their notifications leave my notifications; they notice nothing;
 * - block: mutual invisibility (neither sees the other's posts or notifications), the
 *   follows between us are removed both ways, and they can't follow me again while
 *   it lasts. For a remote account the adapter also sends ActivityPub `Block`;
 * - hide boosts: their boosts leave my timelines, their own posts stay;
 * - word filters on my timelines: `hide` drops a matching post, `warn` shows it
 *   folded behind the phrase (matching as for the server's word lists).
 * Everything is applied when I read (`viewerFilter`), never by rewriting stored timelines,
 * so lifting a mute or filter brings the posts back.
 */
import type { CoreDeps } from "../deps";
import { firstMatch } from "../moderation/policies";
import { fail, ok, type Result } from "../shared/result";
import type { NotificationFacts, NotificationPolicy } from "./notification-policy";

/** Another account, as the route resolved it: a local account id or a remote actor id. */
export interface Target {
  readonly id: string;
  readonly remote: boolean;
}

export interface RelationEntry {
  readonly targetId: string;
  readonly remote: boolean;
  /** `name` for a local account, `user@host` for a remote one. */
  readonly acct: string;
  readonly displayName: string | null;
  readonly expiresAt: Date | null;
  readonly notifications: boolean;
  readonly createdAt: Date;
}

export type WordFilterAction = "hide" | "warn";
export const WORD_FILTER_ACTIONS: readonly WordFilterAction[] = ["hide", "warn"];
export const WORD_FILTERS_MAX = 100;

export interface WordFilter {
  readonly id: string;
  readonly phrase: string;
  readonly action: WordFilterAction;
  readonly createdAt: Date;
}

export interface ViewerFilter {
  /** Accounts whose posts I don't see (muted, blocked by me, blocking me). */
  readonly hiddenAuthors: ReadonlySet<string>;
  /** Accounts whose notifications I don't get. */
  readonly hiddenNotifiers: ReadonlySet<string>;
  /** Accounts whose boosts I don't see. */
  readonly hiddenBoosters: ReadonlySet<string>;
  readonly words: readonly WordFilter[];
}

export interface RelationStore {
  mute(accountId: string, target: Target, notifications: boolean, expiresAt: Date | null, at: Date): Promise<void>;
  unmute(accountId: string, targetId: string): Promise<boolean>;
  /** Records the block and removes the follows between the two (local and remote tables). */
  block(accountId: string, target: Target, activityIri: string | null, at: Date): Promise<void>;
  /** The removed block (its activity IRI, for the Undo), or null when there was none. */
  unblock(accountId: string, targetId: string): Promise<{ activityIri: string | null } | null>;
  isBlockedEitherWay(a: string, b: string): Promise<boolean>;
  setBoostsHidden(accountId: string, targetId: string, hidden: boolean, at: Date): Promise<void>;
  mutes(accountId: string, now: Date): Promise<RelationEntry[]>;
  blocks(accountId: string): Promise<RelationEntry[]>;
  /** My state towards one account. */
  stateOf(accountId: string, targetId: string, now: Date): Promise<RelationState>;
  filterFor(accountId: string, now: Date): Promise<ViewerFilter>;
  wordFilters(accountId: string): Promise<WordFilter[]>;
  addWordFilter(accountId: string, filter: WordFilter): Promise<void>;
  removeWordFilter(accountId: string, id: string): Promise<boolean>;
  notificationPolicy(accountId: string): Promise<NotificationPolicy>;
  setNotificationPolicy(accountId: string, policy: NotificationPolicy, at: Date): Promise<void>;
  notificationFacts(accountId: string, senderIds: readonly string[], postIds: readonly string[]): Promise<NotificationFacts>;
}

export interface RelationState {
  readonly muting: boolean;
  readonly mutingNotifications: boolean;
  readonly muteExpiresAt: Date | null;
  readonly blocking: boolean;
  readonly blockedBy: boolean;
  readonly hidingBoosts: boolean;
}

type Deps = Pick<CoreDeps, "relations" | "clock">;

/** Longest timed mute: a year (longer is "until unmuted"). */
export const MUTE_MAX_SECONDS = 365 * 24 * 3600;

export async function muteAccount(
  deps: Deps,
  viewerId: string,
  target: Target,
  options: { durationSeconds?: number | null; notifications?: boolean },
): Promise<Result<RelationState>> {
  if (target.id === viewerId) return fail("validation_failed", "You can't mute yourself.");
  const now = deps.clock.now();
  const seconds = options.durationSeconds ?? null;
  if (seconds !== null && (seconds <= 0 || seconds > MUTE_MAX_SECONDS))
    return fail("validation_failed", "A mute lasts between 1 second and a year (or until you unmute).");
  const expiresAt = seconds === null ? null : new Date(now.getTime() + seconds * 1000);
  await deps.relations.mute(viewerId, target, options.notifications ?? true, expiresAt, now);
  return ok(await deps.relations.stateOf(viewerId, target.id, now));
}

export async function unmuteAccount(deps: Deps, viewerId: string, target: Target): Promise<Result<RelationState>> {
  await deps.relations.unmute(viewerId, target.id);
  return ok(await deps.relations.stateOf(viewerId, target.id, deps.clock.now()));
}

/**
 * Blocks an account. For a local one, each side's home timeline also loses the other's
 * posts. `activityIri` is the id of the Block activity the adapter sends for a remote one.
 */
export async function blockAccount(
  deps: Pick<CoreDeps, "relations" | "clock" | "posts">,
  viewerId: string,
  target: Target,
  activityIri: string | null = null,
): Promise<Result<RelationState>> {
  if (target.id === viewerId) return fail("validation_failed", "You can't block yourself.");
  const now = deps.clock.now();
  await deps.relations.block(viewerId, target, activityIri, now);
  if (!target.remote) {
    await deps.posts.removeFromHome(viewerId, target.id);
    await deps.posts.removeFromHome(target.id, viewerId);
  }
  return ok(await deps.relations.stateOf(viewerId, target.id, now));
}

export async function unblockAccount(
  deps: Deps,
  viewerId: string,
  target: Target,
): Promise<Result<{ state: RelationState; activityIri: string | null; wasBlocked: boolean }>> {
  const removed = await deps.relations.unblock(viewerId, target.id);
  const state = await deps.relations.stateOf(viewerId, target.id, deps.clock.now());
  return ok({ state, activityIri: removed?.activityIri ?? null, wasBlocked: removed !== null });
}

export async function setBoostsHidden(
  deps: Deps,
  viewerId: string,
  target: Target,
  hidden: boolean,
): Promise<Result<RelationState>> {
  if (target.id === viewerId) return fail("validation_failed", "That's you.");
  const now = deps.clock.now();
  await deps.relations.setBoostsHidden(viewerId, target.id, hidden, now);
  return ok(await deps.relations.stateOf(viewerId, target.id, now));
}

export async function addWordFilter(
  deps: Pick<CoreDeps, "relations" | "clock" | "ids">,
  viewerId: string,
  input: { phrase: string; action: WordFilterAction },
): Promise<Result<WordFilter>> {
  const phrase = input.phrase.trim();
  if (phrase.length === 0 || phrase.length > 100) return fail("validation_failed", "A filter is 1 to 100 characters.");
  const existing = await deps.relations.wordFilters(viewerId);
  if (existing.length >= WORD_FILTERS_MAX) return fail("validation_failed", `At most ${WORD_FILTERS_MAX} filters.`);
  if (existing.some((f) => f.phrase.toLowerCase() === phrase.toLowerCase()))
    return fail("conflict", "You already filter that phrase.");
  const filter: WordFilter = { id: deps.ids.next(), phrase, action: input.action, createdAt: deps.clock.now() };
  await deps.relations.addWordFilter(viewerId, filter);
  return ok(filter);
}

/** A post as the filter sees it (the presented shape is enough). */
export interface FilterablePost {
  readonly author: { readonly id: string };
  readonly text?: string | null;
  readonly cw?: string | null;
  readonly boostOf?: FilterablePost | null;
}

/**
 * What the viewer sees of a page: posts by hidden authors, hidden boosters' boosts and
 * `hide`-filtered posts go; `warn`-filtered ones carry the phrases that matched.
 */
export function applyViewerFilter<P extends FilterablePost>(
  filter: ViewerFilter,
  posts: readonly P[],
): (P & { filtered?: string[] })[] {
  const out: (P & { filtered?: string[] })[] = [];
  for (const post of posts) {
    const shown = post.boostOf ?? post;
    if (filter.hiddenAuthors.has(post.author.id) || filter.hiddenAuthors.has(shown.author.id)) continue;
    if (post.boostOf && filter.hiddenBoosters.has(post.author.id)) continue;
    const text = `${shown.cw ?? ""}\n${shown.text ?? ""}`;
    const matched = filter.words.filter((w) => firstMatch(text, [w.phrase]) !== null);
    if (matched.some((w) => w.action === "hide")) continue;
    out.push(matched.length > 0 ? { ...post, filtered: matched.map((w) => w.phrase) } : post);
  }
  return out;
}
