/**
 * Inbound remote posts into the bounded, expiring cache (remote_posts; bounds in
 * D1RemotePostStore's REMOTE_POST_LIMITS and FEDERATION.md):
 * - `Create(Note)` is kept only when a local account follows the actor (accepted) or the
 *   Note addresses or mentions a local account; idempotent on the Note id.
 * - `Update(Note)` of a cached Note by its author, only when newer; an uncached one is taken as a Create.
 * - `Delete` (a Tombstone or the id) by the author: content cleared, the row kept as a
 *   tombstone, so a Create arriving later (or replayed) cannot resurrect it.
 * Origin rules (the CVE-2024-23832 class): the Note's id must be on the actor's host and
 * its `attributedTo` must be the activity's (signature-verified) actor; otherwise the
 * activity is acknowledged and nothing is stored. Remote media are kept as links only.
 */
import type { InboxContext } from "@fedify/fedify";
import {
  type Actor,
  Audio,
  type Create,
  type Delete,
  Document,
  Image,
  isActor,
  Mention,
  Note,
  PUBLIC_COLLECTION,
  type Update,
  Video,
} from "@fedify/vocab";
import type { RemoteMedia, RemoteNote, RemoteVisibility } from "../../db/d1-remote-post-store";
import type { FederationDeps } from "./context";
import { actorInfo, localAccountOf } from "./inbox";
import { screenRemoteNote } from "./ingest-policy";
import { sanitizeHtml } from "./sanitize-html";
import { instantToDate } from "./temporal";

type Ctx = InboxContext<FederationDeps>;

const sameHost = (a: URL, b: URL) => a.host.toLowerCase() === b.host.toLowerCase();

export async function onCreate(ctx: Ctx, create: Create): Promise<void> {
  const verified = await verifiedNote(ctx, create);
  const note = verified && create.actorId && (await screenRemoteNote(ctx, create.actorId.href, verified));
  if (!note || !create.actorId) return;
  await store(ctx, create, note);
}

export async function onUpdate(ctx: Ctx, update: Update): Promise<void> {
  const verified = await verifiedNote(ctx, update);
  const note = verified && update.actorId && (await screenRemoteNote(ctx, update.actorId.href, verified));
  if (!note?.id || !update.actorId) return;
  const cached = await ctx.data.remotePosts.findByIri(note.id.href);
  if (!cached) return store(ctx, update, note);
  if (cached.deleted || cached.actorIri !== update.actorId.href) return;
  const parsed = await parseNote(ctx, note, null);
  const incoming = parsed.updatedAt ?? parsed.publishedAt;
  const current = cached.updatedAt ?? cached.publishedAt;
  if (incoming.getTime() <= current.getTime()) return;
  await ctx.data.remotePosts.update(note.id.href, parsed, ctx.data.clock.now());
}

export async function onDelete(ctx: Ctx, del: Delete): Promise<void> {
  const actorId = del.actorId;
  const objectId = del.objectId;
  if (!actorId || !objectId || !sameHost(objectId, actorId)) return;
  const { remotePosts, remoteActors, ids, clock } = ctx.data;
  const cached = await remotePosts.findByIri(objectId.href);
  if (cached) {
    if (cached.actorIri !== actorId.href || cached.deleted) return;
    await remotePosts.tombstone(ids.next(), cached.author.id, objectId.href, clock.now());
    return;
  }
  // Not cached: a tombstone only for an actor we know (its row anchors the caps), so a
  // Create delivered after its Delete stays deleted.
  const actor = await remoteActors.findByIri(actorId.href);
  if (actor) await remotePosts.tombstone(ids.next(), actor.id, objectId.href, clock.now());
}

/** The activity's Note when it passes the origin rules, else null (nothing fetched from a foreign host). */
async function verifiedNote(ctx: Ctx, activity: Create | Update): Promise<Note | null> {
  const actorId = activity.actorId;
  const objectId = activity.objectId;
  if (!actorId || !objectId || !sameHost(objectId, actorId)) return null;
  const object = await activity.getObject(ctx).catch(() => null);
  if (!(object instanceof Note) || !object.id) return null;
  if (object.id.href !== objectId.href || !sameHost(object.id, actorId)) return null;
  if (object.attributionId?.href !== actorId.href) return null;
  return object;
}

