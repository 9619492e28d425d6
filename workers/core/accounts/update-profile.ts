import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { type Account, BIO_MAX, DISPLAY_NAME_MAX } from "./account";
import { IMAGE_EXTENSIONS, sniffImage } from "./sniff-image";

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

export async function updateProfile(
  deps: Pick<CoreDeps, "accounts" | "events">,
  accountId: string,
  patch: { displayName?: string; bio?: string; locked?: boolean },
): Promise<Result<Account>> {
  const displayName = patch.displayName?.trim();
  const bio = patch.bio?.trim();
  if (displayName !== undefined && displayName.length > DISPLAY_NAME_MAX) {
    return fail("validation_failed", `Display name must be at most ${DISPLAY_NAME_MAX} characters.`);
  }
  if (bio !== undefined && bio.length > BIO_MAX) {
    return fail("validation_failed", `Bio must be at most ${BIO_MAX} characters.`);
  }
  const account = await deps.accounts.updateProfile(accountId, { displayName, bio, locked: patch.locked });
  if (!account) return fail("not_found", "Account not found.");
  await deps.events.emit({ type: "account.updated", accountId });
  return ok(account);
}

/** Stores a new avatar in the blob store under the account and removes the old one. */
export async function setAvatar(
  deps: Pick<CoreDeps, "accounts" | "blobs" | "ids" | "events">,
  account: Account,
  bytes: Uint8Array,
): Promise<Result<Account>> {
  if (bytes.byteLength > AVATAR_MAX_BYTES) return fail("payload_too_large", "Avatar must be at most 2 MB.");
  const type = sniffImage(bytes.subarray(0, 16));
  if (!type) return fail("unsupported_media_type", "Avatar must be a PNG, JPEG, GIF, WebP or AVIF image.");
  const key = `accounts/${account.id}/avatar/${deps.ids.next()}.${IMAGE_EXTENSIONS[type]}`;
  await deps.blobs.put(key, bytes.slice().buffer, type);
  const updated = await deps.accounts.updateProfile(account.id, { avatarKey: key });
  if (!updated) return fail("not_found", "Account not found.");
  if (account.avatarKey) await deps.blobs.delete(account.avatarKey);
  await deps.events.emit({ type: "account.updated", accountId: account.id });
  return ok(updated);
}
