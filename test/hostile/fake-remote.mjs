// A fake remote ActivityPub server for the hostile suite, plain node:http on 127.0.0.1:
// actor documents with RSA-2048 public keys (`publicKeyPem`), WebFinger, inboxes that
// record what our server delivers (and answer a Follow with a signed Accept, so a local
// user can really follow a fake actor), and a few media/redirect URLs for the SSRF
// category. It signs inbox POSTs with draft-cavage HTTP signatures
// (https://datatracker.ietf.org/doc/html/draft-cavage-http-signatures-12): rsa-sha256
// over `(request-target) host date digest`, `Digest: SHA-256=…` (RFC 3230), the way
// Mastodon signs. Our own test tool, so node:crypto and no library.
import { createHash, generateKeyPair, sign } from "node:crypto";
import { createServer } from "node:http";
import { promisify } from "node:util";

const generate = promisify(generateKeyPair);
const AS = "https://www.w3.org/ns/activitystreams";

export async function newKeyPair() {
  return generate("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

export const digestOf = (body) => `SHA-256=${createHash("sha256").update(body).digest("base64")}`;

/**
 * Headers for a draft-cavage signed POST. `opts` bends the rules for the attacks:
 * `date` (a Date), `key` (sign with another private key), `keyId` (claim another key),
 * `digestBody` (compute the digest over other bytes), `headers` (the signed header list).
 */
export function signHeaders(url, body, actor, opts = {}) {
  const u = new URL(url);
  const date = (opts.date ?? new Date()).toUTCString();
  const digest = digestOf(opts.digestBody ?? body);
  const keyId = opts.keyId ?? actor.keyId;
  const values = {
    "(request-target)": `post ${u.pathname}${u.search}`,
    host: u.host,
    date,
    digest,
  };
  const names = opts.headers ?? ["(request-target)", "host", "date", "digest"];
  const signingString = names.map((h) => `${h}: ${values[h]}`).join("\n");
  const signature = sign("sha256", Buffer.from(signingString), opts.key ?? actor.privateKey).toString("base64");
  return {
    "content-type": "application/activity+json",
    accept: "application/activity+json",
    date,
    digest,
    signature: `keyId="${keyId}",algorithm="rsa-sha256",headers="${names.join(" ")}",signature="${signature}"`,
  };
}

export async function signedPost(url, activity, actor, opts = {}) {
  const body = typeof activity === "string" ? activity : JSON.stringify(activity);
  const headers = signHeaders(url, body, actor, opts);
  const res = await fetch(url, {
    method: "POST",
    headers,
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, sent: { headers, body } };
}

/**
 * Starts the fake remote on `port`. `actor(name, extra)` makes (and serves) a new actor;
 * `extra` is merged into its document (display name, summary, emoji tags for XSS tests).
 */
export async function startFakeRemote(port, { ourOrigin }) {
  const origin = `http://127.0.0.1:${port}`;
  const actors = new Map();
  const deliveries = [];
  const objects = new Map(); // path -> JSON served as AS2 (Notes fetched by id)
  let mediaHits = 0; // GETs of /media/ and /redirect (the SSRF category expects none from production)
  let contextHits = 0; // GETs of /ctx/ (JSON-LD contexts named by hostile bodies)

  function document(a) {
    return {
      "@context": [AS, "https://w3id.org/security/v1"],
      id: a.id,
      type: "Person",
      preferredUsername: a.name,
      name: a.name,
      inbox: a.inbox,
      outbox: `${a.id}/outbox`,
      followers: `${a.id}/followers`,
      following: `${a.id}/following`,
      endpoints: { sharedInbox: `${origin}/inbox` },
      publicKey: { id: a.keyId, owner: a.id, publicKeyPem: a.publicKey },
      ...a.extra,
    };
  }

  async function actor(name, extra = {}) {
    const { publicKey, privateKey } = await newKeyPair();
    const id = `${origin}/users/${name}`;
    const a = { name, id, keyId: `${id}#main-key`, inbox: `${id}/inbox`, publicKey, privateKey, extra };
    actors.set(name, a);
    return a;
  }

  const json = (res, status, body, type = "application/activity+json") => {
    res.writeHead(status, { "content-type": type });
    res.end(JSON.stringify(body));
  };

  async function answerFollow(a, follow) {
    const accept = {
      "@context": AS,
      id: `${a.id}#accepts/${Date.now()}-${Math.random().toString(36).slice(2)}`,
      type: "Accept",
      actor: a.id,
      object: follow,
    };
    // Give our server a moment to finish the request that queued the Follow.
    await new Promise((r) => setTimeout(r, 200));
    await signedPost(`${ourOrigin}/inbox`, accept, a).catch(() => {});
  }

  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url, origin);
      const path = url.pathname;
      if (req.method === "POST") {
        let body = null;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {}
        deliveries.push({ path, body });
        res.writeHead(202).end();
        const m = /^\/users\/([^/]+)\/inbox$/.exec(path);
        if (m && body?.type === "Follow" && actors.has(m[1])) answerFollow(actors.get(m[1]), body);
        return;
      }
      if (path === "/health") return json(res, 200, { ok: true }, "application/json");
      if (path === "/.well-known/webfinger") {
        const resource = url.searchParams.get("resource") ?? "";
        const name = /^acct:([^@]+)@/.exec(resource)?.[1];
        const a = name && actors.get(name);
        if (!a) return json(res, 404, { error: "not found" }, "application/json");
        return json(
          res,
          200,
          { subject: resource, links: [{ rel: "self", type: "application/activity+json", href: a.id }] },
          "application/jrd+json",
        );
      }
      // SSRF helpers: a redirect to loopback, and a PNG that must never be proxied here.
      if (path === "/redirect" || path.startsWith("/media/")) mediaHits++;
      if (path.startsWith("/ctx/")) contextHits++;
      if (path === "/redirect") {
        res.writeHead(302, { location: url.searchParams.get("to") ?? "http://127.0.0.1/" }).end();
        return;
      }
      if (path.startsWith("/media/")) {
        res.writeHead(200, { "content-type": "image/png" });
        res.end(Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));
        return;
      }
      if (objects.has(path)) return json(res, 200, objects.get(path));
      const m = /^\/users\/([^/#]+)$/.exec(path);
      const a = m && actors.get(m[1]);
      if (a) return json(res, 200, document(a));
      json(res, 404, { error: "not found" }, "application/json");
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    origin,
    actor,
    actors,
    deliveries,
    objects,
    mediaHits: () => mediaHits,
    contextHits: () => contextHits,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
