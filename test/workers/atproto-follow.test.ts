/**
 * Following and reading Bluesky accounts through our API, against real D1 and the real
 * app, with the network behind our own port answering from recorded fixtures
 * (atproto-fixtures.ts): follow by handle, DID or at:// URI; posts in the home timeline;
 * profiles; deletions and new posts on the next poll; `!no-unauthenticated`; unreachable,
 * rate-limited and taken-down repositories (clear states, backoff, no retry storm); the
 * cron's bounded pass.
 */
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { buildDeps } from "../../workers/deps";
import { atprotoMount, atprotoScheduled } from "../../workers/federation/atproto/mount";
import { createApp } from "../../workers/http/app";
import { ALICE, ALICE_PDS, FixtureNetwork } from "./atproto-fixtures";
import { Client, signUp } from "./client";

let network = new FixtureNetwork();
const app = createApp(
  () => [],
  atprotoMount(() => network),
);
const fetcher = (request: Request) => Promise.resolve(app.fetch(request, env));
let admin: Client;
let reader: Client;

const home = async (c: Client) => (await c.json("GET", "/api/timelines/home?limit=40")).items as any[];
const bluesky = (items: any[]) => items.filter((p) => p.protocol === "atproto");
const did = (n: number) => `did:plc:${String.fromCharCode(97 + Math.floor(n / 26), 97 + (n % 26))}${"c".repeat(22)}`;

// Storage is reset for every test: each starts with an admin, a reader and a fresh network.
beforeEach(async () => {
  network = new FixtureNetwork();
  admin = await signUp("admin", undefined, fetcher);
  reader = await signUp("reader", undefined, fetcher);
});

const followAlice = () => reader.json("POST", "/api/follows", { target: "alice.bsky.social", protocol: "atproto" });

