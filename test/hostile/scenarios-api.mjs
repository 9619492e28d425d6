// Floods (a local account posting in a loop, a remote actor flooding the inbox) and IDOR:
// every `{…}` route of our OpenAPI document called signed out and as an ordinary user with
// the ids of another user's private things.
import { randomUUID } from "node:crypto";
import { signedPost } from "./fake-remote.mjs";
import { Client, figures, grew, pool, Tally } from "./tally.mjs";

const AS = "https://www.w3.org/ns/activitystreams";

// ---------------------------------------------------------------------------- floods

export async function localFlood(t) {
  const { admin, users } = t;
  const tally = new Tally("flood: one local account");
  t.tallies.push(tally);
  const mallory = users.mallory;
  await admin.ok("PATCH", "/api/admin/settings", { postsPerMinute: 30 });
  const com = await mallory.ok("POST", "/api/communities", { name: `flood${Date.now() % 100000}`, title: "Flood" });
  const before = await figures(admin);
  let created = 0;
  let limited = 0;
  await pool(
    Array.from({ length: 80 }, (_, i) => i),
    4,
    async (i) => {
      const r = await mallory.req("POST", "/api/posts", { text: `flood ${i}`, communityId: com.community.id });
      tally.check(
        "community post in a loop",
        r,
        (x) => x.status === 201 || (x.status === 429 && Number(x.headers.get("retry-after")) > 0),
      );
      if (r.status === 201) created++;
      if (r.status === 429) limited++;
    },
  );
  if (limited === 0) tally.note("no 429 for 80 community posts in a loop");
  if (limited === 0) tally.wrongs++;
  const after = await figures(admin);
  for (const d of grew(before, after, { posts: created })) tally.stored(1, d);
  // Outside communities: the per-account posting bucket (postsPerMinute, 30 by default).
  let plain429 = 0;
  let plainCreated = 0;
  for (let i = 0; i < 40; i++) {
    const r = await mallory.req("POST", "/api/posts", { text: `plain flood ${i}`, visibility: "direct" });
    tally.check(
      "plain post in a loop",
      r,
      (x) => x.status === 201 || (x.status === 429 && Number(x.headers.get("retry-after")) > 0),
    );
    if (r.status === 429) plain429++;
    if (r.status === 201) plainCreated++;
  }
  if (plain429 === 0) tally.note("no 429 for 40 plain posts in a loop");
  if (plain429 === 0) tally.wrongs++;
  const after2 = await figures(admin);
  for (const d of grew(after, after2, { posts: plainCreated })) tally.stored(1, d);
  t.info(
    `local flood: community 80 posts -> ${created} created, ${limited} x 429; plain posts 40 -> ${plainCreated} created, ${plain429} x 429`,
  );
  tally.assertClean();
}

export async function inboxFlood(t) {
  const { origin, fake, admin } = t;
  const tally = new Tally("flood: one remote actor");
  t.tallies.push(tally);
  const actor = await fake.actor(`flooder${Date.now() % 100000}`);
  await admin.ok("PATCH", "/api/admin/settings", { inboxActorPerMinute: 60 });
  try {
    const before = await figures(admin);
    let accepted = 0;
    let limited = 0;
    let firstLimitAt = -1;
    await pool(
      Array.from({ length: 140 }, (_, i) => i),
      3,
      async (i) => {
        // A public Note addressed to nobody here, from an actor nobody follows: not cached.
        const id = `${actor.id}/statuses/${randomUUID()}`;
        const act = {
          "@context": AS,
          id: `${id}/activity`,
          type: "Create",
          actor: actor.id,
          object: { id, type: "Note", attributedTo: actor.id, content: `<p>flood ${i}</p>`, to: [`${AS}#Public`] },
        };
        const r = await signedPost(`${origin}/inbox`, act, actor);
        tally.check("inbox flood", r, (x) => x.status === 202 || (x.status === 429 && Number(x.headers.get("retry-after")) > 0));
        if (r.status === 202) accepted++;
        if (r.status === 429) {
          limited++;
          if (firstLimitAt < 0) firstLimitAt = i;
        }
      },
    );
    if (limited === 0) {
      tally.note("the per-actor bucket never ran out (no 429 in 140 activities)");
      tally.wrongs++;
    }
    const after = await figures(admin);
    for (const d of grew(before, after)) tally.stored(1, d);
    t.info(`inbox flood: 140 activities -> ${accepted} x 202, ${limited} x 429 (first at #${firstLimitAt})`);
  } finally {
    await admin.ok("PATCH", "/api/admin/settings", { inboxActorPerMinute: 100_000 });
  }
  tally.assertClean();
}

