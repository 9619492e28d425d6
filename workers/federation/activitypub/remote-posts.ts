/**
 * Inbound remote posts into the bounded, expiring cache (remote_posts; bounds in
 * D1RemotePostStore's REMOTE_POST_LIMITS and FEDERATION.md):
 * - `Create(Note)` is kept only when a local account follows the actor (accepted), the
 *   Note addresses or mentions a local account, or it replies to a local post the actor
 *   may see; idempotent on the Note id. The local accounts it addresses or mentions are
 *   its audience (remote_post_audience): they get a `mention` notification (the parent's
 *   author a `reply`), see it in their home timeline, and are its only local readers
 *   when it is direct.
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
import { emojisOf } from "./custom-emoji";
import { admitsUnfollowed, friendVisibility } from "./friends";
import { actorInfo, localAccountOf } from "./inbox";
import { screenRemoteNote } from "./ingest-policy";
import { localPostOf, remoteMaySee } from "./reactions";
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
  const parsed = await parseNote(ctx, note, null, update);
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
  const audience = await localAudience(ctx, note);
  const parent = await localPostOf(ctx, note.replyTargetId);
  const repliesToLocal = parent !== null && (await remoteMaySee(ctx, parent, actorIri));
  // Friends with receive-all and relays admit posts of authors nobody here follows (friends.ts).
  if (
    audience.length === 0 &&
    !repliesToLocal &&
    !(await remotePosts.followedLocally(actorIri)) &&
    !(await admitsUnfollowed(ctx, note, actorIri))
  )
    return;
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
  const id = ids.next();
  if (!(await remotePosts.insert(id, stored.id, await parseNote(ctx, note, fetched, activity), clock.now()))) return;
  // Its local audience reads it (a direct post: only they), and hears of it once: the
  // parent's author as a reply, everyone else addressed or mentioned as a mention.
  await remotePosts.addAudience(
    id,
    audience.map((a) => a.id),
  );
  const notices = new Map<string, "reply" | "mention">(audience.map((a) => [a.id, "mention"]));
  if (repliesToLocal && parent) notices.set(parent.author.id, "reply");
  await ctx.data.notify([...notices].map(([accountId, type]) => ({ accountId, type, actorId: stored.id, postId: id })));
}

/**
 * Local accounts the Note is addressed to (to/cc) or mentions (Mention tags), at most 32
 * lookups however long the addressing (a mention flood costs nothing more).
 */
async function localAudience(ctx: Ctx, note: Note): Promise<{ id: string }[]> {
  const tags = await collect(note.getTags({ suppressError: true }));
  const candidates = [...note.toIds, ...note.ccIds, ...tags.flatMap((t) => (t instanceof Mention && t.href ? [t.href] : []))];
  const origin = new URL(ctx.canonicalOrigin);
  const local = [...new Set(candidates.filter((u) => u.host === origin.host).map((u) => u.href))].slice(0, 32);
  const found = await Promise.all(local.map((iri) => localAccountOf(ctx, new URL(iri))));
  const accounts = new Map(found.flatMap((a) => (a ? [[a.id, { id: a.id }] as const] : [])));
  return [...accounts.values()];
}

/** Visibility from addressing, as Mastodon reads it. */
export function visibilityOf(note: Pick<Note, "id" | "toIds" | "ccIds">, followers: URL | null): RemoteVisibility {
  // A bare "Public" (some servers write it) reaches us resolved against the document's
  // URL, so it reads as <the sender's host>/.../Public; as:Public is expanded by the context.
  const isPublic = (u: URL) =>
    u.href === PUBLIC_COLLECTION.href ||
    u.href === "as:Public" ||
    u.href === "Public" ||
    (note.id !== null && u.host === note.id.host && u.pathname.endsWith("/Public") && !u.search && !u.hash);
  if (note.toIds.some(isPublic)) return "public";
  if (note.ccIds.some(isPublic)) return "unlisted";
  const isFollowers = (u: URL) => (followers ? u.href === followers.href : u.pathname.endsWith("/followers"));
  return [...note.toIds, ...note.ccIds].some(isFollowers) ? "followers" : "direct";
}

export async function parseNote(ctx: Ctx, note: Note, actor: Actor | null, activity?: Create | Update): Promise<RemoteNote> {
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
    return [
      {
        url: link.href,
        type,
        mediaType,
        alt: a.name?.toString() ?? "",
        width: dimension(a.width),
        height: dimension(a.height),
        blurhash: blurhashOf(rawNote(note, activity), link.href),
      },
    ];
  });
  const tags = await collect(note.getTags({ suppressError: true }));
  const summary = note.summary?.toString() ?? null;
  return {
    iri: note.id?.href ?? "",
    url: url && /^https?:$/.test(url.protocol) ? url.href : null,
    content,
    text: plainText(content),
    cw: summary ? plainText(sanitizeHtml(summary)) || null : null,
    // kmyblue:LocalPublic counts only from an accepted, available friend (friends.ts).
    visibility: await friendVisibility(ctx, note, visibilityOf(note, actor?.followersId ?? null)),
    inReplyTo: note.replyTargetId?.href ?? null,
    publishedAt: note.published ? instantToDate(note.published) : now,
    updatedAt: note.updated ? instantToDate(note.updated) : null,
    media: media.slice(0, 16),
    emojis: await emojisOf(tags),
    sensitive: note.sensitive ?? false,
  };
}

const dimension = (n: number | null | undefined) =>
  typeof n === "number" && Number.isInteger(n) && n > 0 && n < 100_000 ? n : null;

/**
 * The Note's JSON as its server sent it, for the few terms Fedify's vocabulary lacks
 * (Mastodon's `blurhash`): Fedify keeps the received JSON on the object it parsed, the
 * activity when the Note came embedded, the Note itself when it was fetched.
 */
function rawNote(note: Note, activity?: Create | Update): Record<string, unknown> | null {
  const cached = (o: unknown) => (o as { _cachedJsonLd?: unknown } | undefined)?._cachedJsonLd;
  const own = cached(note);
  if (own && typeof own === "object") return own as Record<string, unknown>;
  const object = (cached(activity) as { object?: unknown } | undefined)?.object;
  if (object && typeof object === "object" && (object as { id?: unknown }).id === note.id?.href)
    return object as Record<string, unknown>;
  return null;
}

/** The `blurhash` of the attachment with this URL in the raw Note (a short base-83 string; anything else is dropped). */
function blurhashOf(raw: Record<string, unknown> | null, url: string): string | null {
  const list = raw?.attachment;
  for (const a of Array.isArray(list) ? list : list ? [list] : []) {
    if (!a || typeof a !== "object") continue;
    const entry = a as Record<string, unknown>;
    const href = typeof entry.url === "string" ? entry.url : (entry.url as { href?: unknown } | undefined)?.href;
    if (href !== url) continue;
    const hash = entry.blurhash ?? entry["toot:blurhash"];
    return typeof hash === "string" && /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,100}$/.test(hash) ? hash : null;
  }
  return null;
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
