import type { Account, Role } from "./account";

export interface NewAccount {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

export interface AccountStore {
  /**
   * Inserts the account; the very first account of a server becomes its admin
   * (decided atomically by the store). Returns null when the username is taken.
   */
  create(account: NewAccount): Promise<Account | null>;
  findById(id: string): Promise<Account | null>;
  findByUsername(username: string): Promise<Account | null>;
  findCredentials(username: string): Promise<{ account: Account; passwordHash: string } | null>;
  updateProfile(
    id: string,
    patch: { displayName?: string; bio?: string; avatarKey?: string | null; locked?: boolean },
  ): Promise<Account | null>;
  setRole(id: string, role: Role): Promise<void>;
}

export interface Session {
  readonly accountId: string;
  readonly expiresAt: Date;
}

export interface SessionStore {
  create(tokenHash: string, session: Session): Promise<void>;
  find(tokenHash: string, now: Date): Promise<Session | null>;
  delete(tokenHash: string): Promise<void>;
}

/** Binary objects owned by local accounts (avatars, later media). */
export interface BlobStore {
  put(key: string, body: ArrayBuffer | ReadableStream, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
}
