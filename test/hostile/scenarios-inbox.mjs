// Hostile input at the ActivityPub inbox (FEDERATION.md, "Moderation at the inbox"):
// forged and tampered signatures, Notes from another origin, oversized and malformed
// bodies, a mention-spam wave of fresh accounts. Each scenario counts what it tried and
// checks through the API that nothing it sent was stored.
import { randomUUID } from "node:crypto";
import { newKeyPair, signedPost } from "./fake-remote.mjs";
import { Client, figures, grew, pool, rng, send, Tally } from "./tally.mjs";

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = `${AS}#Public`;
const UNAUTHORIZED = [401];

/** A Create of a Note by `actor` that mentions local `user` (so, if accepted, it is cached). */
export function mentionNote(origin, actor, user, extra = {}, noteExtra = {}) {
  const id = `${actor.id}/statuses/${randomUUID()}`;
  return {
    "@context": AS,
    id: `${id}/activity`,
    type: "Create",
    actor: actor.id,
    object: {
      id,
      type: "Note",
      attributedTo: actor.id,
      content: `<p>@${user} hello</p>`,
      published: new Date().toISOString(),
      to: [`${origin}/users/${user}`],
      cc: [],
      tag: [{ type: "Mention", href: `${origin}/users/${user}`, name: `@${user}` }],
      ...noteExtra,
    },
    ...extra,
  };
}

async function unread(client) {
  return (await client.ok("GET", "/api/notifications/unread")).count;
}

// ---------------------------------------------------------------------------- signatures

