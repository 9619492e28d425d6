/**
 * Hostile input at the inbox: every refusal is a clear 4xx JSON (or ActivityPub's 202
 * for an activity a policy drops), nothing half-stored, no 500. The spam wave is the
 * February 2024 shape: many fresh accounts on a few servers, ~10 mentions per post.
 */
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { signRequest } from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Client, ORIGIN, signUp } from "./client";
import { type FakeActor, fakeActor, serveRemotes, signedPost } from "./fake-remote";

vi.setConfig({ testTimeout: 60_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const AS = "https://www.w3.org/ns/activitystreams";
const TABLES = ["remote_posts", "remote_actors", "remote_follows", "remote_reactions", "posts", "notifications"];

const count = async (table: string) => Number(await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first("n"));
async function counts() {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)] as const)));
}

async function send(actor: FakeActor, activity: Record<string, unknown>, path = "/inbox") {
  return exports.default.fetch(await signedPost(`${ORIGIN}${path}`, { "@context": AS, ...activity }, actor));
}

function note(actor: FakeActor, n: string, extra: Record<string, unknown> = {}) {
  return {
    id: `${actor.id}/statuses/${n}`,
    type: "Note",
    attributedTo: actor.id,
    content: `<p>note ${n}</p>`,
    published: "2026-01-01T00:00:00Z",
    to: [PUBLIC],
    cc: [`${actor.id}/followers`],
    ...extra,
  };
}
const create = (actor: FakeActor, object: Record<string, unknown>) => ({
  id: `${object.id}/activity`,
  type: "Create",
  actor: actor.id,
  object,
});

/** `accountId` follows the actor (accepted), as after their Accept. */
async function follows(accountId: string, actor: FakeActor) {
  const host = new URL(actor.id).host;
  await env.DB.prepare(
    "INSERT OR IGNORE INTO remote_actors (id, iri, host, handle, name, inbox, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0)",
  )
    .bind(`ra-${actor.id}`, actor.id, host, `@${actor.document.preferredUsername}@${host}`, "X", actor.inbox)
    .run();
  const id = await env.DB.prepare("SELECT id FROM remote_actors WHERE iri = ?").bind(actor.id).first<string>("id");
  await env.DB.prepare(
    "INSERT INTO remote_followings (account_id, remote_actor_id, follow_iri, accepted_at, created_at) VALUES (?, ?, ?, 1, 1)",
  )
    .bind(accountId, id, `${ORIGIN}/follows/${id}`)
    .run();
}

async function hits(admin: Client): Promise<Record<string, number>> {
  const { items } = await admin.json<{ items: { rule: string; count: number }[] }>("GET", "/api/admin/policy-stats");
  return Object.fromEntries(items.map((i) => [i.rule, i.count]));
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/json/);
  expect((await res.json<{ error: { code: string } }>()).error.code).toBe(code);
}

async function myId(c: Client) {
  return (await c.json<{ account: { id: string } }>("GET", "/api/me")).account.id;
}

