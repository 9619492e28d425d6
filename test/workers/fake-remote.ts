/**
 * A fake remote ActivityPub server for the federation tests: actor documents with
 * real RSA keys, served to Fedify's document loader through an outbound-fetch stub
 * (workerd tests cannot listen on a port), and inboxes that record what we deliver.
 * Only remote hosts are answered here; anything else fails loudly. The real
 * interop test against an independent Fedify peer over HTTP lives in test/interop/.
 */
import { exportJwk, signRequest } from "@fedify/fedify";
import { vi } from "vitest";

export interface FakeActor {
  readonly id: string;
  readonly keyId: string;
  readonly inbox: string;
  readonly sharedInbox: string;
  readonly privateKey: CryptoKey;
  readonly document: Record<string, unknown>;
}

export interface Delivery {
  readonly url: string;
  readonly host: string;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

export async function fakeActor(host: string, username: string): Promise<FakeActor> {
  const pair = (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const id = `https://${host}/users/${username}`;
  const spki = new Uint8Array((await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer);
  const pem = `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...spki))
    .match(/.{1,64}/g)
    ?.join("\n")}\n-----END PUBLIC KEY-----\n`;
  await exportJwk(pair.publicKey); // the key is usable by Fedify
  return {
    id,
    keyId: `${id}#main-key`,
    inbox: `${id}/inbox`,
    sharedInbox: `https://${host}/inbox`,
    privateKey: pair.privateKey,
    document: {
      "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
      id,
      type: "Person",
      preferredUsername: username,
      name: username.toUpperCase(),
      inbox: `${id}/inbox`,
      outbox: `${id}/outbox`,
      followers: `${id}/followers`,
      endpoints: { sharedInbox: `https://${host}/inbox` },
      publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: pem },
    },
  };
}

/**
 * Stubs outbound fetch for the given remote actors: GET of an actor (or its key)
 * returns its document, WebFinger on their hosts answers `acct:user@host`, POST to any inbox on their hosts is recorded and answered
 * with `inboxStatus` (202 by default).
 */
export function serveRemotes(actors: readonly FakeActor[], inboxStatus: (url: string) => number = () => 202) {
  const deliveries: Delivery[] = [];
  const hosts = new Set(actors.map((a) => new URL(a.id).host));
  const real = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    const url = new URL(request.url);
    if (!hosts.has(url.host)) return real(input as RequestInfo, init);
    if (request.method === "POST") {
      deliveries.push({
        url: request.url,
        host: url.host,
        body: (await request.json()) as Record<string, unknown>,
        headers: request.headers,
      });
      return new Response(null, { status: inboxStatus(request.url) });
    }
    if (url.pathname === "/.well-known/webfinger") {
      // acct:user@host of an actor on this host (RFC 7033).
      const resource = url.searchParams.get("resource");
      const found = actors.find((a) => resource === `acct:${a.document.preferredUsername}@${new URL(a.id).host}`);
      if (!found) return new Response("not found", { status: 404 });
      return Response.json({ subject: resource, links: [{ rel: "self", type: "application/activity+json", href: found.id }] });
    }
    const actor = actors.find((a) => a.id === `${url.origin}${url.pathname}`);
    if (!actor) return new Response("not found", { status: 404 });
    return new Response(JSON.stringify(actor.document), { headers: { "content-type": "application/activity+json" } });
  });
  /**
   * Waits until no delivery has arrived for `quietMs` (at most `maxMs`): call it before
   * `restore` in tests whose actions queue deliveries nobody waits for, or the queue
   * consumer would reach the real network after the stub is gone.
   */
  const settle = async (quietMs = 1500, maxMs = 10_000) => {
    const deadline = Date.now() + maxMs;
    let seen = -1;
    while (Date.now() < deadline && seen !== deliveries.length) {
      seen = deliveries.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
  };
  return { deliveries, settle, restore: () => spy.mockRestore() };
}

/** A POST of `activity` to `url`, signed by `actor` (draft-cavage, as Mastodon signs). */
export async function signedPost(url: string, activity: Record<string, unknown>, actor: FakeActor): Promise<Request> {
  const request = new Request(url, {
    method: "POST",
    headers: { "content-type": "application/activity+json", accept: "application/activity+json" },
    body: JSON.stringify(activity),
  });
  return signRequest(request, actor.privateKey, new URL(actor.keyId), { spec: "draft-cavage-http-signatures-12" });
}