async function store(ctx: Ctx, activity: Create | Update, note: Note): Promise<void> {
  const actorIri = activity.actorId?.href;
  if (!actorIri || !note.id) return;
  const { remotePosts, remoteActors, ids, clock } = ctx.data;
  const addressed = await addressesLocal(ctx, note);
  if (!addressed && !(await remotePosts.followedLocally(actorIri))) return;
  let stored = await remoteActors.findByIri(actorIri);
  let fetched: Actor | null = null;
  if (!stored) {
    const actor = await activity.getActor(ctx).catch(() => null);
    // The signature was verified for activity.actorId; the document must be that actor.
    if (!actor || !isActor(actor) || actor.id?.href !== actorIri) return;
    const info = await actorInfo(actor);
    if (!info) return;
    fetched = actor;
    stored = await remoteActors.upsert(info, ids.next(), clock.now());
  }
  await remotePosts.insert(ids.next(), stored.id, await parseNote(ctx, note, fetched), clock.now());
}

/** Whether the Note is addressed to, or mentions, a local account. */
async function addressesLocal(ctx: Ctx, note: Note): Promise<boolean> {
  const tags = await collect(note.getTags({ suppressError: true }));
  const candidates = [...note.toIds, ...note.ccIds, ...tags.flatMap((t) => (t instanceof Mention && t.href ? [t.href] : []))];
  const origin = new URL(ctx.canonicalOrigin);
  // At most 32 local lookups, however long the addressing.
  for (const iri of candidates.filter((u) => u.host === origin.host).slice(0, 32)) {
    if (iri.host !== origin.host) continue;
    if (await localAccountOf(ctx, iri)) return true;
  }
  return false;
}

/** Visibility from addressing, as Mastodon reads it. */
function visibilityOf(note: Note, followers: URL | null): RemoteVisibility {
  const isPublic = (u: URL) => u.href === PUBLIC_COLLECTION.href || u.href === "as:Public" || u.href === "Public";
  if (note.toIds.some(isPublic)) return "public";
  if (note.ccIds.some(isPublic)) return "unlisted";
  const isFollowers = (u: URL) => (followers ? u.href === followers.href : u.pathname.endsWith("/followers"));
  return [...note.toIds, ...note.ccIds].some(isFollowers) ? "followers" : "direct";
}

async function parseNote(ctx: Ctx, note: Note, actor: Actor | null): Promise<RemoteNote> {
  const content = sanitizeHtml(note.content?.toString() ?? "");
  const url = note.url instanceof URL ? note.url : (note.url?.href ?? null);
  const now = ctx.data.clock.now();
  const attachments = await collect(note.getAttachments({ suppressError: true }));
  const media: RemoteMedia[] = attachments.flatMap((a) => {
    if (!(a instanceof Document || a instanceof Image || a instanceof Video || a instanceof Audio)) return [];
    const link = a.url instanceof URL ? a.url : (a.url?.href ?? null);
    if (!link || !/^https?:$/.test(link.protocol)) return [];
    const mediaType = a.mediaType ?? null;
    const type =
      a instanceof Image || mediaType?.startsWith("image/")
        ? "image"
        : a instanceof Video || mediaType?.startsWith("video/")
          ? "video"
          : a instanceof Audio || mediaType?.startsWith("audio/")
            ? "audio"
            : "unknown";
    return [{ url: link.href, type, mediaType, alt: a.name?.toString() ?? "" }];
  });
  const summary = note.summary?.toString() ?? null;
  return {
    iri: note.id?.href ?? "",
    url: url && /^https?:$/.test(url.protocol) ? url.href : null,
    content,
    text: plainText(content),
    cw: summary ? plainText(sanitizeHtml(summary)) || null : null,
    visibility: visibilityOf(note, actor?.followersId ?? null),
    inReplyTo: note.replyTargetId?.href ?? null,
    publishedAt: note.published ? instantToDate(note.published) : now,
    updatedAt: note.updated ? instantToDate(note.updated) : null,
    media: media.slice(0, 16),
    sensitive: note.sensitive ?? false,
  };
}

/** At most 32 items of an embedded list (a failing fetch ends it). */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const item of items) {
      out.push(item);
      if (out.length >= 32) break;
    }
  } catch {
    // what we have so far
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Sanitised HTML as plain text: paragraphs and line breaks kept, tags dropped, entities decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .trim();
}
