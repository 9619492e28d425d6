// The AT Protocol scenarios run by run.mjs, in order; later ones use what earlier ones set
// up (t.shared). `t`: t.origin (our server), t.pdsUrl and t.plcUrl (the local network),
// t.shared, t.skip(reason), t.info(line). The PDS side is driven over its own XRPC API,
// as a Bluesky client would; our side through our JSON API, as our web client does.
import assert from "node:assert/strict";
import { Api, http } from "../interop/harness.mjs";

const PASSWORD = "correct horse battery";
// A 1x1 PNG, uploaded as a blob so a post carries an image embed.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** A Bluesky account on the local PDS. */
class PdsAccount {
  constructor(pdsUrl, session) {
    this.pdsUrl = pdsUrl;
    this.did = session.did;
    this.handle = session.handle;
    this.jwt = session.accessJwt;
  }
  static async create(pdsUrl, handle) {
    const res = await http("POST", `${pdsUrl}/xrpc/com.atproto.server.createAccount`, {
      body: { handle, email: `${handle}@example.test`, password: "pds-password-123" },
    });
    assert.equal(res.status, 200, `createAccount ${handle}: ${res.status} ${res.text}`);
    return new PdsAccount(pdsUrl, res.json);
  }
  async xrpc(nsid, body, raw = false, contentType = "application/json") {
    const headers = { Authorization: `Bearer ${this.jwt}` };
    if (raw) headers["Content-Type"] = contentType;
    const res = await http("POST", `${this.pdsUrl}/xrpc/${nsid}`, { body, headers, raw });
    assert.equal(res.status, 200, `${nsid}: ${res.status} ${res.text}`);
    return res.json;
  }
  async put(collection, rkey, record) {
    return this.xrpc("com.atproto.repo.putRecord", {
      repo: this.did,
      collection,
      rkey,
      record: { $type: collection, ...record },
    });
  }
  async post(record) {
    const r = await this.xrpc("com.atproto.repo.createRecord", {
      repo: this.did,
      collection: "app.bsky.feed.post",
      record: { $type: "app.bsky.feed.post", createdAt: new Date().toISOString(), ...record },
    });
    return r.uri;
  }
  async delete(uri) {
    const rkey = uri.split("/").pop();
    await this.xrpc("com.atproto.repo.deleteRecord", { repo: this.did, collection: "app.bsky.feed.post", rkey });
  }
}

async function home(api) {
  return (await api.ok("GET", "/api/timelines/home?limit=40")).items;
}

