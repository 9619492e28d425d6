import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, postAs, signUp } from "./client";

async function community(owner: Client, name: string, extra: Record<string, unknown> = {}) {
  const r = await owner.json("POST", "/api/communities", { name, title: `Title ${name}`, ...extra }, 201);
  return r.community as { id: string; rootId: string; depth: number };
}

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;

describe("community model", () => {
  it("creates communities and nested rooms to three levels, with moderator-only management", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const root = await community(alice, "cats", { description: "all cats" });
    expect(root).toMatchObject({ parentId: null, rootId: root.id, depth: 0 });
    const r1 = await community(alice, "cats-photos", { parentId: root.id });
    const r2 = await community(alice, "cats-photos-black", { parentId: r1.id });
    const r3 = await community(alice, "cats-photos-black-kittens", { parentId: r2.id });
    expect([r1.depth, r2.depth, r3.depth]).toEqual([1, 2, 3]);
    const tooDeep = await alice.post("/api/communities", { name: "x4", title: "x", parentId: r3.id });
    expect(tooDeep.status).toBe(400);
    expect((await bob.post("/api/communities", { name: "bob-room", title: "x", parentId: root.id })).status).toBe(403);
    expect((await alice.post("/api/communities", { name: "CATS", title: "dup" })).status).toBe(409);
    expect((await alice.post("/api/communities", { name: "bad name", title: "x" })).status).toBe(400);
    expect((await new Client().post("/api/communities", { name: "anon", title: "x" })).status).toBe(401);

    // rename, move, archive: moderators only
    expect((await bob.patch(`/api/communities/${r1.id}`, { title: "mine now" })).status).toBe(403);
    expect((await alice.json("PATCH", `/api/communities/${r1.id}`, { title: "Photos" })).community.title).toBe("Photos");
    const moved = await alice.json("PATCH", `/api/communities/${r3.id}`, { parentId: r1.id });
    expect(moved.community).toMatchObject({ parentId: r1.id, depth: 2 });
    expect((await alice.patch(`/api/communities/${r1.id}`, { parentId: r3.id })).status).toBe(400); // inside itself
    expect((await alice.json("PATCH", `/api/communities/${r2.id}`, { archived: true })).community.archived).toBe(true);

    const got = await bob.json("GET", "/api/communities/cats");
    expect(got.community).toMatchObject({ id: root.id, description: "all cats", membersCount: 1 });
    expect(got.rooms).toHaveLength(4);
  });

  it("lists public communities in a searchable directory, never members-only ones", async () => {
    const alice = await signUp("alice");
    await community(alice, "gardening", { title: "Gardening club" });
    await community(alice, "secret-garden", { title: "Secret garden", visibility: "members" });
    await community(alice, "cooking", { title: "Cooking" });
    const all = await new Client().json("GET", "/api/communities");
    expect(all.items.map((c: any) => c.name).sort()).toEqual(["cooking", "gardening"]);
    const q = await new Client().json("GET", "/api/communities?q=garden");
    expect(q.items.map((c: any) => c.name)).toEqual(["gardening"]);
    const wild = await new Client().json("GET", "/api/communities?q=%25");
    expect(wild.items).toHaveLength(0);
  });

  it("joins by policy: open, approval with a request queue, invite links with use limits", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const carol = await signUp("carol");
    const open = await community(alice, "open-c");
    const approval = await community(alice, "approval-c", { joinPolicy: "approval" });
    const invite = await community(alice, "invite-c", { joinPolicy: "invite" });

    expect((await bob.json("POST", `/api/communities/${open.id}/join`)).status).toBe("joined");
    expect((await bob.json("GET", `/api/communities/${open.id}`)).community.me).toMatchObject({ member: true, role: "member" });

    const req = await bob.post(`/api/communities/${approval.id}/join`, { message: "hi!" });
    expect(req.status).toBe(202);
    expect((await bob.json("GET", `/api/communities/${approval.id}`)).community.me.requested).toBe(true);
    expect((await bob.get(`/api/communities/${approval.id}/requests`)).status).toBe(403);
    const requests = await alice.json("GET", `/api/communities/${approval.id}/requests`);
    expect(requests.items).toMatchObject([{ username: "bob", message: "hi!" }]);
    const bobId = requests.items[0].accountId;
    await alice.json("POST", `/api/communities/${approval.id}/requests/${bobId}/approve`);
    expect((await bob.json("GET", `/api/communities/${approval.id}`)).community.me.member).toBe(true);
    expect((await alice.post(`/api/communities/${approval.id}/requests/${bobId}/approve`)).status).toBe(404);

    expect((await bob.post(`/api/communities/${invite.id}/join`)).status).toBe(403);
    expect((await bob.post(`/api/communities/${invite.id}/invites`)).status).toBe(403);
    const { invite: inv } = await alice.json("POST", `/api/communities/${invite.id}/invites`, { maxUses: 1 }, 201);
    expect(inv.url).toContain(inv.code);
    const preview = await carol.json("GET", `/api/communities/invites/${inv.code}`);
    expect(preview.community).toMatchObject({ id: invite.id, name: "invite-c" });
    expect((await carol.get("/api/communities/invites/nope")).status).toBe(404);
    expect((await bob.json("POST", `/api/communities/${invite.id}/join`, { inviteCode: inv.code })).status).toBe("joined");
    expect((await carol.post(`/api/communities/${invite.id}/join`, { inviteCode: inv.code })).status).toBe(403); // used up
    expect((await carol.post(`/api/communities/${invite.id}/join`, { inviteCode: "nonsense" })).status).toBe(403);
    expect(await count("SELECT members_count AS n FROM communities WHERE id = ?", invite.id)).toBe(2);

    expect((await bob.json("POST", `/api/communities/${open.id}/leave`)).status).toBe("left");
    expect((await alice.post(`/api/communities/${open.id}/leave`)).status).toBe(400); // owner stays
    expect(await count("SELECT members_count AS n FROM communities WHERE id = ?", open.id)).toBe(1);

    // Moderators remove members; members cannot remove anyone.
    await carol.json("POST", `/api/communities/${open.id}/join`);
    const carolId = (await carol.json("GET", "/api/me")).account.id;
    const aliceId = (await alice.json("GET", "/api/me")).account.id;
    expect((await carol.delete(`/api/communities/${open.id}/members/${aliceId}`)).status).toBe(403);
    expect((await alice.delete(`/api/communities/${open.id}/members/${carolId}`)).status).toBe(204);
    expect((await carol.json("GET", `/api/communities/${open.id}`)).community.me.member).toBe(false);
  });

  it("stores icons and banners in R2 for moderators only, checking the content type", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const c = await community(alice, "pics");
    const gif = new TextEncoder().encode("GIF89a\x01\x00\x01\x00");
    const form = () => {
      const f = new FormData();
      f.set("file", new File([gif], "icon.gif"));
      return f;
    };
    expect((await bob.post(`/api/communities/${c.id}/icon`, form())).status).toBe(403);
    const up = await alice.json("POST", `/api/communities/${c.id}/icon`, form());
    expect(up.community.iconUrl).toMatch(/\/media\/communities\/.+\.gif$/);
    expect((await alice.get(new URL(up.community.iconUrl).pathname)).headers.get("content-type")).toBe("image/gif");
    const bad = new FormData();
    bad.set("file", new File(["<html><script>alert(1)</script>"], "x.gif"));
    expect((await alice.post(`/api/communities/${c.id}/banner`, bad)).status).toBe(415);
    expect((await env.MEDIA.list()).objects).toHaveLength(1);
  });
});