export async function signatureAttacks(t) {
  const { origin, fake, admin, users } = t;
  const tally = new Tally("inbox signatures");
  t.tallies.push(tally);
  const inbox = `${origin}/inbox`;
  const personal = `${origin}/users/alice/inbox`;
  const [good, other] = await Promise.all([fake.actor("sig-good"), fake.actor("sig-other")]);
  const strangers = await Promise.all([newKeyPair(), newKeyPair()]);
  const before = await figures(admin);
  const unreadBefore = await unread(users.alice);

  // Controls: correctly signed requests ARE accepted, or the refusals below prove nothing.
  const control = await signedPost(inbox, mentionNote(origin, good, "alice"), good);
  if (control.status !== 202) throw new Error(`control: a correctly signed Create answered ${control.status} ${control.text}`);
  const control2 = await signedPost(personal, mentionNote(origin, other, "alice"), other);
  if (control2.status !== 202) throw new Error(`control (personal inbox) answered ${control2.status} ${control2.text}`);
  let accepted = 2;

  const HOUR = 3600_000;
  const attacks = [
    // No signature at all (Date and Digest present, so only the signature is missing).
    async (url) => {
      const body = JSON.stringify(mentionNote(origin, good, "alice"));
      return [
        "unsigned",
        await send(url, {
          method: "POST",
          headers: { "content-type": "application/activity+json", date: new Date().toUTCString() },
          body,
        }),
      ];
    },
    async (url) => [
      "wrong key",
      await signedPost(url, mentionNote(origin, good, "alice"), good, { key: strangers[0].privateKey }),
    ],
    async (url) => [
      "expired Date (-2 h)",
      await signedPost(url, mentionNote(origin, good, "alice"), good, { date: new Date(Date.now() - 2 * HOUR) }),
    ],
    async (url) => [
      "expired Date (-30 d)",
      await signedPost(url, mentionNote(origin, good, "alice"), good, { date: new Date(Date.now() - 720 * HOUR) }),
    ],
    async (url) => [
      "future Date (+2 h)",
      await signedPost(url, mentionNote(origin, good, "alice"), good, { date: new Date(Date.now() + 2 * HOUR) }),
    ],
    async (url) => [
      "digest of another body",
      await signedPost(url, mentionNote(origin, good, "alice"), good, { digestBody: "{}" }),
    ],
    async (url) => {
      // Signed honestly, then the body is swapped in flight (the Digest no longer matches).
      const signed = mentionNote(origin, good, "alice");
      const swapped = mentionNote(origin, good, "alice", {}, { content: "<p>tampered</p>" });
      const { sent } = await dryRun(url, signed, good);
      return [
        "body swapped after signing",
        await send(url, { method: "POST", headers: sent.headers, body: JSON.stringify(swapped) }),
      ];
    },
    // The key's owner is not the activity's actor (other signs an activity claiming to be good).
    async (url) => ["key owner != actor", await signedPost(url, mentionNote(origin, good, "alice"), other)],
    async (url) => [
      "keyId of another actor, signed with own key",
      await signedPost(url, mentionNote(origin, good, "alice"), good, { keyId: other.keyId }),
    ],
    async (url) => [
      "keyId on an unreachable host",
      await signedPost(url, mentionNote(origin, good, "alice"), good, { keyId: "http://127.0.0.1:9/users/x#main-key" }),
    ],
    async (url) => [
      "keyId that is not a key",
      await signedPost(url, mentionNote(origin, good, "alice"), good, { keyId: `${fake.origin}/nothing-here#k` }),
    ],
    async (url) => [
      "signature over Date only",
      await signedPost(url, mentionNote(origin, good, "alice"), good, { headers: ["date"] }),
    ],
  ];
  const rounds = 12;
  const jobs = [];
  for (let i = 0; i < rounds; i++) for (const a of attacks) jobs.push([a, i % 2 ? personal : inbox]);
  await pool(jobs, 4, async ([attack, url]) => {
    const [label, res] = await attack(url);
    tally.check(label, res, UNAUTHORIZED);
  });
  // Garbled bytes on a fresh activity (the honest copy is never sent).
  for (let i = 0; i < rounds; i++) {
    const activity = mentionNote(origin, good, "alice");
    const { sent } = await dryRun(inbox, activity, good);
    const headers = { ...sent.headers, signature: sent.headers.signature.replace(/signature="[^"]{8}/, 'signature="AAAAAAAA') };
    tally.check("garbled signature bytes", await send(inbox, { method: "POST", headers, body: sent.body }), UNAUTHORIZED);
  }

  // Replays: an accepted request sent again byte for byte is acknowledged (ActivityPub's
  // 202, the activity id was already processed) and changes nothing.
  for (let i = 0; i < 10; i++) {
    const first = await signedPost(inbox, mentionNote(origin, good, "alice"), good);
    if (first.status !== 202) throw new Error(`replay control answered ${first.status} ${first.text}`);
    accepted++;
    for (let k = 0; k < 3; k++) {
      const again = await send(inbox, { method: "POST", headers: first.sent.headers, body: first.sent.body });
      tally.check("replayed identical request", again, [202, 401]);
    }
    // Same signed headers, another body (a new activity id): the digest gives it away.
    const other = mentionNote(origin, good, "alice");
    tally.check(
      "replayed headers with another body",
      await send(inbox, { method: "POST", headers: first.sent.headers, body: JSON.stringify(other) }),
      UNAUTHORIZED,
    );
  }

  const after = await figures(admin);
  for (const d of grew(before, after, { remotePosts: accepted, remoteActors: 2 })) tally.stored(1, d);
  const unreadAfter = await unread(users.alice);
  if (unreadAfter - unreadBefore !== accepted)
    tally.stored(
      Math.abs(unreadAfter - unreadBefore - accepted),
      `alice's unread went ${unreadBefore} -> ${unreadAfter}, ${accepted} accepted`,
    );
  t.info(`signatures: ${tally.tried} forged/tampered/replayed, ${accepted} honest controls accepted (202)`);
  tally.assertClean();
}

/** The headers a signed POST would carry, without sending it. */
async function dryRun(url, activity, actor) {
  const { signHeaders } = await import("./fake-remote.mjs");
  const body = JSON.stringify(activity);
  return { sent: { headers: signHeaders(url, body, actor), body } };
}

// ---------------------------------------------------------------------------- origin rules

