/** A local user. Remote actors are not accounts (see DESIGN.md, "Core concepts"). */
export type Role = "admin" | "moderator" | "user";

export interface Account {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly bio: string;
  readonly avatarKey: string | null;
  readonly role: Role;
  readonly createdAt: Date;
  readonly followersCount: number;
  readonly followingCount: number;
  readonly postsCount: number;
  /** Follows wait for the owner's approval (follow requests). */
  readonly locked: boolean;
}

/** Mastodon's rule: ASCII letters, digits and underscore, 1–30 characters, unique case-insensitively. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_]{1,30}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 50;
export const BIO_MAX = 500;

/** Usernames are stored and compared in lower case; the display form is the same string. */
export function normalizeUsername(username: string): string {
  return username.toLowerCase();
}

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}