describe("posting through the community Durable Object", () => {
  it("posts with increasing sequence numbers; non-members get 403", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const c = await community(alice, "seq");
    const seqs: (number | null)[] = [];
    for (let i = 0; i < 5; i++) seqs.push((await postAs(alice, `m${i}`, { communityId: c.id })).seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    const refused = await bob.post("/api/posts", { text: "let me in", communityId: c.id });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe("forbidden");
    const tl = await bob.json("GET", `/api/communities/${c.id}/timeline`);
    expect(tl.items.map((p: any) => p.text)).toEqual(["m4", "m3", "m2", "m1", "m0"]);
    // A reply to a community post lands in the same community without naming it.
    const reply = await postAs(alice, "re", { replyToId: tl.items[0].id });
    expect(reply).toMatchObject({ communityId: c.id, seq: 6 });
    // Community posts do not flood the server-wide local timeline.
    expect((await bob.json("GET", "/api/timelines/local")).items).toHaveLength(0);
    expect((await new Client().post("/api/posts", { text: "x", communityId: c.id })).status).toBe(401);
    expect((await alice.post("/api/posts", { text: "x", communityId: "01890000-0000-7000-8000-000000000000" })).status).toBe(404);
  });

  it("cuts a flood of 40 posts with 429 and Retry-After, storing only what was accepted", async () => {
    const alice = await signUp("alice");
    const c = await community(alice, "flood");
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const res = await alice.post("/api/posts", { text: `spam ${i}`, communityId: c.id });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        expect(((await res.json()) as any).error.code).toBe("rate_limited");
      }
    }
    const accepted = statuses.filter((s) => s === 201).length;
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThan(15);
    expect(statuses.filter((s) => s === 429).length).toBe(40 - accepted);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(await count("SELECT COUNT(*) AS n FROM posts WHERE community_id = ?", c.id)).toBe(accepted);
  });

  it("enforces slow mode for members but not moderators, and mutes", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const c = await community(alice, "slow");
    await bob.json("POST", `/api/communities/${c.id}/join`);
    await alice.json("PATCH", `/api/communities/${c.id}`, { slowModeSeconds: 60 });
    expect((await bob.post("/api/posts", { text: "one", communityId: c.id })).status).toBe(201);
    const second = await bob.post("/api/posts", { text: "two", communityId: c.id });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(50);
    expect((await alice.post("/api/posts", { text: "mod 1", communityId: c.id })).status).toBe(201);
    expect((await alice.post("/api/posts", { text: "mod 2", communityId: c.id })).status).toBe(201);

    const members = await alice.json("GET", `/api/communities/${c.id}/members`);
    const bobId = members.items.find((m: any) => m.account.username === "bob").account.id;
    expect((await bob.patch(`/api/communities/${c.id}/members/${bobId}`, { mutedForSeconds: 60 })).status).toBe(403);
    await alice.json("PATCH", `/api/communities/${c.id}/members/${bobId}`, { mutedForSeconds: 3600 });
    await alice.json("PATCH", `/api/communities/${c.id}`, { slowModeSeconds: 0 });
    const muted = await bob.post("/api/posts", { text: "muted", communityId: c.id });
    expect(muted.status).toBe(403);
  });

  it("refuses posts in archived communities", async () => {
    const alice = await signUp("alice");
    const c = await community(alice, "old");
    await alice.json("PATCH", `/api/communities/${c.id}`, { archived: true });
    expect((await alice.post("/api/posts", { text: "x", communityId: c.id })).status).toBe(403);
  });

  it("keeps its sequence across eviction and keeps only a bounded window in storage", async () => {
    const alice = await signUp("alice");
    const c = await community(alice, "evict");
    await postAs(alice, "a", { communityId: c.id });
    await postAs(alice, "b", { communityId: c.id });
    const stub = env.COMMUNITY.getByName(c.id);
    await evictDurableObject(stub);
    expect((await postAs(alice, "c", { communityId: c.id })).seq).toBe(3);
    const stored = await runInDurableObject(stub, async (_instance, state) => {
      return state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM recent").one().n;
    });
    expect(stored).toBe(3);
  });
});

