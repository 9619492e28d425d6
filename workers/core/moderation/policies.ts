/**
 * Ingest policies (DESIGN.md "Moderation and anti-spam"): the rules every post meets
 * before anything about it is written, whether it was composed here (prepare-post.ts)
 * or arrived in an inbox (federation/activitypub/ingest-policy.ts). The rules are pure
 * functions of the text and the settings; each hit is counted for moderators
 * (`PolicyStats`, GET /api/admin/policy-stats).
 */
import type { InstanceSettings } from "../settings/settings";

/** Every rule that can refuse or change something, as counted in policy_hits. */
export const POLICY_RULES = [
  "prohibited_word",
  "sensitive_word",
  "mention_limit",
  "stranger_mention_limit",
  "unknown_sender",
  "new_account_hold",
  "domain_suspended",
  "domain_silenced",
  "domain_reject_media",
  "inbox_rate_limit",
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export interface PolicyHit {
  readonly rule: PolicyRule;
  readonly count: number;
  readonly lastHitAt: Date | null;
}

export interface PolicyStats {
  /** Counts one hit (one small upsert). */
  hit(rule: PolicyRule, at: Date): Promise<void>;
  all(): Promise<PolicyHit[]>;
}

/** Case- and width-insensitive form for matching ("ＳＰＡＭ" matches "spam"). */
export function foldText(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

/** The first listed word the text contains (substring match on folded text), or null. */
export function firstMatch(text: string, words: readonly string[]): string | null {
  if (words.length === 0) return null;
  const folded = foldText(text);
  for (const word of words) {
    const w = foldText(word.trim());
    if (w && folded.includes(w)) return word;
  }
  return null;
}

/** Every `@name` or `@name@host` in plain text, de-duplicated (what the mention caps count). */
const ANY_MENTION = /(?<![\w@])@([A-Za-z0-9_.-]{1,64}(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)/g;
export function countMentions(text: string): number {
  const seen = new Set<string>();
  for (const m of text.matchAll(ANY_MENTION)) if (m[1]) seen.add(m[1].toLowerCase());
  return seen.size;
}

export interface ScreenInput {
  readonly text: string;
  readonly cw: string | null;
  readonly mentions: number;
  /** No local account follows the author (remote posts only; local authors are never strangers). */
  readonly stranger: boolean;
}

export type Verdict =
  | { readonly kind: "reject"; readonly rule: PolicyRule; readonly message: string }
  | { readonly kind: "accept"; readonly cw: string | null; readonly hits: readonly PolicyRule[] };

/** The content warning given to a post that names a sensitive word and has none. */
export const FORCED_CW = "Sensitive content";

/** The content rules, in order: prohibited words, mention caps, sensitive words. */
export function screenPost(settings: InstanceSettings, input: ScreenInput): Verdict {
  const whole = input.cw ? `${input.cw}\n${input.text}` : input.text;
  if (firstMatch(whole, settings.prohibitedWords) !== null)
    return { kind: "reject", rule: "prohibited_word", message: "This post contains a word that isn't allowed on this server." };
  if (input.mentions > settings.mentionLimit)
    return {
      kind: "reject",
      rule: "mention_limit",
      message: `A post may mention at most ${settings.mentionLimit} accounts.`,
    };
  if (input.stranger && input.mentions > settings.strangerMentionLimit)
    return {
      kind: "reject",
      rule: "stranger_mention_limit",
      message: `Posts from accounts nobody here follows may mention at most ${settings.strangerMentionLimit} accounts.`,
    };
  if (firstMatch(whole, settings.sensitiveWords) !== null)
    return { kind: "accept", cw: input.cw ?? FORCED_CW, hits: ["sensitive_word"] };
  return { kind: "accept", cw: input.cw, hits: [] };
}

/** The time a UUIDv7 was made (its first 48 bits), or null for any other id. */
export function uuidv7Time(id: string): Date | null {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-7/i.exec(id);
  if (!m) return null;
  return new Date(Number.parseInt(`${m[1]}${m[2]}`, 16));
}

/**
 * What happens to a notification a remote account would cause (the unknown-sender
 * policy and the new-account hold): `allow`, `filter` (into the recipient's filtered
 * notifications) or `drop`. `firstSeenAt` is when this server first stored the actor
 * (null: never, i.e. now).
 */
export function remoteNotificationVerdict(
  settings: InstanceSettings,
  sender: { readonly followedLocally: boolean; readonly firstSeenAt: Date | null },
  now: Date,
): { readonly action: "allow" | "filter" | "drop"; readonly rule: PolicyRule | null } {
  if (!sender.followedLocally && settings.unknownSenderPolicy !== "allow")
    return { action: settings.unknownSenderPolicy, rule: "unknown_sender" };
  const seen = sender.firstSeenAt ?? now;
  if (settings.newAccountHoldHours > 0 && now.getTime() - seen.getTime() < settings.newAccountHoldHours * 3_600_000)
    return { action: "filter", rule: "new_account_hold" };
  return { action: "allow", rule: null };
}
