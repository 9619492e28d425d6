#!/usr/bin/env node
// A small, real ActivityPub peer for Commons' federation interop tests, built on Fedify.
//
//   node server.mjs --port 9100 [--max-lifetime 1800]
//
// One actor, `peer` (Person, RSA-2048 + Ed25519 keys generated at start), at
// http://127.0.0.1:PORT/users/peer with its inbox at /users/peer/inbox and the shared
// inbox at /inbox. Fedify (2.3.6) does the protocol work: actor documents, WebFinger,
// HTTP signatures (RFC 9421 first knock, draft-cavage fallback), JSON-LD signatures,
// object integrity proofs. Only plain http on 127.0.0.1 is ever used.
//
// Every POST to an inbox is recorded in memory, with three independent verdicts:
//   - httpSignatureVerified: Fedify's own verifyRequest (RFC 9421 and draft-cavage);
//   - misskeyVerified:       Misskey's @misskey-dev/node-http-message-signatures
//                            (draft-cavage only; null for RFC 9421 or unsigned requests),
//                            with misskeyDigestVerified for the Digest header;
//   - status/processed:      what Fedify's inbox answered and whether a listener ran.
//
// Control API (same port, JSON):
//   GET  /_control/health                     -> { ok, actor, inbox, sharedInbox }
//   GET  /_control/received[?since=N]         -> { received: [...] } (N = first seq wanted)
//   GET  /_control/state                      -> followers, follows we sent, our notes, config
//   POST /_control/reset                      -> forget received activities
//   POST /_control/config {rejectRfc9421}     -> answer 401 to RFC 9421-only signed inbox posts
//   POST /_control/lookup {url}               -> Fedify's view of a remote object
//   POST /_control/follow {actorUrl}          -> send Follow (actor looked up by URL)
//   POST /_control/unfollow {actorUrl}        -> send Undo(Follow)
//   POST /_control/post {content, summary?, to?: "public"|"unlisted"|"followers", mention?: [actorUrl]}
//                                             -> publish a Note, deliver Create to followers
//   POST /_control/react {objectUrl, emoji, via?: "both"|"EmojiReact"|"Like"}
//                                             -> EmojiReact (Fedify) and/or Like with
//                                                _misskey_reaction (signed with Misskey's signer)
//   POST /_control/delete {noteUrl}           -> Delete(Tombstone) to followers
//   POST /_control/announce {objectUrl}       -> Announce (boost) of the object, to its author
//   POST /_control/raw {inbox, body, sign?, headers?}
//        sign: false (unsigned) | "draft" | "rfc9421" | "misskey" | "wrong-key" | "tamper" | "stale" | "garbage"
//                                             -> { status, body } of our POST
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createFederation, generateCryptoKeyPair, MemoryKvStore, signRequest, verifyRequestDetailed } from "@fedify/fedify";
import {
  Accept,
  Activity,
  Announce,
  Create,
  Delete,
  EmojiReact,
  Endpoints,
  Follow,
  isActor,
  Mention,
  Note,
  Person,
  PUBLIC_COLLECTION,
  Tombstone,
  Undo,
} from "@fedify/vocab";
import { Temporal } from "@js-temporal/polyfill";
import { configure, getConsoleSink } from "@logtape/logtape";
import {
  genDigestHeaderBothRFC3230AndRFC9530,
  parseRequestSignature,
  signAsDraftToRequest,
  verifyDigestHeader,
  verifyDraftSignature,
} from "@misskey-dev/node-http-message-signatures";

// ---------------------------------------------------------------------------- options

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const port = Number(arg("port", process.env.PEER_PORT ?? 9100));
const maxLifetime = Number(arg("max-lifetime", process.env.PEER_MAX_LIFETIME ?? 1800));
const logLevel = process.env.PEER_LOG ?? "warning";
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`bad --port ${port}`);
  process.exit(2);
}
const origin = `http://127.0.0.1:${port}`;
const IDENTIFIER = "peer";
const BODY_LIMIT = 4 * 1024 * 1024;
const AS_CONTEXT = "https://www.w3.org/ns/activitystreams";