describe("members-only privacy on every path", () => {
  async function secretWorld() {
    const alice = await signUp("alice");
    const bob = await signUp("bob"); // member
    const eve = await signUp("eve"); // not a member, follows alice
    const anon = new Client();
    const c = await community(alice, "secret", { visibility: "members", joinPolicy: "approval" });
    const { invite } = await alice.json("POST", `/api/communities/${c.id}/invites`, {}, 201);
    await bob.json("POST", `/api/communities/${c.id}/join`, { inviteCode: invite.code });
    await eve.json("POST", "/api/follows", { target: "alice" });
    const post = await postAs(alice, "the secret plan @eve", { communityId: c.id });
    const reply = await postAs(bob, "agreed", { replyToId: post.id });
    const pub = await postAs(alice, "public thread root");
    return { alice, bob, eve, anon, c, post, reply, pub };
  }

  it("hides the community, its timeline, members and catch-up from non-members", async () => {
    const { bob, eve, anon, c } = await secretWorld();
    for (const who of [eve, anon]) {
      for (const path of [
        `/api/communities/${c.id}`,
        "/api/communities/secret",
        `/api/communities/${c.id}/timeline`,
        `/api/communities/${c.id}/timeline?mode=highlights`,
        `/api/communities/${c.id}/members`,
        `/api/communities/${c.id}/catch-up`,
      ]) {
        expect((await who.get(path)).status, path).toBe(404);
      }
    }
    expect((await eve.post(`/api/communities/${c.id}/join`)).status).toBe(404);
    expect((await bob.json("GET", `/api/communities/${c.id}/timeline`)).items).toHaveLength(2);
  });

  it("hides its posts from post detail, threads, profiles, local and home timelines", async () => {
    const { bob, eve, anon, post, reply } = await secretWorld();
    for (const who of [eve, anon]) {
      expect((await who.get(`/api/posts/${post.id}`)).status).toBe(404);
      expect((await who.get(`/api/posts/${reply.id}/thread`)).status).toBe(404);
      const profile = await who.json("GET", "/api/accounts/alice/posts");
      expect(profile.items.map((p: any) => p.text)).toEqual(["public thread root"]);
      expect((await who.json("GET", "/api/timelines/local")).items.map((p: any) => p.text)).toEqual(["public thread root"]);
    }
    // eve was mentioned and follows alice, but is not a member: nothing in her home either.
    expect((await eve.json("GET", "/api/timelines/home")).items.map((p: any) => p.text)).toEqual(["public thread root"]);
    // Members see it everywhere it belongs.
    expect((await bob.get(`/api/posts/${post.id}`)).status).toBe(200);
    expect((await bob.json("GET", `/api/posts/${post.id}/thread`)).descendants).toHaveLength(1);
    expect((await bob.json("GET", "/api/timelines/home")).items.map((p: any) => p.text)).toContain("the secret plan @eve");
  });

  it("refuses the live WebSocket to non-members and answers members", async () => {
    const { bob, eve, c } = await secretWorld();
    const upgrade = { upgrade: "websocket" };
    expect((await eve.request("GET", `/api/communities/${c.id}/live`, undefined, upgrade)).status).toBe(404);
    expect((await new Client().request("GET", `/api/communities/${c.id}/live`, undefined, upgrade)).status).toBe(404);
    const ok = await bob.request("GET", `/api/communities/${c.id}/live`, undefined, upgrade);
    expect(ok.status).toBe(101);
    ok.webSocket?.accept();
    ok.webSocket?.close();
  });
});

