import { eq, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Account, Role } from "../core/accounts/account";
import type { AccountStore, NewAccount } from "../core/accounts/ports";
import { accounts } from "./schema";

type Row = typeof accounts.$inferSelect;

export function toAccount(row: Row): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    bio: row.bio,
    avatarKey: row.avatarKey,
    role: row.role,
    createdAt: row.createdAt,
    followersCount: row.followersCount,
    followingCount: row.followingCount,
    postsCount: row.postsCount,
    locked: row.locked,
  };
}

export class D1AccountStore implements AccountStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async create(a: NewAccount): Promise<Account | null> {
    // One statement, so "the first account is the admin" cannot race; the unique
    // index on username_lower turns a concurrent duplicate into "no row inserted".
    const result = await this.db.run(sql`
      INSERT INTO accounts (id, username, username_lower, display_name, password_hash, created_at, role)
      SELECT ${a.id}, ${a.username}, ${a.username.toLowerCase()}, ${a.displayName}, ${a.passwordHash}, ${a.createdAt.getTime()},
             CASE WHEN EXISTS (SELECT 1 FROM accounts) THEN 'user' ELSE 'admin' END
      ON CONFLICT (username_lower) DO NOTHING`);
    if (!result.meta.changes) return null;
    return this.findById(a.id);
  }

  async findById(id: string): Promise<Account | null> {
    const row = await this.db.select().from(accounts).where(eq(accounts.id, id)).get();
    return row ? toAccount(row) : null;
  }

  async findByUsername(username: string): Promise<Account | null> {
    const row = await this.db.select().from(accounts).where(eq(accounts.usernameLower, username.toLowerCase())).get();
    return row ? toAccount(row) : null;
  }

  async findCredentials(username: string): Promise<{ account: Account; passwordHash: string } | null> {
    const row = await this.db.select().from(accounts).where(eq(accounts.usernameLower, username.toLowerCase())).get();
    return row ? { account: toAccount(row), passwordHash: row.passwordHash } : null;
  }

  async updateProfile(
    id: string,
    patch: { displayName?: string; bio?: string; avatarKey?: string | null; locked?: boolean },
  ): Promise<Account | null> {
    const set: Partial<Row> = {};
    if (patch.displayName !== undefined) set.displayName = patch.displayName;
    if (patch.bio !== undefined) set.bio = patch.bio;
    if (patch.avatarKey !== undefined) set.avatarKey = patch.avatarKey;
    if (patch.locked !== undefined) set.locked = patch.locked;
    if (Object.keys(set).length === 0) return this.findById(id);
    const row = await this.db.update(accounts).set(set).where(eq(accounts.id, id)).returning().get();
    return row ? toAccount(row) : null;
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.db.update(accounts).set({ role }).where(eq(accounts.id, id));
  }
}