export const scenarios = [
  {
    name: "sign-up on our server (the first account is the admin)",
    async fn(t) {
      const api = new Api(t.origin);
      await api.ok("POST", "/api/auth/signup", { username: "reader", password: PASSWORD });
      t.shared.api = api;
    },
  },
  {
    name: "a Bluesky account with a profile and posts on the local PDS",
    async fn(t) {
      const alice = await PdsAccount.create(t.pdsUrl, "alice.test");
      await alice.put("app.bsky.actor.profile", "self", { displayName: "Alice on the PDS", description: "Hello <b>there</b>" });
      const blob = (await alice.xrpc("com.atproto.repo.uploadBlob", PNG, true, "image/png")).blob;
      const text = "Read https://example.com/x now";
      const start = Buffer.byteLength("Read ");
      const uris = {
        plain: await alice.post({ text: "first post from the PDS" }),
        link: await alice.post({
          text,
          facets: [
            {
              index: { byteStart: start, byteEnd: start + Buffer.byteLength("https://example.com/x") },
              features: [{ $type: "app.bsky.richtext.facet#link", uri: "https://example.com/x" }],
            },
          ],
        }),
        image: await alice.post({
          text: "a picture",
          embed: { $type: "app.bsky.embed.images", images: [{ image: blob, alt: "one pixel" }] },
        }),
        labelled: await alice.post({
          text: "behind a warning",
          labels: { $type: "com.atproto.label.defs#selfLabels", values: [{ val: "nudity" }] },
        }),
        doomed: await alice.post({ text: "this one will be deleted <script>alert(1)</script>" }),
      };
      t.shared.alice = alice;
      t.shared.uris = uris;
      t.info(`alice: ${alice.did}`);
    },
  },
  {
    name: "follow by handle: POST /api/follows {target, protocol: atproto}",
    async fn(t) {
      const r = await t.shared.api.ok("POST", "/api/follows", { target: "alice.test", protocol: "atproto" });
      assert.equal(r.relationship.following, true, JSON.stringify(r));
      assert.equal(r.account.did, t.shared.alice.did);
    },
  },
  {
    name: "her posts are in our home timeline, marked as Bluesky posts",
    async fn(t) {
      const { uris, alice } = t.shared;
      const items = await home(t.shared.api);
      const mine = items.filter((p) => p.protocol === "atproto");
      assert.equal(mine.length, 5, `expected 5 Bluesky posts, got ${JSON.stringify(items).slice(0, 800)}`);
      for (const p of mine) {
        assert.equal(p.remote, true);
        assert.match(p.uri, new RegExp(`^at://${alice.did}/app\\.bsky\\.feed\\.post/`));
        assert.match(p.url, /^https:\/\/bsky\.app\/profile\/alice\.test\/post\//);
        assert.equal(p.author.username, "alice.test");
        assert.equal(p.author.displayName, "Alice on the PDS");
      }
      const byUri = new Map(mine.map((p) => [p.uri, p]));
      assert.match(byUri.get(uris.link).html, /<a href="https:\/\/example\.com\/x"[^>]*>https:\/\/example\.com\/x<\/a>/);
      const image = byUri.get(uris.image);
      assert.equal(image.media.length, 1);
      assert.match(image.media[0].url, /\/xrpc\/com\.atproto\.sync\.getBlob\?did=/);
      assert.equal(image.media[0].alt, "one pixel");
      const blob = await http("GET", image.media[0].url.replace("localhost", "127.0.0.1"));
      assert.equal(blob.status, 200, "the image link serves the blob from the PDS");
      const labelled = byUri.get(uris.labelled);
      assert.equal(labelled.sensitive, true);
      assert.equal(labelled.cw, "Nudity");
      assert.ok(!byUri.get(uris.doomed).html.includes("<script>"), "text is escaped");
    },
  },
  {
    name: "her profile: GET /api/accounts/:handle?protocol=atproto and its posts",
    async fn(t) {
      const api = t.shared.api;
      const { account } = await api.ok("GET", "/api/accounts/alice.test?protocol=atproto");
      assert.equal(account.protocol, "atproto");
      assert.equal(account.did, t.shared.alice.did);
      assert.equal(account.displayName, "Alice on the PDS");
      assert.equal(account.bio, "<p>Hello &lt;b&gt;there&lt;/b&gt;</p>");
      assert.equal(account.status, "ok");
      assert.equal(account.relationship.following, true);
      const posts = await api.ok("GET", "/api/accounts/alice.test/posts?protocol=atproto");
      assert.equal(posts.items.length, 5);
    },
  },
  {
    name: "a post deleted on the PDS disappears after the next poll",
    async fn(t) {
      const { alice, uris, api } = t.shared;
      await alice.delete(uris.doomed);
      const poll = await api.ok("POST", "/api/atproto/poll");
      assert.equal(poll.failed, 0, JSON.stringify(poll));
      const items = await home(api);
      assert.ok(!items.some((p) => p.uri === uris.doomed), "the deleted post is gone");
      assert.equal(items.filter((p) => p.protocol === "atproto").length, 4);
    },
  },
  {
    name: "a new post on the PDS arrives with the next poll",
    async fn(t) {
      const { alice, api } = t.shared;
      const uri = await alice.post({ text: "fresh" });
      await api.ok("POST", "/api/atproto/poll");
      const items = await home(api);
      assert.equal(items[0]?.uri, uri, "the newest post leads the home timeline");
    },
  },
  {
    name: "follow by DID and by at:// URI",
    async fn(t) {
      const api = t.shared.api;
      const bob = await PdsAccount.create(t.pdsUrl, "bob.test");
      const uri = await bob.post({ text: "bob here" });
      const byDid = await api.ok("POST", "/api/follows", { target: bob.did, protocol: "atproto" });
      assert.equal(byDid.account.username, "bob.test");
      const carol = await PdsAccount.create(t.pdsUrl, "carol.test");
      const carolPost = await carol.post({ text: "carol here" });
      const byUri = await api.ok("POST", "/api/follows", { target: carolPost, protocol: "atproto" });
      assert.equal(byUri.account.did, carol.did);
      const items = await home(api);
      assert.ok(items.some((p) => p.uri === uri) && items.some((p) => p.uri === carolPost));
    },
  },
  {
    name: "unknown handles are 404; unfollowing removes her posts from home",
    async fn(t) {
      const api = t.shared.api;
      const missing = await api.req("POST", "/api/follows", { target: "nobody.test", protocol: "atproto" });
      assert.equal(missing.status, 404, missing.describe());
      const r = await api.ok("DELETE", "/api/follows/alice.test?protocol=atproto");
      assert.equal(r.relationship.following, false);
      const items = await home(api);
      assert.ok(!items.some((p) => p.author.username === "alice.test"), "no posts of alice after unfollowing");
    },
  },
];