await configure({
  contextLocalStorage: new AsyncLocalStorage(),
  sinks: { console: getConsoleSink() },
  loggers: [
    { category: "fedify", sinks: ["console"], lowestLevel: logLevel },
    { category: ["logtape", "meta"], sinks: ["console"], lowestLevel: "warning" },
  ],
});

// Never outlive the test run, even if whoever started us forgets to stop us.
setTimeout(() => {
  console.error(`peer: max lifetime of ${maxLifetime} s reached; exiting`);
  process.exit(0);
}, maxLifetime * 1000).unref();

// ---------------------------------------------------------------------------- state

/** RSA-2048 (faster than Fedify's default 4096) for HTTP signatures, Ed25519 for proofs. */
const rsaKeys = await crypto.subtle.generateKey(
  { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
  true,
  ["sign", "verify"],
);
const edKeys = await generateCryptoKeyPair("Ed25519");
const rsaPrivatePem = await toPem(rsaKeys.privateKey, "pkcs8", "PRIVATE KEY");

/** Inbox posts we received, oldest first. */
const received = [];
let seq = 0;
/** actor id -> { id, inbox, sharedInbox, followId } */
const followers = new Map();
/** follow id -> { id, object, state: "pending" | "accepted" | "rejected" | "undone" } */
const following = new Map();
/** note id (path segment) -> { note, createId } */
const notes = new Map();
const config = { rejectRfc9421: false };

// ---------------------------------------------------------------------------- federation

const federation = createFederation({
  kv: new MemoryKvStore(),
  origin,
  allowPrivateAddress: true,
  userAgent: { software: "commons-interop-fedify-peer/0.0.0" },
});

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== IDENTIFIER) return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify interop peer",
      summary: "A Fedify 2.3.6 peer used by Commons' interop tests.",
      url: ctx.getActorUri(identifier),
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      followers: ctx.getFollowersUri(identifier),
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
      manuallyApprovesFollowers: false,
      discoverable: true,
    });
  })
  .setKeyPairsDispatcher((_ctx, identifier) =>
    identifier === IDENTIFIER
      ? [
          { privateKey: rsaKeys.privateKey, publicKey: rsaKeys.publicKey },
          { privateKey: edKeys.privateKey, publicKey: edKeys.publicKey },
        ]
      : [],
  );

federation
  .setFollowersDispatcher("/users/{identifier}/followers", (_ctx, identifier) => {
    if (identifier !== IDENTIFIER) return null;
    const items = [...followers.values()].map((f) => ({
      id: new URL(f.id),
      inboxId: new URL(f.inbox),
      endpoints: f.sharedInbox ? { sharedInbox: new URL(f.sharedInbox) } : null,
    }));
    return { items };
  })
  .setCounter((_ctx, identifier) => (identifier === IDENTIFIER ? followers.size : null));

federation.setObjectDispatcher(Note, "/notes/{id}", (_ctx, values) => notes.get(values.id)?.note ?? null);

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (ctx, follow) => {
    markProcessed(follow);
    const target = ctx.parseUri(follow.objectId);
    if (target?.type !== "actor" || target.identifier !== IDENTIFIER || !follow.actorId) return;
    const actor = await follow.getActor(ctx);
    if (!actor?.id || !actor.inboxId) return;
    followers.set(actor.id.href, {
      id: actor.id.href,
      inbox: actor.inboxId.href,
      sharedInbox: actor.endpoints?.sharedInbox?.href ?? null,
      followId: follow.id?.href ?? null,
    });
    await ctx.sendActivity(
      { identifier: IDENTIFIER },
      actor,
      new Accept({ id: new URL(`${origin}/accepts/${randomUUID()}`), actor: ctx.getActorUri(IDENTIFIER), object: follow }),
    );
  })
  .on(Accept, async (ctx, accept) => {
    markProcessed(accept);
    const followId = accept.objectId?.href ?? (await accept.getObject(ctx).catch(() => null))?.id?.href;
    const f = followId ? following.get(followId) : null;
    if (f) f.state = "accepted";
  })
  .on(Undo, async (ctx, undo) => {
    markProcessed(undo);
    const inner = await undo.getObject(ctx).catch(() => null);
    if (inner instanceof Follow && undo.actorId) followers.delete(undo.actorId.href);
  })
  .on(Activity, (_ctx, activity) => {
    markProcessed(activity);
  })
  .onError((_ctx, error) => {
    console.error(`peer: inbox listener error: ${error?.stack ?? error}`);
  });