export async function crossOrigin(t) {
  const { origin, fake, fake2, admin, users } = t;
  const tally = new Tally("Create from another origin");
  t.tallies.push(tally);
  const inbox = `${origin}/inbox`;
  const victim = await fake2.actor("victim");
  const attackers = await Promise.all(Array.from({ length: 6 }, (_, i) => fake.actor(`forger${i}`)));
  // The victim's genuine Note, served from its own host, cached here (it mentions alice).
  const genuine = mentionNote(origin, victim, "alice", {}, { content: "<p>genuine words</p>" });
  fake2.objects.set(new URL(genuine.object.id).pathname, genuine.object);
  const g = await signedPost(inbox, genuine, victim);
  if (g.status !== 202) throw new Error(`control: the victim's own Create answered ${g.status} ${g.text}`);
  const before = await figures(admin);
  const marker = `FORGED-${randomUUID().slice(0, 8)}`;

  const variants = [
    [
      "Note id on another host",
      (a) => mentionNote(origin, a, "alice", {}, { id: `${fake2.origin}/statuses/${randomUUID()}`, content: marker }),
    ],
    [
      "attributedTo another host's actor",
      (a) => mentionNote(origin, a, "alice", {}, { attributedTo: victim.id, content: marker }),
    ],
    [
      "the victim's Note, re-wrapped with new content",
      (a) =>
        mentionNote(
          origin,
          a,
          "alice",
          {},
          { id: `${victim.id}/statuses/${randomUUID()}`, attributedTo: victim.id, content: marker },
        ),
    ],
    [
      "Create by reference to a Note on another host",
      (a) => ({ "@context": AS, id: `${a.id}/act/${randomUUID()}`, type: "Create", actor: a.id, object: genuine.object.id }),
    ],
    [
      "Update of the victim's Note",
      (a) => ({
        "@context": AS,
        id: `${a.id}/act/${randomUUID()}`,
        type: "Update",
        actor: a.id,
        object: { ...genuine.object, content: marker, updated: new Date().toISOString() },
      }),
    ],
    [
      "Delete of the victim's Note",
      (a) => ({ "@context": AS, id: `${a.id}/act/${randomUUID()}`, type: "Delete", actor: a.id, object: genuine.object.id }),
    ],
    [
      "Update of the victim's actor",
      (a) => ({
        "@context": AS,
        id: `${a.id}/act/${randomUUID()}`,
        type: "Update",
        actor: a.id,
        object: { id: victim.id, type: "Person", preferredUsername: "victim", name: marker, inbox: victim.inbox },
      }),
    ],
    [
      "Delete of the victim's actor",
      (a) => ({ "@context": AS, id: `${a.id}/act/${randomUUID()}`, type: "Delete", actor: a.id, object: victim.id }),
    ],
    [
      "Announce embedding a forged copy from another host",
      (a) => ({
        "@context": AS,
        id: `${a.id}/act/${randomUUID()}`,
        type: "Announce",
        actor: a.id,
        to: [PUBLIC],
        object: { ...genuine.object, content: marker },
      }),
    ],
  ];
  const jobs = [];
  for (let round = 0; round < 6; round++) for (const [label] of variants) jobs.push([label, attackers[round]]);
  await pool(jobs, 3, async ([label, attacker]) => {
    const make = variants.find((v) => v[0] === label)[1];
    // 202: ActivityPub has no refusal a sender acts on; 400/401/403 would do as well.
    tally.check(label, await signedPost(inbox, make(attacker), attacker), [202, 400, 401, 403]);
  });

  const after = await figures(admin);
  for (const d of grew(before, after)) tally.stored(1, d);
  // The victim's Note and profile are untouched, and the marker appears nowhere alice looks.
  const notes = await users.alice.ok("GET", "/api/notifications?limit=40");
  const seen = JSON.stringify(notes) + JSON.stringify(await users.alice.ok("GET", "/api/timelines/home?limit=40"));
  const fed = JSON.stringify(await users.alice.ok("GET", "/api/timelines/federated?limit=40"));
  if (seen.includes(marker) || fed.includes(marker)) tally.stored(1, "forged content visible to alice");
  if (!seen.includes("genuine words")) tally.stored(1, "the victim's genuine Note is gone or changed");
  const profile = await users.alice.req("GET", `/api/accounts/${encodeURIComponent(victim.id)}`);
  if (profile.text.includes(marker)) tally.stored(1, "the victim's profile was changed by another actor");
  t.info(`origin rules: ${tally.tried} forged Creates/Updates/Deletes/Announces by 6 actors`);
  tally.assertClean();
}

// ---------------------------------------------------------------------------- malformed