// ---------------------------------------------------------------------------- IDOR

/** A plausible body for an operation, from its JSON schema (required fields filled in). */
function bodyFor(op, spec, marker) {
  const content = op.requestBody?.content ?? {};
  if (content["multipart/form-data"]) {
    const form = new FormData();
    form.set("file", new Blob([Buffer.from("89504e470d0a1a0a", "hex")], { type: "image/png" }), "x.png");
    form.set("shortcode", "pwned");
    return form;
  }
  let schema = content["application/json"]?.schema;
  if (!schema) return undefined;
  const resolve = (s) => (s?.$ref ? spec.components.schemas[s.$ref.split("/").pop()] : s);
  schema = resolve(schema);
  const value = (s, name) => {
    s = resolve(s);
    if (!s) return "x";
    if (s.enum) return s.enum.includes("suspend") ? "suspend" : s.enum.includes("admin") ? "admin" : s.enum[0];
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (type === "boolean") return true;
    if (type === "integer" || type === "number") return 1;
    if (type === "array") return [];
    if (type === "object") return {};
    if (name === "emoji") return "👍";
    return `pwned ${marker}`;
  };
  const out = {};
  for (const [k, s] of Object.entries(schema.properties ?? {})) {
    if ((schema.required ?? []).includes(k) || ["text", "title", "role", "action", "emoji", "visibility"].includes(k))
      out[k] = value(s, k);
  }
  return out;
}

/** The legitimate 2xx answers: the caller's own relations or public reads (they must still leak no marker). */
const OWN_OR_PUBLIC = [
  /^GET \/api\/accounts\/\{handle\}(\/posts|\/pinned|\/relations)?$/,
  /^POST \/api\/accounts\/\{handle\}\/(mute|unmute|block|unblock|hide-boosts|show-boosts)$/,
  /^DELETE \/api\/follows\/\{target\}$/,
  /^GET \/api\/timelines\/tag\/\{tag\}$/,
  /^GET \/api\/communities\/\{id\}$/, // the card of a members-only community (its posts stay hidden)
  /^POST \/api\/communities\/\{id\}\/leave$/, // leaving what you are not in changes nothing
  /^GET \/api\/admin\/reports$/, // a community moderator (mallory runs one) sees her communities' reports only
  /^GET LIST$/, // the caller's own lists and searches
];