describe("following a Bluesky account", () => {
  it("by handle: posts land in the home timeline, newest first, as Bluesky posts", async () => {
    const r = await reader.json("POST", "/api/follows", { target: "@Alice.bsky.social", protocol: "atproto" });
    expect(r.relationship).toEqual({ following: true, requested: false, followedBy: false });
    expect(r.account).toMatchObject({ did: ALICE, username: "alice.bsky.social", protocol: "atproto", status: "ok" });
    const posts = bluesky(await home(reader));
    // Six records, one malformed.
    expect(posts.map((p) => p.uri.split("/").pop())).toEqual([
      "3lbqquote000a",
      "3lbqqreply00a",
      "3lbqqlabel00a",
      "3lbqqlink000a",
      "3lbqqfirst00a",
    ]);
    expect(posts[0]).toMatchObject({
      remote: true,
      protocol: "atproto",
      uri: `at://${ALICE}/app.bsky.feed.post/3lbqquote000a`,
      url: "https://bsky.app/profile/alice.bsky.social/post/3lbqquote000a",
      host: "pds.example.com",
      author: { username: "alice.bsky.social", displayName: "Alice ✨" },
      embed: { type: "quote" },
    });
    expect(posts[2]).toMatchObject({ sensitive: true, cw: "Adult content" });
  });

  it("is not shown to other accounts or in the federated timeline", async () => {
    await followAlice();
    expect(bluesky(await home(admin))).toEqual([]);
    const federated = await new Client(fetcher).json("GET", "/api/timelines/federated");
    expect(bluesky(federated.items)).toEqual([]);
  });

  it("shows the profile and its cached posts", async () => {
    await followAlice();
    const { account } = await reader.json("GET", "/api/accounts/alice.bsky.social?protocol=atproto");
    expect(account).toMatchObject({
      did: ALICE,
      displayName: "Alice ✨",
      bio: "<p>Writes about &lt;tea&gt; &amp; trains.<br>Tokyo.</p>",
      avatarUrl: `${ALICE_PDS}/xrpc/com.atproto.sync.getBlob?did=${encodeURIComponent(ALICE)}&cid=bafkreiavataralice`,
      url: "https://bsky.app/profile/alice.bsky.social",
      relationship: { following: true },
    });
    const page1 = await reader.json("GET", "/api/accounts/alice.bsky.social/posts?protocol=atproto&limit=3");
    expect(page1.items).toHaveLength(3);
    const page2 = await reader.json(
      "GET",
      `/api/accounts/alice.bsky.social/posts?protocol=atproto&limit=3&cursor=${page1.nextCursor}`,
    );
    expect(page2.items).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
  });

  it("by DID and by at:// URI; unknown names are 404, an unreachable directory 503", async () => {
    network.addAccount(did(1), "bob.example.org", [{ rkey: "3bob1", text: "bob" }]);
    network.addAccount(did(2), "carol.example.org", [{ rkey: "3carol1", text: "carol" }]);
    const byDid = await reader.json("POST", "/api/follows", { target: did(1), protocol: "atproto" });
    expect(byDid.account.username).toBe("bob.example.org");
    const byUri = await reader.json("POST", "/api/follows", {
      target: `at://${did(2)}/app.bsky.feed.post/3carol1`,
      protocol: "atproto",
    });
    expect(byUri.account.did).toBe(did(2));
    expect(bluesky(await home(reader)).map((p) => p.text)).toEqual(expect.arrayContaining(["bob", "carol"]));

    for (const target of ["nobody.example.org", "did:plc:zzzzzzzzzzzzzzzzzzzzzzzz", "not a handle", "at://"]) {
      const res = await reader.post("/api/follows", { target, protocol: "atproto" });
      expect(res.status, target).toBe(404);
    }
    network.addAccount(did(3), "dave.example.org");
    network.plcError = { code: "unreachable", message: "timeout" };
    const res = await reader.post("/api/follows", { target: "dave.example.org", protocol: "atproto" });
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).error.code).toBe("unavailable");
    network.plcError = null;
  });

  it("the next poll drops posts deleted on the PDS and adds new ones", async () => {
    await followAlice();
    const repo = network.repo(ALICE);
    repo.posts = repo.posts.filter((p) => !p.uri.endsWith("/3lbqqreply00a"));
    network.addPost(ALICE, "3lbqqnew0000a", "brand new", "2026-11-21T12:00:00.000Z");
    expect((await reader.post("/api/atproto/poll")).status).toBe(403);
    const poll = await admin.json("POST", "/api/atproto/poll");
    expect(poll).toEqual({ polled: 1, failed: 0 });
    const uris = bluesky(await home(reader)).map((p) => p.uri.split("/").pop());
    expect(uris).not.toContain("3lbqqreply00a");
    expect(uris).toContain("3lbqqnew0000a");
  });

  it("unfollowing removes the account's posts from home", async () => {
    await followAlice();
    const r = await reader.json("DELETE", "/api/follows/alice.bsky.social?protocol=atproto");
    expect(r.relationship.following).toBe(false);
    expect(bluesky(await home(reader))).toEqual([]);
  });
});