export async function malformedBodies(t) {
  const { origin, fake, admin, users } = t;
  const tally = new Tally("oversized and malformed bodies");
  t.tallies.push(tally);
  const inbox = `${origin}/inbox`;
  const r = rng(0x5eed);
  const senders = await Promise.all(Array.from({ length: 4 }, (_, i) => fake.actor(`malformed${i}`)));
  const before = await figures(admin);
  const AP = "application/activity+json";
  const post = (url, body, type = AP, extra = {}) =>
    send(url, { method: "POST", headers: type ? { "content-type": type, ...extra } : extra, body });

  // 1. Oversized (> 1 MB) at the inbox and (> 64 KB) at the JSON API.
  const big = (n) => JSON.stringify({ type: "Create", actor: `${fake.origin}/users/x`, content: "A".repeat(n) });
  for (const n of [1_048_577, 1_200_000, 3_000_000, 8_000_000]) {
    tally.check(`inbox ${n} bytes`, await post(inbox, big(n)), [413]);
    tally.check(`inbox ${n} bytes, signed`, await signedPost(inbox, big(n), senders[0]), [413]);
  }
  for (const n of [70_000, 200_000, 2_000_000])
    tally.check(`API ${n} bytes`, await users.mallory.req("POST", "/api/posts", { text: "x".repeat(n) }), [413]);

  // 2. Wrong content types at the inbox (415), whatever the body.
  const types = [
    "text/plain",
    "application/json",
    "text/html",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/activity+jsonx",
    "image/png",
    "",
    null,
  ];
  for (const ty of types)
    for (const body of ['{"type":"Create"}', "<script>alert(1)</script>", "a=b"])
      tally.check(`content-type ${ty}`, await post(inbox, body, ty), [415]);

  // 3. Bodies the gate refuses: not JSON (400 malformed_json), JSON but not an object with a string type (400).
  const broken = [
    "",
    "{",
    '{"type":"Create",}',
    "{'type':'Create'}",
    '{"type":"Create" "actor":1}',
    "NaN",
    "\u0000\u0001\u0002",
    '{"type":"\\ud800"', // truncated
    "[".repeat(5000),
    "ÿþ{}",
  ];
  for (let i = 0; i < 40; i++) {
    const bytes = Buffer.from(Array.from({ length: 1 + r.int(200) }, () => r.int(256)));
    broken.push(bytes.toString("latin1"));
  }
  const notActivities = [
    "null",
    "true",
    "42",
    '"Create"',
    "[]",
    '[{"type":"Create"}]',
    "{}",
    '{"type":null}',
    '{"type":1}',
    '{"type":["Create"]}',
    '{"type":{"@id":"Create"}}',
    '{"actor":"x"}',
  ];
  for (const body of broken) tally.check("broken JSON", await post(inbox, body), [400]);
  for (const body of notActivities) tally.check(`not an activity: ${body}`, await post(inbox, body), [400]);
  for (const body of [...broken.slice(0, 10), ...notActivities])
    tally.check(`signed, not an activity: ${body.slice(0, 30)}`, await signedPost(inbox, body, senders[1]), [400]);

  // 4. Structurally an activity, nonsense inside: unsigned -> 401; signed -> 202 or 4xx, never 5xx, nothing stored.
  const deep = (n) => `${'{"type":"Create","object":'.repeat(1)}${"[".repeat(n)}1${"]".repeat(n)}}`;
  const weird = [
    () => deep(2000),
    () => deep(20000),
    () => JSON.stringify({ type: "Create", actor: ["a", "b"], object: 1 }),
    () => JSON.stringify({ type: "Create", actor: 12, object: { type: "Note", content: { a: 1 } } }),
    () => JSON.stringify({ type: "Create", object: { type: "Note", to: 5, cc: { x: 1 }, tag: "nope", published: "yesterday" } }),
    () => JSON.stringify({ type: "Create", object: { type: ["Note", "Article"], id: 7, attributedTo: [] } }),
    () => JSON.stringify({ type: "Delete", object: null }),
    () => JSON.stringify({ type: "Undo", object: { type: "Undo", object: { type: "Undo", object: { type: "Follow" } } } }),
    () => JSON.stringify({ type: "Like", object: "javascript:alert(1)" }),
    () => JSON.stringify({ type: "Follow", object: `${origin}/users/${"a".repeat(5000)}` }),
    () => JSON.stringify({ type: "Create", object: { type: "Note", content: "x".repeat(900_000) } }),
    () => JSON.stringify({ "@context": `${fake.origin}/no-such-context`, type: "Create", object: { type: "Note" } }),
    () => JSON.stringify({ "@context": [AS, { "@vocab": "http://127.0.0.1:9/evil#" }], type: "Create" }),
    () => JSON.stringify({ "@context": { "@context": { "@context": AS } }, type: "Note" }),
    () => JSON.stringify({ type: "\u202eetaerC", actor: "\u0000" }),
    () => JSON.stringify({ type: "Create", id: "not a url", object: { id: "also not", type: "Note" } }),
    () =>
      JSON.stringify({
        type: "Create",
        id: "urn:uuid:1",
        object: { id: "data:text/html,<script>alert(1)</script>", type: "Note" },
      }),
    () => JSON.stringify({ type: "Flag", object: Array.from({ length: 5000 }, (_, i) => `${origin}/notes/${i}`) }),
    () =>
      JSON.stringify({
        type: "Create",
        object: { type: "Note", tag: Array.from({ length: 5000 }, () => ({ type: "Mention", href: `${origin}/users/alice` })) },
      }),
    () => JSON.stringify({ type: "EmojiReact", content: "😀".repeat(10000), object: `${origin}/notes/x` }),
    // Values of the wrong kind where Fedify's vocabulary expects dates, strings or language maps.
    () => JSON.stringify({ type: "Create", object: { type: "Note", content: "x", updated: true } }),
    () => JSON.stringify({ type: "Create", object: { type: "Note", content: "x", published: 12 } }),
    () => JSON.stringify({ type: "Create", object: { type: "Note", name: {}, summary: [1, 2] } }),
    () => JSON.stringify({ type: "Flag", object: { type: "Note", contentMap: { en: 5 }, sensitive: "yes" } }),
    () => JSON.stringify({ type: "Update", object: { type: "Person", publicKey: { publicKeyPem: 5 }, icon: "x" } }),
  ];
  const typeNames = [
    "Create",
    "Update",
    "Delete",
    "Follow",
    "Accept",
    "Reject",
    "Undo",
    "Like",
    "Announce",
    "Flag",
    "Block",
    "Move",
    "Add",
    "Question",
  ];
  const fieldValues = [
    null,
    0,
    -1,
    1e308,
    true,
    "",
    "x".repeat(3000),
    [],
    [null],
    {},
    { id: 5 },
    "http://127.0.0.1:9/x",
    "ftp://x/y",
    "<b>x</b>",
  ];
  for (let i = 0; i < 120; i++) {
    weird.push(() => {
      const o = { type: r.pick(typeNames) };
      for (const k of ["id", "actor", "object", "to", "cc", "target", "content", "published", "tag", "attachment"])
        if (r.next() < 0.5) o[k] = r.pick(fieldValues);
      if (r.next() < 0.5)
        o.object = {
          type: r.pick(["Note", "Person", "Tombstone", "Image"]),
          id: r.pick(fieldValues),
          content: r.pick(fieldValues),
        };
      return JSON.stringify(o);
    });
  }
  let k = 0;
  await pool(weird, 3, async (make) => {
    const body = make();
    const sender = senders[k++ % senders.length];
    // The claimed actor is the signer (when the body names none, Fedify refuses it).
    let signedBody = body;
    try {
      const o = JSON.parse(body);
      if (o && typeof o === "object" && !Array.isArray(o)) signedBody = JSON.stringify({ ...o, actor: sender.id });
    } catch {}
    tally.check(`unsigned nonsense ${body.slice(0, 60)}`, await post(inbox, body), [400, 401]);
    tally.check(
      `signed nonsense ${signedBody.slice(0, 60)}`,
      await signedPost(inbox, signedBody, sender),
      [202, 400, 401, 403, 404],
    );
  });

  // 4b. Unsigned bodies naming remote JSON-LD contexts: refused (401) without our server
  //     fetching any of them (Fedify reads JSON-LD before it checks signatures).
  const ctxBefore = fake.contextHits();
  for (let i = 0; i < 20; i++) {
    const body = JSON.stringify({
      "@context": [AS, `${fake.origin}/ctx/${i}`],
      type: r.pick(typeNames),
      actor: senders[0].id,
      object: { type: "Note", content: "x" },
    });
    tally.check("unsigned, remote @context", await post(inbox, body), [401]);
  }
  const ctxFetched = fake.contextHits() - ctxBefore;
  if (ctxFetched > 0) tally.stored(ctxFetched, "remote @context documents fetched for unsigned requests");

  // 5. The JSON API: malformed and mistyped bodies (4xx, never stored).
  const apiBodies = [
    ["POST", "/api/posts", "{"],
    ["POST", "/api/posts", "[]"],
    ["POST", "/api/posts", "null"],
    ["POST", "/api/posts", JSON.stringify({ text: 5 })],
    ["POST", "/api/posts", JSON.stringify({ text: ["a"] })],
    ["POST", "/api/posts", JSON.stringify({ text: "x", visibility: "everyone" })],
    ["POST", "/api/posts", JSON.stringify({ text: "x".repeat(3001) })],
    ["POST", "/api/posts", JSON.stringify({ text: "" })],
    ["POST", "/api/posts", JSON.stringify({ text: "x", mediaIds: "a" })],
    ["POST", "/api/posts", JSON.stringify({ text: "x", mediaIds: ["a", "b", "c", "d", "e"] })],
    ["POST", "/api/posts", JSON.stringify({ text: "x", replyToId: { $ne: null } })],
    ["POST", "/api/posts", JSON.stringify({ text: "x", communityId: "' OR 1=1 --" })],
    ["POST", "/api/posts", JSON.stringify({ text: "x", quoteId: "../../etc/passwd" })],
    ["PATCH", "/api/me", JSON.stringify({ displayName: "x".repeat(51) })],
    ["PATCH", "/api/me", JSON.stringify({ bio: 7 })],
    ["PATCH", "/api/me", JSON.stringify({ role: "admin" })],
    ["POST", "/api/auth/signup", JSON.stringify({ username: "a b", password: "correct horse battery" })],
    ["POST", "/api/auth/signup", JSON.stringify({ username: "x".repeat(200), password: "correct horse battery" })],
    ["POST", "/api/auth/signup", JSON.stringify({ username: "okname", password: "" })],
    ["POST", "/api/auth/signup", JSON.stringify({ username: ["admin"], password: "correct horse battery" })],
    ["POST", "/api/auth/login", JSON.stringify({ username: { $gt: "" }, password: { $gt: "" } })],
    ["POST", "/api/communities", JSON.stringify({ name: "../x", title: "t" })],
    ["POST", "/api/communities", JSON.stringify({ name: "ok", title: "t", visibility: "secret" })],
    ["POST", "/api/reports", JSON.stringify({ category: "spam", postId: 1 })],
    ["POST", "/api/filters", JSON.stringify({ phrase: "", action: "hide" })],
  ];
  for (const [method, path, body] of apiBodies) {
    for (const type of ["application/json", "text/plain"]) {
      const res = await users.mallory.req(method, path, body, { "content-type": type });
      // Unknown fields may be ignored (a 200 that changed nothing: the role is checked below).
      const ignored = path === "/api/me" && body.includes('"role"') && res.status === 200 && res.json?.account?.role === "user";
      tally.check(
        `${method} ${path} ${type} ${body.slice(0, 40)}`,
        res,
        (x) => ignored || (x.status >= 400 && x.status < 500 && x.status !== 429),
      );
    }
  }

  const after = await figures(admin);
  for (const d of grew(before, after)) tally.stored(1, d);
  const me = await users.mallory.ok("GET", "/api/me");
  if (me.account.role && me.account.role !== "user") tally.stored(1, `mallory's role became ${me.account.role}`);
  t.info(`malformed: ${tally.tried} bodies (inbox and API)`);
  tally.assertClean();
}

