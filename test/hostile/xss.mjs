// XSS payloads in everything a remote actor or a local user controls, read back through
// the API (and our own ActivityPub documents), with one rule: no executable markup in any
// field that is HTML (`html`, a remote `bio`, AS2 `content`/`summary`), and no
// script-capable URL in any URL field. Plain-text fields (`text`, `displayName`, `cw`,
// alt text) may carry the payload verbatim: the web client puts them in text nodes.
import { randomUUID } from "node:crypto";
import { signedPost } from "./fake-remote.mjs";
import { mentionNote } from "./scenarios-inbox.mjs";
import { figures, pool, Tally } from "./tally.mjs";

export const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '<a href=" JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<iframe src="javascript:alert(1)"></iframe>',
  "<body onload=alert(1)>",
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<p onclick="alert(1)">click</p>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<<script>script>alert(1)<</script>/script>",
  '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
  "<details open ontoggle=alert(1)>",
  '<form action="javascript:alert(1)"><button>x</button></form>',
  "<object data=javascript:alert(1)>",
  "<embed src=javascript:alert(1)>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "<base href=javascript:alert(1)//>",
  "<!--<img src=x onerror=alert(1)>-->",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<template><script>alert(1)</script></template>",
  '<span class="invisible" onfocus=alert(1) autofocus>x</span>',
  "\u003cscript\u003ealert(1)\u003c/script\u003e",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
];

const EXEC_TAG =
  /<\s*\/?\s*(script|iframe|object|embed|svg|math|style|form|meta|base|body|img|details|template|noscript|link|input|button|video|audio|source)\b/i;
const BAD_SCHEME = /^\s*(javascript|data|vbscript|file):/i;