describe("hostile inbox input", () => {
  it("a spam wave (fresh accounts, 10 mentions per post, in a loop) is refused before any write", async () => {
    const admin = await signUp("admin");
    await signUp("alice");
    const bots = await Promise.all(Array.from({ length: 12 }, (_, i) => fakeActor(`spam${i % 3}.example`, `bot${i}`)));
    restore = serveRemotes(bots).restore;
    const before = await counts();
    const mentions = [
      { type: "Mention", href: `${ORIGIN}/users/alice`, name: "@alice" },
      ...Array.from({ length: 9 }, (_, i) => ({ type: "Mention", href: `https://victim${i}.example/users/v`, name: "@v" })),
    ];
    let sent = 0;
    for (let round = 0; round < 2; round++) {
      for (const bot of bots) {
        const res = await send(
          bot,
          create(
            bot,
            note(bot, `${round}`, {
              to: [`${ORIGIN}/users/alice`, PUBLIC],
              tag: mentions,
              content: "<p>@alice check this out</p>",
            }),
          ),
        );
        expect(res.status).toBe(202);
        sent++;
      }
    }
    expect(await counts()).toEqual(before);
    expect((await hits(admin)).stranger_mention_limit).toBe(sent);
  });

  it("unknown-sender policy `drop`: a stranger's single mention is dropped too; a followed account still gets through", async () => {
    const admin = await signUp("admin");
    const alice = await signUp("alice");
    const stranger = await fakeActor("fresh.example", "newbie");
    const friend = await fakeActor("fine.example", "friend");
    restore = serveRemotes([stranger, friend]).restore;
    await follows(await myId(alice), friend);
    await admin.json("PATCH", "/api/admin/settings", { unknownSenderPolicy: "drop" });
    const mention = { to: [`${ORIGIN}/users/alice`], cc: [], tag: [{ type: "Mention", href: `${ORIGIN}/users/alice` }] };
    expect((await send(stranger, create(stranger, note(stranger, "1", mention)))).status).toBe(202);
    expect((await send(friend, create(friend, note(friend, "1", mention)))).status).toBe(202);
    expect(await count("remote_posts")).toBe(1);
    expect(await count("remote_actors")).toBe(1);
    expect((await hits(admin)).unknown_sender).toBe(1);
  });

  it("unknown-sender policy `filter`: a wave of fresh strangers' mentions is quarantined (no badge, no main list; the Filtered tab has them)", async () => {
    const admin = await signUp("admin");
    const alice = await signUp("alice");
    const bots = await Promise.all(Array.from({ length: 6 }, (_, i) => fakeActor(`wave${i % 2}.example`, `fresh${i}`)));
    const friend = await fakeActor("fine.example", "friend");
    restore = serveRemotes([...bots, friend]).restore;
    await follows(await myId(alice), friend);
    await admin.json("PATCH", "/api/admin/settings", { unknownSenderPolicy: "filter" });
    const mention = { to: [`${ORIGIN}/users/alice`], cc: [], tag: [{ type: "Mention", href: `${ORIGIN}/users/alice` }] };
    for (const bot of bots) expect((await send(bot, create(bot, note(bot, "1", mention)))).status).toBe(202);
    expect((await alice.json<{ count: number }>("GET", "/api/notifications/unread")).count).toBe(0);
    expect((await alice.json<{ items: unknown[] }>("GET", "/api/notifications")).items).toEqual([]);
    const held = await alice.json<{ items: { type: string; account: { acct: string } }[] }>("GET", "/api/notifications/filtered");
    expect(held.items.map((n) => n.type)).toEqual(Array(6).fill("mention"));
    expect((await hits(admin)).unknown_sender).toBe(6);
    // Someone alice's server follows still reaches her.
    await send(friend, create(friend, note(friend, "1", mention)));
    expect((await alice.json<{ count: number }>("GET", "/api/notifications/unread")).count).toBe(1);
    const main = await alice.json<{ items: { account: { acct: string } }[] }>("GET", "/api/notifications");
    expect(main.items.map((n) => n.account.acct)).toEqual(["friend@fine.example"]);
  });

  it("the new-account hold quarantines notices from accounts first seen within the hold, even followed ones", async () => {
    const admin = await signUp("admin");
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    restore = serveRemotes([bob]).restore;
    await follows(await myId(alice), bob);
    await admin.json("PATCH", "/api/admin/settings", { newAccountHoldHours: 24 });
    const mention = { to: [`${ORIGIN}/users/alice`], cc: [], tag: [{ type: "Mention", href: `${ORIGIN}/users/alice` }] };
    expect((await send(bob, create(bob, note(bob, "1", mention)))).status).toBe(202);
    expect((await alice.json<{ count: number }>("GET", "/api/notifications/unread")).count).toBe(0);
    const held = await alice.json<{ items: { type: string }[] }>("GET", "/api/notifications/filtered");
    expect(held.items.map((n) => n.type)).toEqual(["mention"]);
    expect((await hits(admin)).new_account_hold).toBe(1);
  });

  it("prohibited words drop a remote Note; sensitive words force a content warning", async () => {
    const admin = await signUp("admin");
    const bob = await fakeActor("remote.example", "bob");
    restore = serveRemotes([bob]).restore;
    await follows(await myId(admin), bob);
    await admin.json("PATCH", "/api/admin/settings", { prohibitedWords: ["casino"], sensitiveWords: ["gore"] });
    await send(bob, create(bob, note(bob, "1", { content: "<p>best CASINO bonus</p>" })));
    expect(await count("remote_posts")).toBe(0);
    await send(bob, create(bob, note(bob, "2", { content: "<p>some gore</p>" })));
    const row = await env.DB.prepare("SELECT cw, sensitive FROM remote_posts").first();
    expect(row).toEqual({ cw: "Sensitive content", sensitive: 1 });
    expect(await hits(admin)).toMatchObject({ prohibited_word: 1, sensitive_word: 1 });
  });

  it("refuses malformed bodies, wrong content types and forged signatures with 4xx JSON, storing nothing", async () => {
    await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    const mallory = await fakeActor("evil.example", "mallory");
    restore = serveRemotes([bob, mallory]).restore;
    const before = await counts();
    const raw = (body: string, type: string) =>
      exports.default.fetch(new Request(`${ORIGIN}/inbox`, { method: "POST", headers: { "content-type": type }, body }));
    await expectError(await raw("{not json", "application/activity+json"), 400, "malformed_json");
    await expectError(await raw("[1,2]", "application/activity+json"), 400, "validation_failed");
    await expectError(await raw('{"actor":"x"}', "application/activity+json"), 400, "validation_failed");
    await expectError(await raw("\u0000\u00ff", "application/ld+json"), 400, "malformed_json");
    await expectError(await raw('{"type":"Create"}', "text/plain"), 415, "unsupported_media_type");
    await expectError(await raw('{"type":"Create"}', "application/x-www-form-urlencoded"), 415, "unsupported_media_type");
    await expectError(
      await raw(`{"type":"Create","x":"${"a".repeat(1024 * 1024)}"}`, "application/activity+json"),
      413,
      "payload_too_large",
    );
    // bob's key id, mallory's private key.
    const forged = await send({ ...bob, privateKey: mallory.privateKey }, create(bob, note(bob, "1")));
    expect(forged.status).toBe(401);
    // A signed request whose body was changed afterwards (digest mismatch).
    const signed = await signedPost(`${ORIGIN}/inbox`, create(bob, note(bob, "2")), bob);
    const tampered = new Request(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify(create(bob, note(bob, "3"))),
    });
    const status = (await exports.default.fetch(tampered)).status;
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    // A valid signature made two hours ago (stale: a replay).
    const stale = await signRequest(
      new Request(`${ORIGIN}/inbox`, {
        method: "POST",
        headers: { "content-type": "application/activity+json" },
        body: JSON.stringify({ "@context": AS, ...create(bob, note(bob, "5")) }),
      }),
      bob.privateKey,
      new URL(bob.keyId),
      {
        spec: "draft-cavage-http-signatures-12",
        currentTime: Temporal.Instant.fromEpochMilliseconds(Date.now() - 2 * 3600_000) as never,
      },
    );
    expect((await exports.default.fetch(stale)).status).toBe(401);
    // mallory signs a Create claiming bob as the actor.
    expect((await send(mallory, create(bob, note(bob, "4")))).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("duplicate deliveries store once; Delete before Create stays deleted", async () => {
    const alice = await signUp("alice");
    const bob = await fakeActor("remote.example", "bob");
    restore = serveRemotes([bob]).restore;
    await follows(await myId(alice), bob);
    const object = note(bob, "1");
    for (let i = 0; i < 3; i++) expect((await send(bob, create(bob, object))).status).toBe(202);
    expect(await count("remote_posts")).toBe(1);
    const late = note(bob, "2");
    await send(bob, { id: `${bob.id}#del/2`, type: "Delete", actor: bob.id, object: late.id });
    await send(bob, create(bob, late));
    const row = await env.DB.prepare("SELECT deleted FROM remote_posts WHERE iri = ?").bind(late.id).first("deleted");
    expect(row).toBe(1);
  });

  it("a flood from one actor gets 429 with Retry-After; the server's other actors still get through", async () => {
    const admin = await signUp("admin");
    const bob = await fakeActor("remote.example", "bob");
    const carol = await fakeActor("remote.example", "carol");
    restore = serveRemotes([bob, carol]).restore;
    await follows(await myId(admin), bob);
    await follows(await myId(admin), carol);
    await admin.json("PATCH", "/api/admin/settings", { inboxActorPerMinute: 5 });
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await send(bob, create(bob, note(bob, `${i}`)));
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await limited?.json<{ error: { code: string } }>())?.error.code).toBe("rate_limited");
    expect(await count("remote_posts")).toBe(5);
    expect((await send(carol, create(carol, note(carol, "1")))).status).toBe(202);
    expect((await hits(admin)).inbox_rate_limit).toBe(3);
  });

  it("a suspended domain is refused with 403 before any key fetch, and what we held of it is purged", async () => {
    const admin = await signUp("admin");
    const alice = await signUp("alice");
    const bob = await fakeActor("sub.remote.example", "bob");
    const remote = serveRemotes([bob]);
    restore = remote.restore;
    // Before the block: bob follows alice, alice follows bob, one cached post.
    expect((await send(bob, { id: `${bob.id}#f1`, type: "Follow", actor: bob.id, object: `${ORIGIN}/users/alice` })).status).toBe(
      202,
    );
    await follows(await myId(alice), bob);
    await send(bob, create(bob, note(bob, "1")));
    expect(await count("remote_posts")).toBe(1);
    expect(await count("remote_follows")).toBe(1);

    // Blocking the parent domain covers the subdomain.
    await admin.json("POST", "/api/admin/domain-blocks", { domain: "remote.example", severity: "suspend" }, 201);
    expect(await counts()).toMatchObject({ remote_posts: 0, remote_actors: 0, remote_follows: 0 });
    expect(await count("remote_followings")).toBe(0);

    const fetches = vi.mocked(globalThis.fetch).mock.calls.length;
    const res = await send(bob, create(bob, note(bob, "2")));
    await expectError(res, 403, "domain_suspended");
    // Nothing was fetched (no key lookup) for the refused request.
    expect(vi.mocked(globalThis.fetch).mock.calls.length).toBe(fetches);
    expect(await count("remote_posts")).toBe(0);
    expect((await hits(admin)).domain_suspended).toBe(1);
  });

  it("silence keeps a domain's posts off the federated timeline (followers still see them); rejectMedia drops attachments", async () => {
    const admin = await signUp("admin");
    const bob = await fakeActor("loud.example", "bob");
    restore = serveRemotes([bob]).restore;
    await follows(await myId(admin), bob);
    await admin.json("POST", "/api/admin/domain-blocks", { domain: "loud.example", severity: "silence", rejectMedia: true }, 201);
    const attachment = [{ type: "Document", mediaType: "image/png", url: "https://loud.example/m.png" }];
    expect((await send(bob, create(bob, note(bob, "1", { attachment })))).status).toBe(202);
    const row = await env.DB.prepare("SELECT visibility, media FROM remote_posts").first();
    expect(row).toEqual({ visibility: "unlisted", media: "[]" });
    expect((await admin.json("GET", "/api/timelines/federated")).items).toEqual([]);
    expect((await admin.json("GET", "/api/timelines/home")).items.map((p: { uri: string }) => p.uri)).toContain(
      `${bob.id}/statuses/1`,
    );
    expect(await hits(admin)).toMatchObject({ domain_silenced: 1, domain_reject_media: 1 });
    // A stranger on the silenced domain can't reach anyone here by mentioning them.
    const eve = await fakeActor("loud.example", "eve");
    restore?.();
    restore = serveRemotes([bob, eve]).restore;
    const mention = { to: [`${ORIGIN}/users/admin`], cc: [], tag: [{ type: "Mention", href: `${ORIGIN}/users/admin` }] };
    expect((await send(eve, create(eve, note(eve, "1", mention)))).status).toBe(202);
    expect(await count("remote_posts")).toBe(1);
    expect((await hits(admin)).domain_silenced).toBe(2);
    // rejectMedia: an actor first stored after the block keeps no avatar link.
    const mallory = await fakeActor("sub.loud.example", "mallory");
    (mallory.document as Record<string, unknown>).icon = { type: "Image", url: "https://sub.loud.example/a.png" };
    restore?.();
    restore = serveRemotes([bob, eve, mallory]).restore;
    const follow = { id: `${mallory.id}#f`, type: "Follow", actor: mallory.id, object: `${ORIGIN}/users/admin` };
    expect((await send(mallory, follow)).status).toBe(202);
    const avatar = await env.DB.prepare("SELECT avatar_url FROM remote_actors WHERE iri = ?").bind(mallory.id).first();
    expect(avatar).toEqual({ avatar_url: null });
  });
});