describe("states and limits", () => {
  it("hides !no-unauthenticated accounts from signed-out viewers", async () => {
    network.addAccount(did(4), "shy.example.org", [{ rkey: "3shy1", text: "shy" }]);
    network.repo(did(4)).profile = {
      uri: `at://${did(4)}/app.bsky.actor.profile/self`,
      cid: "x",
      value: {
        displayName: "Shy",
        labels: { $type: "com.atproto.label.defs#selfLabels", values: [{ val: "!no-unauthenticated" }] },
      },
    };
    const ok = await reader.json("GET", "/api/accounts/shy.example.org?protocol=atproto");
    expect(ok.account.labels).toEqual(["!no-unauthenticated"]);
    const anon = new Client(fetcher);
    for (const path of [
      "/api/accounts/shy.example.org?protocol=atproto",
      "/api/accounts/shy.example.org/posts?protocol=atproto",
    ]) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(401);
    }
  });

  it("an unreachable PDS backs off per DID and keeps answering from the cache; rate limits and takedowns", async () => {
    network.addAccount(did(5), "flaky.example.org", [{ rkey: "3fl1", text: "before the outage" }]);
    await reader.json("POST", "/api/follows", { target: "flaky.example.org", protocol: "atproto" });
    network.repo(did(5)).error = { code: "unreachable", message: "connect ECONNREFUSED" };
    await admin.json("POST", "/api/atproto/poll");
    const row = await env.DB.prepare("SELECT status, failures, next_poll_at, last_polled_at FROM atproto_repos WHERE did = ?")
      .bind(did(5))
      .first<{ status: string; failures: number; next_poll_at: number; last_polled_at: number }>();
    expect(row).toMatchObject({ status: "unreachable", failures: 1 });
    expect(row!.next_poll_at - row!.last_polled_at).toBeGreaterThanOrEqual(10 * 60 * 1000);

    // Neither the cron nor opening the profile asks the PDS again before the backoff ends.
    const before = network.calls.filter((c) => c.includes(did(5))).length;
    await atprotoScheduled(env, buildDeps(env), () => network);
    const { account } = await reader.json("GET", "/api/accounts/flaky.example.org?protocol=atproto");
    expect(account.status).toBe("unreachable");
    expect(network.calls.filter((c) => c.includes(did(5))).length).toBe(before);
    expect(bluesky(await home(reader)).some((p) => p.text === "before the outage")).toBe(true);

    // A rate limit backs off at least as long as the server asked.
    network.repo(did(5)).error = { code: "rate_limited", message: "429", retryAfterMs: 3 * 60 * 60 * 1000 };
    await admin.json("POST", "/api/atproto/poll");
    const row2 = await env.DB.prepare("SELECT status, failures, next_poll_at, last_polled_at FROM atproto_repos WHERE did = ?")
      .bind(did(5))
      .first<{ status: string; failures: number; next_poll_at: number; last_polled_at: number }>();
    expect(row2).toMatchObject({ status: "rate_limited", failures: 2 });
    expect(row2!.next_poll_at - row2!.last_polled_at).toBeGreaterThanOrEqual(3 * 60 * 60 * 1000);

    // A taken-down repository leaves the cache and says so.
    network.repo(did(5)).error = { code: "takendown", message: "RepoTakendown" };
    await admin.json("POST", "/api/atproto/poll");
    const gone = await reader.json("GET", "/api/accounts/flaky.example.org?protocol=atproto");
    expect(gone.account.status).toBe("takendown");
    expect(bluesky(await home(reader)).some((p) => p.text === "before the outage")).toBe(false);
  });

  it("the cron polls at most 15 repositories per invocation, the longest-waiting first", async () => {
    for (let i = 10; i < 30; i++) {
      network.addAccount(did(i), `many${i}.example.org`);
      await reader.json("POST", "/api/follows", { target: did(i), protocol: "atproto" });
    }
    await env.DB.prepare("UPDATE atproto_repos SET next_poll_at = 0").run();
    const before = network.calls.filter((c) => c.startsWith("listRecords")).length;
    await atprotoScheduled(env, buildDeps(env), () => network);
    expect(network.calls.filter((c) => c.startsWith("listRecords")).length - before).toBe(15);
  });
});

describe("storage stays bounded", () => {
  it("forgets accounts nobody follows two weeks after their last read, with their cached posts", async () => {
    network.addAccount(did(6), "passing.example.org", [{ rkey: "3p1", text: "seen once" }]);
    await reader.json("GET", "/api/accounts/passing.example.org?protocol=atproto");
    await followAlice();
    const rows = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n ?? 0;
    expect(await rows("SELECT COUNT(*) AS n FROM atproto_repos")).toBe(2);
    const old = Date.now() - 15 * 24 * 60 * 60 * 1000;
    await env.DB.prepare("UPDATE atproto_repos SET last_polled_at = ?, next_poll_at = ?")
      .bind(old, Date.now() + 3600_000)
      .run();
    await atprotoScheduled(env, buildDeps(env), () => network);
    expect(await rows("SELECT COUNT(*) AS n FROM atproto_repos")).toBe(1);
    expect(await rows(`SELECT COUNT(*) AS n FROM remote_actors WHERE iri = '${did(6)}'`)).toBe(0);
    expect(await rows("SELECT COUNT(*) AS n FROM remote_posts WHERE text = 'seen once'")).toBe(0);
    expect(bluesky(await home(reader)).length).toBe(5);
  });
});

describe("the Worker", () => {
  it("mounts the adapter: Bluesky follows need a session, like every follow", async () => {
    const res = await new Client().post("/api/follows", { target: "alice.bsky.social", protocol: "atproto" });
    expect(res.status).toBe(401);
  });
});