export async function idor(t) {
  const { origin, admin, users } = t;
  const tally = new Tally("IDOR on {id} routes");
  t.tallies.push(tally);
  const { bob, carol, mallory } = users;
  const anon = new Client(origin, "signed out");
  const marker = `SECRET-${randomUUID().slice(0, 8)}`;

  // Bob's private things.
  const text = (what) => `${what} ${marker} #secrettag`;
  const followersPost = (await bob.ok("POST", "/api/posts", { text: text("followers-only"), visibility: "followers" })).post;
  const directPost = (await bob.ok("POST", "/api/posts", { text: `@carol ${text("direct")}`, visibility: "direct" })).post;
  const publicPost = (await bob.ok("POST", "/api/posts", { text: "bob's public post" })).post;
  const community = (
    await bob.ok("POST", "/api/communities", {
      name: `secret${Date.now() % 100000}`,
      title: "Members only",
      visibility: "members",
      joinPolicy: "invite",
    })
  ).community;
  const communityPost = (await bob.ok("POST", "/api/posts", { text: text("members-only"), communityId: community.id })).post;
  const filter = (await bob.ok("POST", "/api/filters", { phrase: marker, action: "hide" })).filter;
  await bob.ok("POST", `/api/posts/${followersPost.id}/bookmark`);
  await bob.ok("POST", `/api/posts/${publicPost.id}/pin`);
  const report = (
    await bob.ok("POST", "/api/reports", {
      postId: (await carol.ok("POST", "/api/posts", { text: "carol says hi" })).post.id,
      category: "spam",
      comment: marker,
    })
  ).report;
  await bob.ok("PATCH", "/api/me", { locked: true });
  await carol.ok("POST", "/api/follows", { target: "bob" });
  const requests = await bob.ok("GET", "/api/follow-requests");
  const followRequest = requests.items[0];
  const png = Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d0e1a30000000049454e44ae426082",
    "hex",
  );
  const form = new FormData();
  form.set("file", new Blob([png], { type: "image/png" }), "secret.png");
  form.set("alt", marker);
  const media = await bob.ok("POST", "/api/media", form);
  const mediaId = media.media?.id ?? media.id;
  const invite = await admin.ok("POST", "/api/admin/invites", {});
  const inviteCode = invite.invite?.code ?? invite.code;
  await admin.ok("POST", "/api/admin/domain-blocks", { domain: "blocked.example", severity: "silence" });
  const fixtures = { followersPost, directPost, communityPost, community, filter, report, followRequest, mediaId, inviteCode };
  for (const [k, v] of Object.entries(fixtures))
    if (!v) throw Object.assign(new Error(`IDOR fixture ${k} missing`), { precondition: true });

  const spec = (await anon.req("GET", "/api/openapi.json")).json;
  const BAD = ["nope", "0".repeat(300), "..%2F..%2Fadmin", "%00", "-1", "' OR '1'='1"];
  const ids = (path) => {
    if (path.startsWith("/api/posts/")) return [followersPost.id, directPost.id, communityPost.id, ...BAD.slice(0, 3)];
    if (path.startsWith("/api/communities/invites/")) return ["wrongcode"];
    if (path.startsWith("/api/communities/")) return [community.id, BAD[0]];
    if (path.startsWith("/api/media/")) return [mediaId, BAD[0]];
    if (path.startsWith("/api/filters/")) return [filter.id, BAD[0]];
    if (path.startsWith("/api/follow-requests/")) return [followRequest.id, BAD[0]];
    if (path.startsWith("/api/admin/reports/")) return [report.id, BAD[0]];
    if (path.startsWith("/api/admin/accounts/")) return [bob.id, admin.id];
    return [randomUUID(), BAD[0]];
  };
  const params = {
    handle: ["bob"],
    accountId: [carol.id],
    decision: ["approve"],
    kind: ["icon"],
    emoji: [encodeURIComponent("❤️")],
    tag: ["secrettag"],
    target: ["bob"],
    shortcode: ["blobcat"],
    domain: ["blocked.example"],
    key: [`accounts/${bob.id}/avatar/${randomUUID()}.png`],
  };
  const calls = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    const admin = path.startsWith("/api/admin/");
    if (!path.includes("{") && !admin) continue;
    for (const [method, op] of Object.entries(ops)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      let concrete = [path];
      for (const name of names) {
        const values =
          name === "id" || (name === "code" && path.includes("/invites/"))
            ? name === "code" && path.startsWith("/api/admin/")
              ? [inviteCode]
              : ids(path)
            : (params[name] ?? ["x"]);
        concrete = concrete.flatMap((p) => values.map((v) => p.replace(`{${name}}`, v)));
      }
      for (const p of concrete) calls.push({ method: method.toUpperCase(), template: path, path: p, op });
    }
  }
  // Lists and searches without an id, where a leak would show as the marker.
  for (const path of [
    `/api/search?q=${marker}`,
    `/api/search?q=${marker}&type=posts`,
    "/api/search?q=secrettag",
    "/api/timelines/local?limit=40",
    "/api/timelines/home?limit=40",
    "/api/timelines/federated?limit=40",
    "/api/bookmarks",
    "/api/notifications?limit=40",
    "/api/communities?q=Members",
    "/api/communities/joined",
  ])
    calls.push({ method: "GET", template: "LIST", path, op: {} });
  const before = await figures(admin);
  const rights = [];
  await pool(
    calls.flatMap((c) => [
      { ...c, who: anon },
      { ...c, who: mallory },
    ]),
    4,
    async ({ method, template, path, op, who }) => {
      const key = `${method} ${template}`;
      const body = ["POST", "PUT", "PATCH"].includes(method) ? bodyFor(op, spec, marker) : undefined;
      const res = await who.req(method, path, body);
      const label = `${who.name}: ${method} ${path}`;
      tally.check(label, res, (r) => {
        if (r.text.includes(marker)) return false; // a leak, whatever the status
        if (r.status >= 200 && r.status < 300) {
          const legit = OWN_OR_PUBLIC.some((re) => re.test(key)) && !(who === anon && method !== "GET");
          if (legit) rights.push(key);
          return legit;
        }
        return [400, 401, 403, 404, 405, 409, 415, 422, 426].includes(r.status);
      });
    },
  );

  // Nothing of bob's changed.
  const after = await figures(admin);
  for (const d of grew(before, after)) tally.stored(1, d);
  for (const post of [followersPost, directPost, communityPost, publicPost]) {
    const r = await bob.req("GET", `/api/posts/${post.id}`);
    if (r.status !== 200) tally.stored(1, `bob's post ${post.visibility} now answers ${r.status}`);
    else {
      const p = r.json.post;
      if (p.text !== post.text) tally.stored(1, `bob's ${post.visibility} post text changed: ${p.text}`);
      if ((p.reactionsCount ?? 0) !== 0 || (p.boostsCount ?? 0) !== 0)
        tally.stored(1, `reactions/boosts on bob's ${post.visibility} post`);
      if (post === publicPost && !p.pinned) tally.stored(1, "bob's pin was removed");
    }
  }
  const bookmarks = await bob.ok("GET", "/api/bookmarks");
  if (!bookmarks.items.some((p) => p.id === followersPost.id)) tally.stored(1, "bob's bookmark was removed");
  const c = await bob.ok("GET", `/api/communities/${community.id}`);
  if (c.community.title !== "Members only" || c.community.visibility !== "members") tally.stored(1, "bob's community changed");
  const filters = await bob.ok("GET", "/api/filters");
  if (!JSON.stringify(filters).includes(filter.id)) tally.stored(1, "bob's filter was deleted");
  const fr = await bob.ok("GET", "/api/follow-requests");
  if (!fr.items.some((x) => x.id === followRequest.id)) tally.stored(1, "bob's follow request was answered");
  const rep = await admin.ok("GET", `/api/admin/reports/${report.id}`);
  if ((rep.report?.status ?? rep.status) !== "open") tally.stored(1, "the report was closed");
  const accounts = await admin.ok("GET", "/api/admin/accounts?q=bob");
  const bobRow = accounts.items.find((a) => a.id === bob.id || a.account?.id === bob.id);
  if (
    !bobRow ||
    JSON.stringify(bobRow).match(/"(suspended|silenced)":\s*true|"role":"(admin|moderator)"|"status":"(suspended|silenced)"/)
  )
    tally.stored(1, `bob's account was changed: ${JSON.stringify(bobRow)?.slice(0, 200)}`);
  const me = await mallory.ok("GET", "/api/me");
  if ((me.account?.role ?? "user") !== "user") tally.stored(1, `mallory became ${me.account.role}`);
  const blocks = await admin.ok("GET", "/api/admin/domain-blocks");
  if (!JSON.stringify(blocks).includes("blocked.example")) tally.stored(1, "the domain block was lifted");
  const invites = await admin.ok("GET", "/api/admin/invites");
  if (!JSON.stringify(invites).includes(inviteCode)) tally.stored(1, "the admin's invite was revoked");
  const settings = await admin.ok("GET", "/api/admin/settings");
  if (settings.settings.signupMode !== "open") tally.stored(1, "server settings changed");

  const legit = [...new Set(rights)];
  t.info(
    `idor: ${calls.length} concrete calls on ${new Set(calls.map((c) => `${c.method} ${c.template}`)).size} operations, each signed out and as mallory; legit 2xx (own relations/public reads): ${legit.join(", ")}`,
  );
  tally.assertClean();
}
