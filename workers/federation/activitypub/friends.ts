/**
 * Friend servers, wire-compatible with kmyblue (DESIGN.md "Friend servers";
 * FEDERATION.md "Friend servers and relays"). Every message is between the two
 * instance actors:
 * - request: `Follow{ object: as:Public, inboxUrl }` (inboxUrl is an undeclared key:
 *   we write it into the JSON and read it from the raw JSON we received);
 * - answer: `Accept`/`Reject` with `id: "<their follow id>#accepts/friends"`
 *   (`#rejects/friends`) and the bare Follow id as object; an embedded Follow is matched too;
 * - withdraw a request: `Undo(Follow)`; end the friendship: `Delete{ object: as:Public }`.
 * The same Follow shape without inboxUrl subscribes to a relay (relays.ts).
 */
import type { Context, InboxContext } from "@fedify/fedify";
import { Accept, Delete, Follow, isActor, type Note, PUBLIC_COLLECTION, Reject, Undo } from "@fedify/vocab";
import { domainRejectsFriends } from "../../core/moderation/domain-blocks";
import { getSettings } from "../../core/settings/settings";
import { type FriendServer, isActiveFriend } from "../../db/d1-friend-store";
import type { RemoteVisibility } from "../../db/d1-remote-post-store";
import { type FederationDeps, INSTANCE_ACTOR } from "./context";

type Ctx = Context<FederationDeps>;
type InCtx = InboxContext<FederationDeps>;

/** The kmyblue audience marker for local-public posts, and its expanded IRI. */
export const LOCAL_PUBLIC = new URL("kmyblue:LocalPublic");
export const LOCAL_PUBLIC_EXPANDED = "http://kmy.blue/ns#LocalPublic";

export function isPublicIri(u: URL | null | undefined): boolean {
  return !!u && (u.href === PUBLIC_COLLECTION.href || u.href === "as:Public" || u.href === "Public");
}

export function isLocalPublicIri(u: URL): boolean {
  return u.href === LOCAL_PUBLIC.href || u.href === LOCAL_PUBLIC_EXPANDED;
}

/**
 * An activity whose JSON gets extra top-level keys: kmyblue's undeclared `inboxUrl`, and
 * `object` spelled as the full Public IRI (Fedify compacts it to `as:Public`, which
 * kmyblue does not match). The keys are added to the compact JSON Fedify sends; the
 * Linked Data signature's canonical form is unchanged (inboxUrl is not a declared term,
 * `as:Public` expands to the same IRI). A class per call, so Fedify's clones keep them.
 */
function withJson<T extends Follow | Delete>(
  Base: new (values: ConstructorParameters<typeof Follow>[0] & ConstructorParameters<typeof Delete>[0]) => T,
  values: ConstructorParameters<typeof Follow>[0] & ConstructorParameters<typeof Delete>[0],
  extra: Record<string, string>,
): T {
  const Extended = class extends (Base as unknown as typeof Follow) {
    override async toJsonLd(options?: Parameters<Follow["toJsonLd"]>[0]): Promise<unknown> {
      const json = (await super.toJsonLd(options)) as Record<string, unknown>;
      return { ...json, ...extra };
    }
  };
  return new Extended(values) as unknown as T;
}

/**
 * The instance actor's RSA key only: an Ed25519 object proof would cover the JSON
 * before inboxUrl is added, and kmyblue reads HTTP signatures anyway.
 */