// ---------------------------------------------------------------------------- spam wave

export async function mentionSpam(t) {
  const { origin, fake, admin, users } = t;
  const tally = new Tally("mention-spam wave");
  t.tallies.push(tally);
  const inbox = `${origin}/inbox`;
  const carol = users.carol;
  await admin.ok("PATCH", "/api/admin/settings", { unknownSenderPolicy: "filter" });
  try {
    const wave = await Promise.all(Array.from({ length: 50 }, (_, i) => fake.actor(`fresh${i}`)));
    const before = await figures(admin);
    const filteredBefore = (await carol.ok("GET", "/api/notifications/filtered?limit=40")).items.length;
    // 1. unknownSenderPolicy "filter": 50 fresh accounts, 2 posts each, 1-3 mentions (under the caps).
    const jobs = wave.flatMap((a) => [a, a]);
    await pool(jobs, 4, async (a) => {
      const extra = [`${fake.origin}/users/nobody1`, `${fake.origin}/users/nobody2`].slice(0, Math.floor(Math.random() * 3));
      const act = mentionNote(
        origin,
        a,
        "carol",
        {},
        {
          tag: [
            { type: "Mention", href: `${origin}/users/carol`, name: "@carol" },
            ...extra.map((href) => ({ type: "Mention", href })),
          ],
          content: "<p>@carol check out my profile!!</p>",
        },
      );
      tally.check("quarantined mention", await signedPost(inbox, act, a), [202]);
    });
    const unreadNow = (await carol.ok("GET", "/api/notifications/unread")).count;
    if (unreadNow !== 0) tally.stored(unreadNow, "carol's unread count after the wave");
    const main = (await carol.ok("GET", "/api/notifications?limit=40")).items;
    if (main.length !== 0) tally.stored(main.length, "notifications in carol's main list");
    const held = (await carol.ok("GET", "/api/notifications/filtered?limit=40")).items.length;
    t.info(
      `spam (filter): ${jobs.length} Creates from 50 fresh actors; carol unread ${unreadNow}, main list ${main.length}, Filtered tab ${held - filteredBefore} (first page)`,
    );
    const mid = await figures(admin);
    // The posts themselves are kept (that is what "filter" means); nothing else grows.
    for (const d of grew(before, mid, { remotePosts: jobs.length, remoteActors: wave.length })) tally.stored(1, d);

    // 2. The mention caps: 10+ mentions per post from accounts nobody follows are dropped
    //    entirely: no post, no actor row, no notification, not even a Filtered one.
    const caps = await Promise.all(Array.from({ length: 30 }, (_, i) => fake.actor(`capped${i}`)));
    await pool(
      caps.flatMap((a) => [a, a, a]),
      4,
      async (a) => {
        const n = 10 + Math.floor(Math.random() * 15);
        const tags = [
          { type: "Mention", href: `${origin}/users/carol`, name: "@carol" },
          { type: "Mention", href: `${origin}/users/alice`, name: "@alice" },
          ...Array.from({ length: n - 2 }, (_, i) => ({ type: "Mention", href: `http://127.0.0.1:9/users/v${i}` })),
        ];
        const act = mentionNote(
          origin,
          a,
          "carol",
          {},
          { tag: tags, to: [`${origin}/users/carol`, `${origin}/users/alice`, PUBLIC] },
        );
        tally.check(`${n} mentions`, await signedPost(inbox, act, a), [202]);
      },
    );
    const after = await figures(admin);
    for (const d of grew(mid, after)) tally.stored(1, d);
    const unreadAfter = (await carol.ok("GET", "/api/notifications/unread")).count;
    if (unreadAfter !== 0) tally.stored(unreadAfter, "carol's unread count after the capped wave");
    const heldAfter = (await carol.ok("GET", "/api/notifications/filtered?limit=40")).items;
    const cappedSeen = heldAfter.filter((n) => /capped\d+@/.test(n.account?.acct ?? "")).length;
    if (cappedSeen) tally.stored(cappedSeen, "capped posts' notifications in the Filtered tab");
    const stats = await admin.ok("GET", "/api/admin/policy-stats");
    t.info(`policy hits: ${JSON.stringify(stats.items?.map((i) => `${i.rule}=${i.count}`) ?? stats)}`);
  } finally {
    await admin.ok("PATCH", "/api/admin/settings", { unknownSenderPolicy: "allow" });
  }
  tally.assertClean();
}

export { Client };
