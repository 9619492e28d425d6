import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";

export type SignupMode = "open" | "approval" | "invite" | "closed";
export type UnknownSenderPolicy = "allow" | "filter" | "drop";

/**
 * Server-wide settings an admin edits (GET/PATCH /api/admin/settings). Each feature
 * owns its fields; every field has a default, so a fresh server needs no setup and a
 * stored value of the wrong type (an old or hand-edited row) falls back to it.
 */
export interface InstanceSettings {
  // Friend servers (kmyblue-compatible)
  /** Accept incoming friend requests without waiting for an admin. */
  readonly autoAcceptFriends: boolean;
  /** Posts can't be local_public here: they fall back to unlisted, and the composer says so. */
  readonly forbidLocalPublic: boolean;
  // Moderation
  readonly signupMode: SignupMode;
  /** A post containing one of these is refused. */
  readonly prohibitedWords: readonly string[];
  /** A post containing one of these gets a content warning. */
  readonly sensitiveWords: readonly string[];
  /** Most mentions one post may carry. */
  readonly mentionLimit: number;
  /** Most mentions a post from an account nobody here follows may carry. */
  readonly strangerMentionLimit: number;
  /** What happens to a notification from a remote account nobody here follows. */
  readonly unknownSenderPolicy: UnknownSenderPolicy;
  /** Remote accounts first seen here less than this many hours ago don't notify (0: off). */
  readonly newAccountHoldHours: number;
  /** Inbox activities one remote actor may deliver per minute (token bucket; also the burst). */
  readonly inboxActorPerMinute: number;
  /** Inbox activities one remote server may deliver per minute (token bucket; also the burst). */
  readonly inboxPeerPerMinute: number;
  /** Posts (outside communities, whose rooms have their own limit) one account may publish per minute (token bucket; also the burst). */
  readonly postsPerMinute: number;
}

export const DEFAULT_SETTINGS: InstanceSettings = {
  autoAcceptFriends: false,
  forbidLocalPublic: false,
  signupMode: "open",
  prohibitedWords: [],
  sensitiveWords: [],
  mentionLimit: 20,
  strangerMentionLimit: 5,
  unknownSenderPolicy: "allow",
  newAccountHoldHours: 0,
  inboxActorPerMinute: 60,
  inboxPeerPerMinute: 600,
  postsPerMinute: 30,
};

export type SettingsPatch = Partial<{ -readonly [K in keyof InstanceSettings]: InstanceSettings[K] }>;

export interface SettingsStore {
  /** Every stored value by key (a handful of small rows). */
  load(): Promise<Record<string, unknown>>;
  /** Stores the given fields in one batch. */
  save(patch: SettingsPatch, at: Date): Promise<void>;
}

function sameShape(stored: unknown, fallback: unknown): boolean {
  if (Array.isArray(fallback)) return Array.isArray(stored) && stored.every((s) => typeof s === "string");
  return typeof stored === typeof fallback;
}

/** The effective settings: stored values over the defaults. */
export async function getSettings(deps: Pick<CoreDeps, "settings">): Promise<InstanceSettings> {
  const stored = await deps.settings.load();
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    if (key in stored && sameShape(stored[key], fallback)) merged[key] = stored[key];
  }
  return merged as unknown as InstanceSettings;
}

export async function canManageSettings(deps: Pick<CoreDeps, "accounts">, actorId: string): Promise<boolean> {
  return (await deps.accounts.findById(actorId))?.role === "admin";
}

/** An admin changes some settings (input already validated at the edge); returns the new effective settings. */
export async function updateSettings(
  deps: Pick<CoreDeps, "accounts" | "settings" | "clock">,
  actorId: string,
  patch: SettingsPatch,
): Promise<Result<InstanceSettings>> {
  if (!(await canManageSettings(deps, actorId))) return fail("forbidden", "Only admins change server settings.");
  if (patch.strangerMentionLimit !== undefined || patch.mentionLimit !== undefined) {
    const current = await getSettings(deps);
    const limit = patch.mentionLimit ?? current.mentionLimit;
    const stranger = patch.strangerMentionLimit ?? current.strangerMentionLimit;
    if (stranger > limit) return fail("validation_failed", "The stranger mention limit can't exceed the mention limit.");
  }
  const normalised: SettingsPatch = { ...patch };
  for (const key of ["prohibitedWords", "sensitiveWords"] as const) {
    const words = patch[key];
    if (words) normalised[key] = [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))];
  }
  await deps.settings.save(normalised, deps.clock.now());
  return ok(await getSettings(deps));
}