describe("reading at any speed", () => {
  it("thins a busy timeline to highlights with 'more' markers", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const c = await community(alice, "busy");
    await bob.json("POST", `/api/communities/${c.id}/join`);
    const posts = [];
    for (let i = 0; i < 8; i++) posts.push(await postAs(alice, `n${i}`, { communityId: c.id }));
    // n2 gets two replies, n5 one: they lead their window (bob replies, staying under his own rate limit).
    for (const target of [2, 2, 5]) await postAs(bob, `reply to n${target}`, { communityId: c.id, replyToId: posts[target]!.id });
    // n0 draws three reactions: reactions count toward a highlight as replies do.
    for (const [who, emoji] of [
      [alice, "👍"],
      [alice, "❤️"],
      [bob, "👍"],
    ] as const) {
      await who.json("POST", `/api/posts/${posts[0]!.id}/reactions`, { emoji });
    }
    const h = await alice.json("GET", `/api/communities/${c.id}/timeline?mode=highlights`);
    const shown = h.items.filter((i: any) => i.type === "post").map((i: any) => i.text);
    expect(shown).toHaveLength(3);
    expect(shown).toContain("n0");
    expect(shown).toContain("n2");
    expect(shown).toContain("n5");
    const more = h.items.filter((i: any) => i.type === "more");
    expect(more.reduce((n: number, m: any) => n + m.count, 0)).toBe(11 - 3);
    expect((await alice.get(`/api/communities/${c.id}/timeline?mode=loud`)).status).toBe(400);
  });

  it("summarises what happened since the read marker and counts unread per community", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const c = await community(alice, "catchup");
    await bob.json("POST", `/api/communities/${c.id}/join`);
    await postAs(alice, "a1", { communityId: c.id });
    const joined = await bob.json("GET", "/api/communities/joined");
    const entry = joined.items.find((x: any) => x.id === c.id);
    expect(entry.me.unread).toBe(1); // alice's post (join events and bob's own posts do not count)
    expect((await bob.post(`/api/communities/${c.id}/read`, { seq: entry.lastSeq })).status).toBe(204);
    await postAs(alice, "a2", { communityId: c.id });
    await postAs(bob, "b1", { communityId: c.id });
    await postAs(alice, "a3", { communityId: c.id });
    const summary = await bob.json("GET", `/api/communities/${c.id}/catch-up?since=${entry.lastSeq}`);
    expect(summary.newPosts).toBe(3);
    expect(summary.activeMembers[0]).toMatchObject({ username: "alice", posts: 2 });
    // bob's own post moved his marker; only alice's a3 is unread now, and the default catch-up starts there.
    expect((await bob.json("GET", `/api/communities/${c.id}/catch-up`)).newPosts).toBe(1);
    expect((await bob.json("GET", "/api/communities/joined")).items.find((x: any) => x.id === c.id).me.unread).toBe(1);
    expect((await bob.post(`/api/communities/${c.id}/read`, { seq: -1 })).status).toBe(400);
  });

  it("merges joined communities into the home timeline, newest first", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const c1 = await community(alice, "h1");
    const c2 = await community(alice, "h2");
    await bob.json("POST", `/api/communities/${c1.id}/join`);
    await bob.json("POST", `/api/communities/${c2.id}/join`);
    await postAs(alice, "in h1", { communityId: c1.id });
    await postAs(bob, "my own");
    await postAs(alice, "in h2", { communityId: c2.id });
    const home = await bob.json("GET", "/api/timelines/home");
    expect(home.items.map((p: any) => p.text)).toEqual(["in h2", "my own", "in h1"]);
    await bob.json("POST", `/api/communities/${c2.id}/leave`);
    expect((await bob.json("GET", "/api/timelines/home")).items.map((p: any) => p.text)).toEqual(["my own", "in h1"]);
  });
});

