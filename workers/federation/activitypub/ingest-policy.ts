/**
 * The ingest policies for a remote Note (Create or Update), run after the origin
 * checks and before anything about it is written (not even the actor row):
 * - domain policy of the author's host: suspended → dropped (the inbox gate normally
 *   refused it already); silenced → a public Note is kept as unlisted, so it reaches
 *   only the local accounts that follow the author, and a Note of an author nobody here
 *   follows (it could only mention someone) is dropped; rejectMedia → attachments dropped;
 * - prohibited words → dropped; mention cap, and the stricter cap when no local account
 *   follows the author (a stranger) → dropped; sensitive words → content warning forced;
 * - unknown-sender policy `drop`: a stranger's Note (kept only because it addresses a
 *   local account, i.e. it would notify) is dropped. Under `filter` it is kept, and the
 *   notification it causes belongs in the recipient's filtered tab
 *   (`remoteNotificationVerdict`).
 * A dropped Note is acknowledged like any other (202: ActivityPub has no "refused"
 * answer a sender acts on) and counted in policy_hits.
 */
import type { InboxContext } from "@fedify/fedify";
import { Emoji, Mention, type Note, PUBLIC_COLLECTION } from "@fedify/vocab";
import { domainPolicy } from "../../core/moderation/domain-blocks";
import { type PolicyRule, screenPost } from "../../core/moderation/policies";
import { getSettings } from "../../core/settings/settings";
import type { FederationDeps } from "./context";
import { plainText } from "./remote-posts";
import { sanitizeHtml } from "./sanitize-html";

type Ctx = InboxContext<FederationDeps>;

/** Mention tags counted, at most this many (beyond any cap an admin can set). */
const MENTIONS_COUNTED = 1001;

/** The Note as it may be stored (possibly changed), or null when a policy drops it. */
export async function screenRemoteNote(ctx: Ctx, actorIri: string, note: Note): Promise<Note | null> {
  const { settings: store, remotePosts, policyStats, clock } = ctx.data;
  const hit = (rule: PolicyRule) => policyStats.hit(rule, clock.now());
  const domain = await domainPolicy(ctx.data, new URL(actorIri).hostname);
  if (domain.severity === "suspend") {
    await hit("domain_suspended");
    return null;
  }
  const settings = await getSettings({ settings: store });
  const stranger = !(await remotePosts.followedLocally(actorIri));
  const text = plainText(sanitizeHtml(note.content?.toString() ?? ""));
  const summary = note.summary?.toString() ?? null;
  const cw = summary ? plainText(sanitizeHtml(summary)) || null : null;
  const verdict = screenPost(settings, { text, cw, mentions: await countMentionTags(note), stranger });
  if (verdict.kind === "reject") {
    await hit(verdict.rule);
    return null;
  }
  if (stranger && domain.severity === "silence") {
    await hit("domain_silenced");
    return null;
  }
  if (stranger && settings.unknownSenderPolicy === "drop") {
    await hit("unknown_sender");
    return null;
  }
  let screened = note;
  if (verdict.cw !== cw) {
    await hit("sensitive_word");
    screened = screened.clone({ summary: verdict.cw, sensitive: true });
  }
  if (domain.rejectMedia) {
    // Attachments and custom emoji images both go (the text keeps `:shortcode:`).
    const tags = await collectTags(screened);
    const kept = tags.filter((t) => !(t instanceof Emoji));
    if ((await hasAttachments(screened)) || kept.length < tags.length) {
      await hit("domain_reject_media");
      screened = screened.clone({ attachments: [], tags: kept });
    }
  }
  if (domain.severity === "silence" && screened.toIds.some(isPublic)) {
    await hit("domain_silenced");
    // Public moves from `to` to `cc`: read as unlisted, off the federated timeline.
    screened = screened.clone({ tos: screened.toIds.filter((u) => !isPublic(u)), ccs: [...screened.ccIds, PUBLIC_COLLECTION] });
  }
  return screened;
}

const isPublic = (u: URL) => u.href === PUBLIC_COLLECTION.href || u.href === "as:Public" || u.href === "Public";

async function hasAttachments(note: Note): Promise<boolean> {
  try {
    for await (const _ of note.getAttachments({ suppressError: true })) return true;
  } catch {
    return true;
  }
  return false;
}

/** The Note's embedded tags (nothing is fetched). */
async function collectTags(note: Note) {
  const tags = [];
  try {
    for await (const tag of note.getTags({ suppressError: true })) tags.push(tag);
  } catch {
    // what we read so far
  }
  return tags;
}

/** Distinct Mention tags (embedded; nothing is fetched). */
async function countMentionTags(note: Note): Promise<number> {
  const seen = new Set<string>();
  try {
    for await (const tag of note.getTags({ suppressError: true })) {
      if (tag instanceof Mention && tag.href) seen.add(tag.href.href);
      if (seen.size >= MENTIONS_COUNTED) break;
    }
  } catch {
    // what we counted so far
  }
  return seen.size;
}
