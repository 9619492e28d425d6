// A minimal ActivityPub peer for the browser tests, on 127.0.0.1: one actor with a real
// RSA key (its document served by URL), an inbox that records what we deliver, a PNG
// for attachments (fetched through our media proxy), and signed POSTs to our inbox
// (draft-cavage, as Mastodon signs). Enough to seed a remote post the way a real server
// would; the full interop suite uses an independent Fedify peer instead (test/interop/).
import { createServer } from "node:http";
import { signRequest } from "@fedify/fedify";

// Mastodon's terms for custom emoji, sensitive media and blurhash.
const CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  { toot: "http://joinmastodon.org/ns#", Emoji: "toot:Emoji", blurhash: "toot:blurhash", sensitive: "as:sensitive" },
];

export async function startFakePeer(png) {
  const pair = await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
  const spki = Buffer.from(await crypto.subtle.exportKey("spki", pair.publicKey)).toString("base64");
  const pem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g).join("\n")}\n-----END PUBLIC KEY-----\n`;
  const received = [];
  let origin = "";
  const actor = () => `${origin}/users/peer`;
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const url = new URL(req.url, origin);
    if (req.method === "POST") {
      try {
        received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        // not JSON: ignored
      }
      res.writeHead(202).end();
      return;
    }
    if (url.pathname === "/users/peer") {
      res.writeHead(200, { "content-type": "application/activity+json" });
      res.end(
        JSON.stringify({
          "@context": [...CONTEXT, "https://w3id.org/security/v1"],
          id: actor(),
          type: "Person",
          preferredUsername: "peer",
          name: "Peer <b>bold</b> :blob:",
          tag: [
            { type: "Emoji", name: ":blob:", icon: { type: "Image", mediaType: "image/png", url: `${origin}/media/cat.png` } },
          ],
          inbox: `${actor()}/inbox`,
          outbox: `${actor()}/outbox`,
          followers: `${actor()}/followers`,
          endpoints: { sharedInbox: `${origin}/inbox` },
          publicKey: { id: `${actor()}#main-key`, owner: actor(), publicKeyPem: pem },
        }),
      );
      return;
    }
    if (url.pathname === "/media/cat.png") {
      res.writeHead(200, { "content-type": "image/png", "content-length": String(png.length) });
      res.end(png);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;

  /** POSTs `activity` to `inbox`, signed by the peer's actor. */
  async function send(inbox, activity) {
    const request = new Request(inbox, {
      method: "POST",
      headers: { "content-type": "application/activity+json", accept: "application/activity+json" },
      body: JSON.stringify({ "@context": CONTEXT, ...activity }),
    });
    const signed = await signRequest(request, pair.privateKey, new URL(`${actor()}#main-key`), {
      spec: "draft-cavage-http-signatures-12",
    });
    const res = await fetch(signed, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`${inbox} answered ${res.status}: ${await res.text()}`);
  }

  return { origin, actor: actor(), received, send, close: () => new Promise((r) => server.close(r)) };
}
