import { and, eq } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { actorKeys } from "./schema";

export type KeyAlgorithm = "rsa" | "ed25519";

export interface StoredKeyPair {
  readonly algorithm: KeyAlgorithm;
  readonly publicJwk: JsonWebKey;
  readonly privateJwk: JsonWebKey;
}

/** Signing keys of local actors (accounts and the instance actor). Private keys never leave here except to sign. */
export class D1ActorKeyStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async find(ownerId: string): Promise<StoredKeyPair[]> {
    const rows = await this.db.select().from(actorKeys).where(eq(actorKeys.ownerId, ownerId)).all();
    return rows.map((r) => ({
      algorithm: r.algorithm,
      publicJwk: JSON.parse(r.publicJwk) as JsonWebKey,
      privateJwk: JSON.parse(r.privateJwk) as JsonWebKey,
    }));
  }

  /** Stores a key pair unless the owner already has one of that algorithm (two first requests may race; one wins). */
  async insertIfAbsent(ownerId: string, pair: StoredKeyPair, at: Date): Promise<void> {
    await this.db
      .insert(actorKeys)
      .values({
        ownerId,
        algorithm: pair.algorithm,
        publicJwk: JSON.stringify(pair.publicJwk),
        privateJwk: JSON.stringify(pair.privateJwk),
        createdAt: at,
      })
      .onConflictDoNothing()
      .run();
  }

  async delete(ownerId: string, algorithm: KeyAlgorithm): Promise<void> {
    await this.db
      .delete(actorKeys)
      .where(and(eq(actorKeys.ownerId, ownerId), eq(actorKeys.algorithm, algorithm)))
      .run();
  }
}