function markProcessed(activity) {
  const id = activity.id?.href;
  for (let i = received.length - 1; i >= 0; i--) {
    if (received[i].id === id) {
      received[i].processed = true;
      return;
    }
  }
}

const ctxFor = () => federation.createContext(new URL(origin), undefined);

// ---------------------------------------------------------------------------- inbound checks

const isInboxPath = (path) => path === "/inbox" || /^\/users\/[^/]+\/inbox$/.test(path);

function schemeOf(headers) {
  if (headers["signature-input"]) return "rfc9421";
  if (headers.signature) return "draft-cavage";
  if (headers.authorization?.startsWith("Signature ")) return "draft-cavage";
  return "none";
}

/** Our own fetch of a key document, unsigned, like Misskey would do it. */
async function fetchPublicKeyPem(keyId) {
  const res = await fetch(keyId, {
    headers: { Accept: 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"' },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`GET ${keyId} answered ${res.status}`);
  const doc = await res.json();
  const candidates = [doc, doc.publicKey, ...(doc.additionalPublicKeys ?? [])].flat().filter(Boolean);
  const key = candidates.find((k) => k.id === keyId && k.publicKeyPem) ?? (doc.publicKey?.publicKeyPem ? doc.publicKey : null);
  if (!key) throw new Error(`no publicKeyPem for ${keyId}`);
  return { pem: key.publicKeyPem, owner: key.owner ?? doc.id ?? null };
}

/** Misskey's verifier on the raw Node request (draft-cavage only). */
async function misskeyCheck(req, rawBody) {
  const out = { misskeyVerified: null, misskeyDigestVerified: null, misskeyError: null, misskeyKeyOwner: null };
  const requestLike = { url: req.url, method: req.method, headers: req.headers };
  try {
    out.misskeyDigestVerified = await verifyDigestHeader(requestLike, rawBody, true);
  } catch (e) {
    out.misskeyDigestVerified = false;
    out.misskeyError = `digest: ${e.message}`;
  }
  let parsed;
  try {
    parsed = parseRequestSignature(requestLike, { clockSkew: { forward: 30_000, delay: 300_000 } });
  } catch (e) {
    out.misskeyVerified = false;
    out.misskeyError = `parse: ${e.constructor?.name ?? "Error"}: ${e.message}`;
    return out;
  }
  if (parsed.version !== "draft") return out; // Misskey 0.0.10 verifies draft-cavage only
  try {
    const { pem, owner } = await fetchPublicKeyPem(parsed.value.keyId);
    out.misskeyKeyOwner = owner;
    const errors = [];
    out.misskeyVerified = await verifyDraftSignature(parsed.value, pem, (m) => errors.push(String(m)));
    if (!out.misskeyVerified) out.misskeyError = errors.join("; ") || "signature does not verify";
  } catch (e) {
    out.misskeyVerified = false;
    out.misskeyError = `key: ${e.message}`;
  }
  return out;
}

function summarize(json) {
  const list = (v) => (v == null ? [] : Array.isArray(v) ? v : [v]).map((x) => (typeof x === "string" ? x : (x?.id ?? x)));
  const obj = json && typeof json.object === "object" && json.object !== null ? json.object : null;
  return {
    id: typeof json?.id === "string" ? json.id : null,
    type: json?.type ?? null,
    actor: typeof json?.actor === "string" ? json.actor : (json?.actor?.id ?? null),
    to: list(json?.to),
    cc: list(json?.cc),
    objectId: typeof json?.object === "string" ? json.object : (obj?.id ?? null),
    object: obj
      ? {
          id: obj.id ?? null,
          type: obj.type ?? null,
          content: obj.content ?? null,
          summary: obj.summary ?? null,
          to: list(obj.to),
          cc: list(obj.cc),
          attributedTo: obj.attributedTo ?? null,
        }
      : null,
    content: json?.content ?? null,
    misskeyReaction: json?._misskey_reaction ?? null,
    hasLdSignature: Boolean(json?.signature),
    hasProof: Boolean(json?.proof),
  };
}

async function recordInbound(req, request, rawBody, path) {
  const text = rawBody.toString("utf8");
  let json = null;
  let parseError = null;
  try {
    json = JSON.parse(text);
  } catch (e) {
    parseError = e.message;
  }
  const scheme = schemeOf(req.headers);
  const entry = {
    seq: ++seq,
    at: new Date().toISOString(),
    path,
    contentType: req.headers["content-type"] ?? null,
    userAgent: req.headers["user-agent"] ?? null,
    signatureScheme: scheme,
    ...summarize(json),
    parseError,
    httpSignatureVerified: false,
    httpSignatureKeyId: null,
    httpSignatureError: null,
    misskeyVerified: null,
    misskeyDigestVerified: null,
    misskeyError: null,
    status: null,
    processed: false,
    headers: { ...req.headers },
    raw: json ?? text.slice(0, 4096),
  };
  try {
    const ctx = ctxFor();
    const r = await verifyRequestDetailed(request.clone(), {
      documentLoader: ctx.documentLoader,
      contextLoader: ctx.contextLoader,
    });
    entry.httpSignatureVerified = r.verified;
    if (r.verified) entry.httpSignatureKeyId = r.key.id?.href ?? null;
    else entry.httpSignatureError = JSON.stringify(r.reason, (_k, v) => (v instanceof URL ? v.href : v));
  } catch (e) {
    entry.httpSignatureError = `threw: ${e.message}`;
  }
  if (scheme === "draft-cavage") Object.assign(entry, await misskeyCheck(req, rawBody));
  received.push(entry);
  return entry;
}

// ---------------------------------------------------------------------------- outbound helpers

async function lookupActor(url) {
  const ctx = ctxFor();
  const actor = await ctx.lookupObject(url);
  if (!actor || !isActor(actor))
    throw new HttpError(502, `${url} is not an actor (got ${actor?.constructor?.name ?? "nothing"})`);
  return actor;
}

async function toPem(key, format, label) {
  const der = Buffer.from(await crypto.subtle.exportKey(format, key)).toString("base64");
  return `-----BEGIN ${label}-----\n${der.match(/.{1,64}/g).join("\n")}\n-----END ${label}-----\n`;
}

/** POSTs raw JSON to an inbox, signed (or not, or badly) as asked. */
async function postRaw(inbox, body, sign, extraHeaders = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const keyId = new URL(`${origin}/users/${IDENTIFIER}#main-key`);
  const headers = { "Content-Type": "application/activity+json", Accept: "application/activity+json", ...extraHeaders };
  let request = new Request(inbox, { method: "POST", headers, body: text });
  const fedifySign = (spec, key = rsaKeys.privateKey, currentTime) =>
    signRequest(request, key, keyId, { spec, ...(currentTime ? { currentTime } : {}) });
  switch (sign) {
    case false:
    case "false":
    case "none":
    case undefined:
    case null:
      break;
    case "draft":
      request = await fedifySign("draft-cavage-http-signatures-12");
      break;
    case "rfc9421":
      request = await fedifySign("rfc9421");
      break;
    case "wrong-key": {
      const other = await crypto.subtle.generateKey(
        { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
        true,
        ["sign", "verify"],
      );
      request = await fedifySign("draft-cavage-http-signatures-12", other.privateKey);
      break;
    }
    case "stale":
      request = await fedifySign(
        "draft-cavage-http-signatures-12",
        rsaKeys.privateKey,
        Temporal.Instant.fromEpochMilliseconds(Date.now() - 3600_000),
      );
      break;
    case "garbage":
      request.headers.set("Date", new Date().toUTCString());
      request.headers.set(
        "Signature",
        `keyId="${keyId.href}",algorithm="rsa-sha256",headers="(request-target) host date",signature="Z2FyYmFnZQ=="`,
      );
      break;
    case "tamper": {
      const signed = await fedifySign("draft-cavage-http-signatures-12");
      const tampered = text.replace(/"content":"/, '"content":"TAMPERED ');
      request = new Request(inbox, { method: "POST", headers: signed.headers, body: tampered === text ? `${text} ` : tampered });
      break;
    }
    case "misskey": {
      const reqLike = {
        url: inbox,
        method: "POST",
        headers: { ...lower(headers), host: new URL(inbox).host, date: new Date().toUTCString() },
      };
      await genDigestHeaderBothRFC3230AndRFC9530(reqLike, text, "SHA-256");
      await signAsDraftToRequest(reqLike, { keyId: keyId.href, privateKeyPem: rsaPrivatePem }, [
        "(request-target)",
        "date",
        "host",
        "digest",
      ]);
      request = new Request(inbox, { method: "POST", headers: stripHost(reqLike.headers), body: text });
      break;
    }
    default:
      throw new HttpError(400, `unknown sign mode ${sign}`);
  }
  const res = await fetch(request, { signal: AbortSignal.timeout(15_000), redirect: "manual" });
  const resText = await res.text();
  return { status: res.status, body: resText.slice(0, 2000) };
}

const lower = (h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
/** fetch() sets Host itself (and refuses to be told); it is the same value. */
const stripHost = (h) => Object.fromEntries(Object.entries(h).filter(([k]) => k.toLowerCase() !== "host"));

// ---------------------------------------------------------------------------- control API

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function need(body, name) {
  const v = body?.[name];
  if (typeof v !== "string" || !v) throw new HttpError(400, `${name} (string) is required`);
  return v;
}

function onlyLoopback(url) {
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1") throw new HttpError(400, `only http://127.0.0.1 targets are allowed, not ${url}`);
  return u;
}

async function control(method, path, query, body) {
  const ctx = ctxFor();
  const me = ctx.getActorUri(IDENTIFIER);
  const route = `${method} ${path}`;
  switch (route) {
    case "GET /_control/health":
      return { ok: true, actor: me.href, inbox: ctx.getInboxUri(IDENTIFIER).href, sharedInbox: ctx.getInboxUri().href };
    case "GET /_control/received": {
      const since = Number(query.get("since") ?? 0);
      return { received: received.filter((r) => r.seq >= since) };
    }
    case "GET /_control/state":
      return {
        followers: [...followers.values()],
        following: [...following.values()],
        notes: [...notes.values()].map((n) => ({ id: n.note.id.href, createId: n.createId })),
        config,
      };
    case "POST /_control/reset":
      received.length = 0;
      return { ok: true };
    case "POST /_control/config":
      if (typeof body.rejectRfc9421 === "boolean") config.rejectRfc9421 = body.rejectRfc9421;
      return { config };
    case "POST /_control/lookup": {
      const url = onlyLoopback(need(body, "url"));
      const obj = await ctx.lookupObject(url.href);
      if (!obj) throw new HttpError(502, `lookup of ${url.href} gave nothing`);
      return {
        type: obj.constructor.name,
        id: obj.id?.href ?? null,
        json: await obj.toJsonLd({ contextLoader: ctx.contextLoader }),
      };
    }
    case "POST /_control/follow": {
      const actor = await lookupActor(onlyLoopback(need(body, "actorUrl")).href);
      const id = new URL(`${origin}/follows/${randomUUID()}`);
      following.set(id.href, { id: id.href, object: actor.id.href, state: "pending" });
      await ctx.sendActivity({ identifier: IDENTIFIER }, actor, new Follow({ id, actor: me, object: actor.id }));
      return { followId: id.href, actorId: actor.id.href, inbox: actor.inboxId?.href ?? null };
    }
    case "POST /_control/unfollow": {
      const actor = await lookupActor(onlyLoopback(need(body, "actorUrl")).href);
      const f = [...following.values()].find((x) => x.object === actor.id.href && x.state !== "undone");
      if (!f) throw new HttpError(404, `not following ${actor.id.href}`);
      const follow = new Follow({ id: new URL(f.id), actor: me, object: actor.id });
      await ctx.sendActivity(
        { identifier: IDENTIFIER },
        actor,
        new Undo({ id: new URL(`${f.id}#undo`), actor: me, object: follow }),
      );
      f.state = "undone";
      return { ok: true };
    }
    case "POST /_control/post": {
      const content = need(body, "content");
      const to = body.to ?? "public";
      const mentions = await Promise.all((body.mention ?? []).map((u) => lookupActor(onlyLoopback(u).href)));
      const followersUri = ctx.getFollowersUri(IDENTIFIER);
      const addressing =
        to === "public"
          ? { tos: [PUBLIC_COLLECTION, ...mentions.map((a) => a.id)], ccs: [followersUri] }
          : to === "unlisted"
            ? { tos: [followersUri, ...mentions.map((a) => a.id)], ccs: [PUBLIC_COLLECTION] }
            : { tos: [followersUri, ...mentions.map((a) => a.id)], ccs: [] };
      const key = randomUUID();
      const noteId = ctx.getObjectUri(Note, { id: key });
      const note = new Note({
        id: noteId,
        attribution: me,
        content,
        ...(typeof body.summary === "string" ? { summary: body.summary } : {}),
        url: noteId,
        published: Temporal.Now.instant(),
        tags: mentions.map((a) => new Mention({ href: a.id, name: `@${a.preferredUsername}@${a.id.host}` })),
        ...addressing,
      });
      const createId = new URL(`${noteId.href}#create`);
      notes.set(key, { note, createId: createId.href });
      const create = new Create({ id: createId, actor: me, object: note, published: note.published, ...addressing });
      await ctx.sendActivity({ identifier: IDENTIFIER }, "followers", create, { preferSharedInbox: true });
      if (mentions.length) await ctx.sendActivity({ identifier: IDENTIFIER }, mentions, create, { preferSharedInbox: true });
      return { noteId: noteId.href, createId: createId.href, followers: followers.size };
    }
    case "POST /_control/react": {
      const objectUrl = onlyLoopback(need(body, "objectUrl")).href;
      const emoji = need(body, "emoji");
      const via = body.via ?? "both";
      const object = await ctx.lookupObject(objectUrl);
      if (!object) throw new HttpError(502, `lookup of ${objectUrl} gave nothing`);
      const authorId = object.attributionId ?? object.attributionIds?.[0];
      if (!authorId) throw new HttpError(502, `${objectUrl} has no attributedTo`);
      const author = await lookupActor(authorId.href);
      const out = {};
      if (via === "both" || via === "EmojiReact") {
        const id = new URL(`${origin}/reactions/${randomUUID()}`);
        await ctx.sendActivity(
          { identifier: IDENTIFIER },
          author,
          new EmojiReact({ id, actor: me, object: object.id, content: emoji, tos: [author.id], ccs: [] }),
        );
        out.emojiReactId = id.href;
      }
      if (via === "both" || via === "Like") {
        // Misskey's own wire format, signed with Misskey's own signer.
        const id = `${origin}/likes/${randomUUID()}`;
        const like = {
          "@context": [AS_CONTEXT, "https://w3id.org/security/v1"],
          id,
          type: "Like",
          actor: me.href,
          object: object.id.href,
          content: emoji,
          _misskey_reaction: emoji,
        };
        const inbox = (author.endpoints?.sharedInbox ?? author.inboxId).href;
        out.like = { id, inbox, ...(await postRaw(inbox, like, "misskey")) };
        if (out.like.status >= 300) throw new HttpError(502, `Like to ${inbox} answered ${out.like.status}: ${out.like.body}`);
      }
      return out;
    }
    case "POST /_control/announce": {
      const objectUrl = onlyLoopback(need(body, "objectUrl")).href;
      const object = await ctx.lookupObject(objectUrl);
      if (!object?.id) throw new HttpError(502, `lookup of ${objectUrl} gave nothing`);
      const authorId = object.attributionId ?? object.attributionIds?.[0];
      if (!authorId) throw new HttpError(502, `${objectUrl} has no attributedTo`);
      const author = await lookupActor(authorId.href);
      const id = new URL(`${origin}/announces/${randomUUID()}`);
      const announce = new Announce({
        id,
        actor: me,
        object: object.id,
        tos: [PUBLIC_COLLECTION],
        ccs: [author.id, ctx.getFollowersUri(IDENTIFIER)],
        published: Temporal.Now.instant(),
      });
      await ctx.sendActivity({ identifier: IDENTIFIER }, author, announce);
      return { announceId: id.href };
    }
    case "POST /_control/delete": {
      const noteUrl = need(body, "noteUrl");
      const entry = [...notes.entries()].find(([, n]) => n.note.id.href === noteUrl);
      if (!entry) throw new HttpError(404, `no note ${noteUrl}`);
      const [key, { note }] = entry;
      notes.delete(key);
      const del = new Delete({
        id: new URL(`${noteUrl}#delete`),
        actor: me,
        object: new Tombstone({ id: note.id }),
        tos: [PUBLIC_COLLECTION],
        ccs: [ctx.getFollowersUri(IDENTIFIER)],
      });
      await ctx.sendActivity({ identifier: IDENTIFIER }, "followers", del, { preferSharedInbox: true });
      return { deleteId: del.id.href };
    }
    case "POST /_control/raw": {
      const inbox = onlyLoopback(need(body, "inbox")).href;
      if (body.body === undefined) throw new HttpError(400, "body is required");
      return await postRaw(inbox, body.body, body.sign ?? false, body.headers ?? {});
    }
    default:
      throw new HttpError(404, `no control route ${route}`);
  }
}

// ---------------------------------------------------------------------------- HTTP server

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > BODY_LIMIT) {
        reject(new HttpError(413, "body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res, status, json) {
  const text = JSON.stringify(json);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", origin);
    const rawBody = await readBody(req);
    if (url.pathname.startsWith("/_control/")) {
      let body = {};
      if (rawBody.length) {
        try {
          body = JSON.parse(rawBody.toString("utf8"));
        } catch {
          throw new HttpError(400, "control bodies are JSON");
        }
      }
      send(res, 200, await control(req.method, url.pathname, url.searchParams, body));
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (Array.isArray(v)) for (const x of v) headers.append(k, x);
      else if (v != null) headers.set(k, v);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, { method: req.method, headers, ...(hasBody ? { body: rawBody } : {}) });
    let entry = null;
    if (req.method === "POST" && isInboxPath(url.pathname)) {
      entry = await recordInbound(req, request, rawBody, url.pathname);
      if (config.rejectRfc9421 && entry.signatureScheme === "rfc9421") {
        // Make the sender fall back to draft-cavage (Fedify's double-knock does this on a 4xx).
        entry.status = 401;
        entry.refusedByConfig = true;
        res.writeHead(401, { "Content-Type": "text/plain" }).end("RFC 9421 refused by test configuration");
        return;
      }
    }
    const response = await federation.fetch(request, { contextData: undefined });
    if (entry) entry.status = response.status;
    const out = Buffer.from(await response.arrayBuffer());
    const outHeaders = Object.fromEntries(response.headers.entries());
    delete outHeaders["content-length"];
    delete outHeaders["content-encoding"];
    res.writeHead(response.status, { ...outHeaders, "Content-Length": out.length });
    res.end(out);
  } catch (e) {
    const status = e instanceof HttpError ? e.status : 500;
    if (status === 500) console.error(`peer: ${req.method} ${req.url}: ${e?.stack ?? e}`);
    if (!res.headersSent) send(res, status, { error: e?.message ?? String(e) });
    else res.end();
  }
});

server.listen(port, "127.0.0.1", () => {
  console.log(`peer: listening on ${origin} (actor ${origin}/users/${IDENTIFIER}, pid ${process.pid})`);
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    process.exit(0);
  });
}