export async function instanceSigner(ctx: Ctx) {
  const pairs = await ctx.getActorKeyPairs(INSTANCE_ACTOR);
  return pairs
    .filter((p) => p.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5")
    .map((p) => ({ keyId: p.keyId, privateKey: p.privateKey }));
}

/** Their server base URL from what an admin typed (a domain or a URL); http only outside production. */
export function parseServer(input: string, allowHttp: boolean): URL | null {
  const t = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`;
  if (!URL.canParse(withScheme)) return null;
  const url = new URL(withScheme);
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) return null;
  if (!url.hostname || url.username || url.password) return null;
  return new URL(url.origin);
}

function friendRecipient(friend: FriendServer) {
  const base = new URL(friend.inboxUrl);
  return { id: new URL(friend.actorIri ?? `${base.origin}/actor`), inboxId: base };
}

async function send(ctx: Ctx, friend: FriendServer, activity: Follow | Accept | Reject | Undo | Delete) {
  await ctx.sendActivity(await instanceSigner(ctx), friendRecipient(friend), activity);
}

export type FriendResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: "not_found" | "conflict" | "forbidden"; message: string };

// --- outbound (an admin acts) ---

/** Sends our friend request to `server` (creating the link row when new). */
export async function requestFriend(ctx: Ctx, server: URL): Promise<FriendResult<FriendServer>> {
  const { friends, ids, clock } = ctx.data;
  const domain = server.host.toLowerCase();
  if (domain === new URL(ctx.canonicalOrigin).host.toLowerCase())
    return { ok: false, code: "conflict", message: "A server can't befriend itself." };
  if (await domainRejectsFriends(ctx.data, server.hostname))
    return { ok: false, code: "forbidden", message: "A domain block refuses friend links with this server." };
  const existing = await friends.findByDomain(domain);
  if (existing && (existing.ourState === "pending" || existing.ourState === "accepted"))
    return { ok: false, code: "conflict", message: "A request to this server is already pending or accepted." };
  const row = existing ?? (await friends.upsert(ids.next(), domain, `${server.origin}/inbox`, clock.now()));
  const me = ctx.getActorUri(INSTANCE_ACTOR);
  const followId = new URL(`${me.href}#friend-follows/${ids.next()}`);
  const ourInbox = ctx.getInboxUri().href;
  const follow = withJson(
    Follow,
    { id: followId, actor: me, object: PUBLIC_COLLECTION },
    { object: PUBLIC_COLLECTION.href, inboxUrl: ourInbox },
  );
  await send(ctx, row, follow);
  const updated = await friends.update(row.id, { ourState: "pending", ourFollowId: followId.href }, clock.now());
  return updated ? { ok: true, value: updated } : { ok: false, code: "not_found", message: "No such friend server." };
}

/** Accepts (or rejects) their pending request. */
export async function answerFriend(ctx: Ctx, id: string, accept: boolean): Promise<FriendResult<FriendServer>> {
  const { friends, clock } = ctx.data;
  const friend = await friends.find(id);
  if (!friend) return { ok: false, code: "not_found", message: "No such friend server." };
  if (!friend.theirFollowId || friend.theirState === "idle")
    return { ok: false, code: "conflict", message: "This server has not sent a friend request." };
  await send(ctx, friend, answerActivity(ctx, friend.theirFollowId, accept));
  const updated = await friends.update(id, { theirState: accept ? "accepted" : "rejected" }, clock.now());
  return updated ? { ok: true, value: updated } : { ok: false, code: "not_found", message: "No such friend server." };
}

function answerActivity(ctx: Ctx, theirFollowId: string, accept: boolean): Accept | Reject {
  const values = {
    id: new URL(`${theirFollowId}#${accept ? "accepts" : "rejects"}/friends`),
    actor: ctx.getActorUri(INSTANCE_ACTOR),
    object: new URL(theirFollowId),
  };
  return accept ? new Accept(values) : new Reject(values);
}

/**
 * Ends the link and forgets it: `Delete{object: Public}` when the friendship was on,
 * `Undo(Follow)` for our pending request, `Reject` for theirs.
 */
export async function removeFriend(ctx: Ctx, friend: FriendServer): Promise<void> {
  const me = ctx.getActorUri(INSTANCE_ACTOR);
  try {
    if (friend.ourState === "accepted" || friend.theirState === "accepted") {
      await send(
        ctx,
        friend,
        withJson(
          Delete,
          { id: new URL(`${me.href}#friend-deletes/${ctx.data.ids.next()}`), actor: me, object: PUBLIC_COLLECTION },
          { object: PUBLIC_COLLECTION.href },
        ),
      );
    } else {
      if (friend.ourState === "pending" && friend.ourFollowId) {
        const follow = new Follow({ id: new URL(friend.ourFollowId), actor: me, object: PUBLIC_COLLECTION });
        await send(ctx, friend, new Undo({ id: new URL(`${friend.ourFollowId}#undo`), actor: me, object: follow }));
      }
      if (friend.theirState === "pending" && friend.theirFollowId)
        await send(ctx, friend, answerActivity(ctx, friend.theirFollowId, false));
    }
  } finally {
    await ctx.data.friends.remove(friend.id);
  }
}

/**
 * For the moderation work: a domain block with "reject friends" calls this to refuse
 * and remove any friend link with `domain` (the other side is told, as for an admin's
 * removal). Returns how many links were removed (0 or 1).
 */
export async function removeFriendsForDomain(ctx: Ctx, domain: string): Promise<number> {
  const d = domain.toLowerCase();
  // A block covers the domain and its subdomains, on any port.
  const covered = (await ctx.data.friends.list()).filter((f) => {
    const host = f.domain.replace(/:\d+$/, "");
    return host === d || host.endsWith(`.${d}`);
  });
  for (const friend of covered) await removeFriend(ctx, friend);
  return covered.length;
}

// --- inbound (their instance actor writes) ---

/** The raw JSON Fedify parsed the activity from (undeclared keys such as inboxUrl live only there). */
function rawJson(activity: Follow): Record<string, unknown> {
  const raw = (activity as unknown as { _cachedJsonLd?: unknown })._cachedJsonLd;
  return raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
}

/**
 * `Follow{object: Public}`: a friend request. Returns false when the Follow is not one
 * (the caller goes on with ordinary follows). Waits for an admin unless auto-accept is on.
 */
export async function onFriendFollow(ctx: InCtx, follow: Follow): Promise<boolean> {
  if (!isPublicIri(follow.objectId)) return false;
  const actorId = follow.actorId;
  if (!actorId || !follow.id) return true;
  const { friends, ids, clock } = ctx.data;
  const domain = actorId.host.toLowerCase();
  // A domain block with "reject friends" (or a suspension): the request is ignored.
  if (await domainRejectsFriends(ctx.data, actorId.hostname)) return true;
  const declared = rawJson(follow).inboxUrl;
  let inboxUrl =
    typeof declared === "string" && URL.canParse(declared) && new URL(declared).host.toLowerCase() === domain ? declared : null;
  if (!inboxUrl) {
    const actor = await follow.getActor(ctx).catch(() => null);
    const shared = actor && isActor(actor) ? (actor.endpoints?.sharedInbox ?? actor.inboxId) : null;
    inboxUrl = shared && shared.host.toLowerCase() === domain ? shared.href : `${actorId.origin}/inbox`;
  }
  const row = await friends.upsert(ids.next(), domain, inboxUrl, clock.now());
  const auto = (await getSettings(ctx.data)).autoAcceptFriends;
  // An already accepted link stays accepted when they ask again (a retry or a new id).
  const theirState = auto || row.theirState === "accepted" ? "accepted" : "pending";
  const updated = await friends.update(
    row.id,
    { inboxUrl, actorIri: actorId.href, theirFollowId: follow.id.href, theirState },
    clock.now(),
  );
  if (theirState === "accepted" && updated) await send(ctx, updated, answerActivity(ctx, follow.id.href, true));
  return true;
}

/** The Follow id an Accept/Reject answers: its bare object id, or the id of the embedded Follow. */
export async function answeredFollowId(ctx: InCtx, answer: Accept | Reject): Promise<string | null> {
  if (answer.objectId) return answer.objectId.href;
  const follow = await answer.getObject(ctx).catch(() => null);
  return follow instanceof Follow && follow.id ? follow.id.href : null;
}

/**
 * Accept/Reject of our friend request (from that server's host). Returns false when
 * the answer is not about one of our friend requests.
 */
export async function onFriendAnswer(ctx: InCtx, answer: Accept | Reject): Promise<boolean> {
  const followId = await answeredFollowId(ctx, answer);
  const actorId = answer.actorId;
  if (!followId || !actorId || !followId.startsWith(`${ctx.getActorUri(INSTANCE_ACTOR).href}#friend-follows/`)) return false;
  const friend = await ctx.data.friends.findByDomain(actorId.host);
  if (!friend || friend.ourFollowId !== followId) return true;
  await ctx.data.friends.update(
    friend.id,
    { ourState: answer instanceof Accept ? "accepted" : "rejected", actorIri: actorId.href },
    ctx.data.clock.now(),
  );
  return true;
}

/** `Undo(Follow{object: Public})`: they withdraw their request (or their side of the friendship). */
export async function onFriendUndo(ctx: InCtx, undo: Undo, follow: Follow): Promise<boolean> {
  if (!isPublicIri(follow.objectId)) return false;
  const actorId = undo.actorId;
  if (!actorId || follow.actorId?.href !== actorId.href) return true;
  const friend = await ctx.data.friends.findByDomain(actorId.host);
  // Only the actor that asked (once we know it) withdraws.
  if (friend && (!friend.actorIri || friend.actorIri === actorId.href))
    await ctx.data.friends.update(friend.id, { theirState: "idle", theirFollowId: null }, ctx.data.clock.now());
  return true;
}

/** `Delete{object: Public}` from a friend's instance actor: the friendship is over, we forget the link. */
export async function onFriendDelete(ctx: InCtx, del: Delete): Promise<boolean> {
  if (!isPublicIri(del.objectId)) return false;
  const actorId = del.actorId;
  if (!actorId) return true;
  const friend = await ctx.data.friends.findByDomain(actorId.host);
  if (friend && (!friend.actorIri || friend.actorIri === actorId.href)) await ctx.data.friends.remove(friend.id);
  return true;
}

// --- receiving posts ---

function addressedTo(note: Note): URL[] {
  return [...note.toIds, ...note.ccIds];
}

/**
 * The visibility we store for a received Note: `local_public` when it carries
 * kmyblue:LocalPublic and comes from an accepted, available friend; otherwise what its
 * addressing says (a LocalPublic Note from anyone else reads as unlisted: Public in cc).
 */
export async function friendVisibility(ctx: InCtx, note: Note, parsed: RemoteVisibility): Promise<RemoteVisibility> {
  const author = note.attributionId;
  if (!author || !addressedTo(note).some(isLocalPublicIri)) return parsed;
  const friend = await ctx.data.friends.findByDomain(author.host);
  return friend && isActiveFriend(friend) ? "local_public" : parsed;
}

/**
 * Whether a Note of an author nobody here follows is still kept: from an active friend
 * with receive-all on (public and local-public posts), or a public post while we are
 * subscribed to a relay (relayed posts feed the federated timeline).
 */
export async function admitsUnfollowed(ctx: InCtx, note: Note, actorIri: string): Promise<boolean> {
  const isPublic = note.toIds.some(isPublicIri);
  const localPublic = addressedTo(note).some(isLocalPublicIri);
  if (!isPublic && !localPublic) return false;
  const friend = await ctx.data.friends.findByDomain(new URL(actorIri).host);
  if (friend && isActiveFriend(friend) && friend.receiveAll) return true;
  return isPublic && (await ctx.data.friends.acceptedRelays()).length > 0;
}