/** Problems in one HTML string: executable tags, event or style attributes, script URLs in href/src. */
export function htmlProblems(html) {
  const out = [];
  if (EXEC_TAG.test(html)) out.push(`tag ${EXEC_TAG.exec(html)[0]}`);
  // Attributes are only looked for inside real tags (escaped text such as "&lt;img src=x" is text).
  for (const tag of html.matchAll(/<[a-z][a-z0-9]*\b([^>]*)>/gi)) {
    const attrs = tag[1] ?? "";
    const event = /(?:^|[\s"'/])(on[a-z]+)\s*=/i.exec(attrs);
    if (event) out.push(`event attribute ${event[1]}`);
    if (/(?:^|\s)style\s*=/i.test(attrs)) out.push("style attribute");
    for (const m of attrs.matchAll(/\b(?:href|src|action|formaction|xlink:href)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const raw = m[2] ?? m[3] ?? m[4] ?? "";
      const decoded = raw
        .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCharCode(Number.parseInt(h, 16)))
        .replace(/&#(\d+);?/g, (_, d) => String.fromCharCode(Number(d)))
        .replace(/&(tab|newline);/gi, "")
        .replace(/\s/g, "")
        .split("")
        .filter((ch) => ch.charCodeAt(0) > 0x1f)
        .join("");
      if (!/^(https?:|mailto:|\/|#)/i.test(decoded)) out.push(`unsafe URL ${raw.slice(0, 60)}`);
    }
  }
  return out;
}

const HTML_KEYS = new Set(["html", "content", "summary", "contentMap", "summaryMap"]);
const URL_KEY = /(?:url|href|src|avatarUrl|remoteUrl|icon|image)$/i;

/**
 * Walks a JSON value: HTML fields must pass `htmlProblems`; URL fields must be http(s) or
 * relative. `htmlBio` says whether `bio` is HTML here (remote profiles: sanitised summary).
 */
export function scan(value, where, { htmlBio = false, plainSummary = false } = {}, found = []) {
  const opts = { htmlBio, plainSummary };
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) scan(v, `${where}[${i}]`, opts, found);
  } else if (value && typeof value === "object") {
    const remote = value.remote === true || (typeof value.acct === "string" && value.acct.includes("@"));
    for (const [k, v] of Object.entries(value)) {
      const path = `${where}.${k}`;
      if (typeof v === "string") {
        if ((HTML_KEYS.has(k) && !(plainSummary && k === "summary")) || (k === "bio" && (htmlBio || remote)))
          for (const p of htmlProblems(v)) found.push(`${path}: ${p}`);
        if (URL_KEY.test(k) && BAD_SCHEME.test(v)) found.push(`${path}: ${v.slice(0, 60)}`);
      } else if (v && typeof v === "object" && !(k === "content" || k === "summary")) scan(v, path, opts, found);
      else if (v && typeof v === "object") {
        for (const s of Object.values(v)) if (typeof s === "string") for (const p of htmlProblems(s)) found.push(`${path}: ${p}`);
      }
    }
  }
  return found;
}

export async function xssScenario(t) {
  const { origin, fake, admin, users } = t;
  const tally = new Tally("XSS payloads");
  t.tallies.push(tally);
  const inbox = `${origin}/inbox`;
  const alice = users.alice;
  const PNG = `${fake.origin}/media/a.png`;
  // alice writes ~32 posts in a few seconds: more than the default posting allowance (30/min),
  // which is the flood scenario's subject, not this one's.
  await admin.ok("PATCH", "/api/admin/settings", { postsPerMinute: 1000 });
  const before = await figures(admin);

  // Remote: actors whose name, summary and custom emoji carry payloads, followed by alice.
  const actors = await Promise.all(
    PAYLOADS.slice(0, 10).map((p, i) =>
      fake.actor(`xss${i}`, {
        name: `${p} :evil${i}:`,
        summary: `<p>${p}</p>`,
        icon: { type: "Image", url: i % 2 ? "javascript:alert(1)" : PNG },
        tag: [
          {
            type: "Emoji",
            name: `:evil${i}:`,
            icon: { type: "Image", url: i % 3 ? `javascript:alert(${i})` : `${PNG}?x="><script>` },
          },
        ],
        attachment: [{ type: "PropertyValue", name: p, value: `<a href="javascript:alert(1)">${p}</a>` }],
      }),
    ),
  );
  for (const a of actors) {
    const r = await alice.req("POST", "/api/follows", { target: a.id });
    tally.check(`alice follows ${a.name}`, r, [200, 201]);
  }
  // Their Accepts come back asynchronously (the fake remote answers each Follow).
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const follows = await Promise.all(actors.map((a) => alice.req("GET", `/api/accounts/${encodeURIComponent(a.id)}`)));
    if (follows.every((f) => f.json?.account?.relationship?.following === true)) break;
    await new Promise((r) => setTimeout(r, 500));
  }

  let remoteSent = 0;
  const notes = [];
  for (const [i, p] of PAYLOADS.entries()) {
    const a = actors[i % actors.length];
    const marker = `xss-${randomUUID().slice(0, 8)}`;
    const act = mentionNote(
      origin,
      a,
      "alice",
      {},
      {
        content: `<p>${marker} ${p} :evil${i % actors.length}:</p><p><a href="javascript:alert(1)">link</a> ${p}</p>`,
        summary: p,
        name: p,
        url: i % 2 ? "javascript:alert(1)" : `data:text/html,${encodeURIComponent(p)}`,
        to: ["https://www.w3.org/ns/activitystreams#Public", `${origin}/users/alice`],
        cc: [`${a.id}/followers`],
        tag: [
          { type: "Mention", href: `${origin}/users/alice`, name: "@alice" },
          {
            type: "Emoji",
            name: `:evil${i % actors.length}:`,
            icon: { type: "Image", mediaType: "image/png", url: i % 2 ? `javascript:alert(${i})` : PNG },
          },
          { type: "Hashtag", name: `#${p}`, href: "javascript:alert(1)" },
        ],
        attachment: [
          { type: "Document", mediaType: "image/png", url: i % 2 ? PNG : "javascript:alert(1)", name: p },
          { type: "Document", mediaType: "text/html", url: `data:text/html,${encodeURIComponent(p)}`, name: p },
        ],
      },
    );
    const r = await signedPost(inbox, act, a);
    tally.check("remote Note with payloads", r, [202]);
    if (r.status === 202) remoteSent++;
    notes.push(marker);
    // Their profile is also updated with a payload (Update of the actor by itself).
    if (i < actors.length) {
      const upd = {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${a.id}#updates/${randomUUID()}`,
        type: "Update",
        actor: a.id,
        object: { id: a.id, type: "Person", preferredUsername: a.name, name: p, summary: `${p}<p>more ${p}</p>`, inbox: a.inbox },
      };
      tally.check("remote actor Update with payloads", await signedPost(inbox, upd, a), [202]);
    }
  }

  // Local: posts, display name, bio, alt text, a community's title/description.
  const localPosts = [];
  await pool(PAYLOADS, 3, async (p) => {
    const r = await alice.req("POST", "/api/posts", {
      text: `${p} #tag @bob https://ok.example/${encodeURIComponent(p)}`,
      cw: p,
    });
    if (tally.check("local post with payload", r, [201])) localPosts.push(r.json.post.id);
  });
  for (const p of PAYLOADS.slice(0, 10)) {
    tally.check("display name/bio", await alice.req("PATCH", "/api/me", { displayName: p.slice(0, 50), bio: p }), [200]);
  }
  const png = Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d0e1a30000000049454e44ae426082",
    "hex",
  );
  const mediaIds = [];
  for (const p of PAYLOADS.slice(0, 4)) {
    const form = new FormData();
    form.set("file", new Blob([png], { type: "image/png" }), `${p}.png`);
    form.set("alt", p);
    const r = await alice.req("POST", "/api/media", form);
    if (tally.check("upload with payload alt", r, [201])) mediaIds.push(r.json.media?.id ?? r.json.id);
  }
  if (mediaIds.length) {
    const r = await alice.req("POST", "/api/posts", { text: "pictures", mediaIds });
    if (tally.check("post with payload alt text", r, [201])) localPosts.push(r.json.post.id);
  }
  const com = await alice.req("POST", "/api/communities", {
    name: `xss${Date.now() % 100000}`,
    title: PAYLOADS[0],
    description: PAYLOADS[1],
    rules: PAYLOADS[2],
  });
  tally.check("community with payloads", com, [201]);

  // Read everything back.
  const reads = [
    ["GET", "/api/timelines/home?limit=40"],
    ["GET", "/api/timelines/federated?limit=40"],
    ["GET", "/api/timelines/local?limit=40"],
    ["GET", "/api/notifications?limit=40"],
    ["GET", "/api/me"],
    ["GET", "/api/accounts/alice"],
    ["GET", "/api/accounts/alice/posts?limit=40"],
    ["GET", `/api/search?q=${encodeURIComponent("xss-")}`],
    ...localPosts.slice(0, 10).map((id) => ["GET", `/api/posts/${id}`]),
    ...actors.map((a) => ["GET", `/api/accounts/${encodeURIComponent(a.id)}`]),
  ];
  if (com.json?.community?.id) reads.push(["GET", `/api/communities/${com.json.community.id}`]);
  let found = 0;
  for (const [method, path] of reads) {
    const r = await alice.req(method, path);
    tally.check(`read ${path}`, r, [200]);
    const problems = scan(r.json, path);
    // Local posts are plain text: the API must not hand out an HTML rendering of them.
    for (const post of collectPosts(r.json))
      if (!post.remote && typeof post.html === "string") problems.push(`${path}: local post ${post.id} has html`);
    if (problems.length) {
      found += problems.length;
      tally.stored(problems.length, problems.slice(0, 3).join("; "));
    }
  }
  // Our own ActivityPub documents (what other servers render): the actor and the Notes.
  const as2 = { accept: "application/activity+json" };
  const docs = [`${origin}/users/alice`, ...localPosts.slice(0, 12).map((id) => `${origin}/notes/${id}`)];
  for (const url of docs) {
    const r = await alice.req("GET", url.slice(origin.length), undefined, as2);
    tally.check(`AS2 ${url}`, r, [200]);
    // A Note's `summary` is its content warning, plain text as Mastodon sends and reads it.
    const problems = scan(r.json, url, { htmlBio: true, plainSummary: url.includes("/notes/") });
    if (problems.length) tally.stored(problems.length, problems.slice(0, 3).join("; "));
  }
  // Every page of alice's home timeline and notifications, which must hold the remote Notes
  // (otherwise the checks above prove little).
  let seen = "";
  for (const base of ["/api/timelines/home?limit=40", "/api/notifications?limit=40"]) {
    let cursor = null;
    for (let page = 0; page < 6; page++) {
      const r = await alice.req("GET", `${base}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      tally.check(`read ${base} page ${page}`, r, [200]);
      const problems = scan(r.json, base);
      if (problems.length) tally.stored(problems.length, problems.slice(0, 3).join("; "));
      seen += JSON.stringify(r.json);
      cursor = r.json?.nextCursor;
      if (!cursor) break;
    }
  }
  const arrived = notes.filter((m) => seen.includes(m)).length;
  if (arrived < remoteSent) throw new Error(`only ${arrived} of ${remoteSent} remote Notes with payloads reached alice`);
  await admin.ok("PATCH", "/api/admin/settings", { postsPerMinute: 30 });
  const after = await figures(admin);
  t.info(
    `xss: ${PAYLOADS.length} payloads; ${remoteSent} remote Notes (${arrived} found in alice's home and notifications), ${localPosts.length} local posts, ${reads.length + docs.length} reads; ${found} executable fields; remote posts ${before.remotePosts} -> ${after.remotePosts}`,
  );
  tally.assertClean();
}

function collectPosts(json, out = []) {
  if (Array.isArray(json)) for (const v of json) collectPosts(v, out);
  else if (json && typeof json === "object") {
    if (typeof json.id === "string" && "visibility" in json && "author" in json) out.push(json);
    for (const v of Object.values(json)) if (v && typeof v === "object") collectPosts(v, out);
  }
  return out;
}
