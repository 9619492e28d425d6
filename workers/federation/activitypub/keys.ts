/**
 * Signing keys of local actors, generated with WebCrypto on first need and kept in
 * D1: RSA-2048 (RSASSA-PKCS1-v1_5, SHA-256) for HTTP signatures (draft-cavage and
 * RFC 9421) and Ed25519 for object integrity proofs (FEP-8b32). 2048-bit RSA rather
 * than Fedify's 4096-bit default: the first actor request takes ~165 ms, not ~1.2 s.
 * The order is fixed (RSA first) because Fedify derives key ids from it
 * (`#main-key` for the first RSA key, `#key-2` for the next).
 */
import { exportJwk, importJwk } from "@fedify/fedify";
import type { D1ActorKeyStore, KeyAlgorithm, StoredKeyPair } from "../../db/d1-actor-key-store";

/** The owner id of the instance actor's keys (account ids are UUIDs, so it cannot collide). */
export const INSTANCE_KEY_OWNER = "instance";

const ALGORITHMS: readonly KeyAlgorithm[] = ["rsa", "ed25519"];

async function generate(algorithm: KeyAlgorithm): Promise<StoredKeyPair> {
  const pair = (await crypto.subtle.generateKey(
    algorithm === "rsa"
      ? { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }
      : { name: "Ed25519" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  return { algorithm, publicJwk: await exportJwk(pair.publicKey), privateJwk: await exportJwk(pair.privateKey) };
}

/** The owner's key pairs (RSA, then Ed25519), creating the missing ones. */
export async function keyPairsOf(store: D1ActorKeyStore, ownerId: string, now: Date): Promise<CryptoKeyPair[]> {
  let stored = await store.find(ownerId);
  const missing = ALGORITHMS.filter((a) => !stored.some((s) => s.algorithm === a));
  if (missing.length > 0) {
    for (const algorithm of missing) await store.insertIfAbsent(ownerId, await generate(algorithm), now);
    // Re-read: if another request stored its keys first, theirs are the ones to use.
    stored = await store.find(ownerId);
  }
  const ordered = ALGORITHMS.flatMap((a) => stored.filter((s) => s.algorithm === a));
  return Promise.all(
    ordered.map(async (s) => ({
      publicKey: await importJwk(s.publicJwk, "public"),
      privateKey: await importJwk(s.privateJwk, "private"),
    })),
  );
}