describe("group commit in the community Durable Object", () => {
  it("gives concurrent posts contiguous sequence numbers and stores every accepted one", async () => {
    const owner = await signUp("owner");
    const c = await community(owner, "many");
    const members = [];
    for (let i = 0; i < 6; i++) {
      const m = await signUp(`m${i}`);
      await m.json("POST", `/api/communities/${c.id}/join`);
      members.push(m);
    }
    const results = await Promise.all(
      members.flatMap((m, i) =>
        Array.from({ length: 5 }, (_, k) => m.post("/api/posts", { text: `m${i}-${k}`, communityId: c.id })),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const seqs = (await Promise.all(results.map(async (r) => ((await r.json()) as any).post.seq as number))).sort(
      (a, b) => a - b,
    );
    // Contiguous: no gaps and no duplicates (the joins took the sequence numbers before them).
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => seqs[0]! + i));
    expect(await count("SELECT COUNT(*) AS n FROM posts WHERE community_id = ?", c.id)).toBe(30);
    expect(await count("SELECT posts_count AS n FROM communities WHERE id = ?", c.id)).toBe(30);
  });

  it("commits a group with more distinct authors than one statement can bind (D1's 100 parameters)", async () => {
    const owner = await signUp("host");
    const c = await community(owner, "crowd");
    const members = await Promise.all(
      Array.from({ length: 45 }, async (_, i) => {
        const m = await signUp(`crowd${i}`);
        await m.json("POST", `/api/communities/${c.id}/join`);
        return m;
      }),
    );
    const results = await Promise.all(members.map((m, i) => m.post("/api/posts", { text: `hello ${i}`, communityId: c.id })));
    expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    expect(await count("SELECT COUNT(*) AS n FROM posts WHERE community_id = ?", c.id)).toBe(45);
  }, 30_000); // dozens of sign-ups: slow when the machine is busy, never a timing assertion

  it("answers 503 and keeps running when D1 refuses the write, losing no sequence numbers", async () => {
    const alice = await signUp("alice");
    const c = await community(alice, "fragile");
    expect((await postAs(alice, "before", { communityId: c.id })).seq).toBe(1);
    // Make the write fail inside D1 (a trigger that aborts inserts), then heal it.
    await env.DB.prepare(
      "CREATE TRIGGER fail_posts BEFORE INSERT ON posts BEGIN SELECT RAISE(ABORT, 'simulated outage'); END",
    ).run();
    const failed = await alice.post("/api/posts", { text: "during", communityId: c.id });
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as any).error.code).toBe("unavailable");
    await env.DB.prepare("DROP TRIGGER fail_posts").run();
    expect((await postAs(alice, "after", { communityId: c.id })).seq).toBe(2);
    expect(await count("SELECT COUNT(*) AS n FROM posts WHERE community_id = ?", c.id)).toBe(2);
  });
});
