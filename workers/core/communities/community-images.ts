import { IMAGE_EXTENSIONS, sniffImage } from "../accounts/sniff-image";
import type { CoreDeps } from "../deps";
import { fail, ok, type Result } from "../shared/result";
import { communityAccess } from "./access";
import type { Community } from "./community";

export const COMMUNITY_IMAGE_MAX_BYTES = 4 * 1024 * 1024;

/** Moderators set a community's icon or banner; stored in R2 under the community, the old one removed. */
export async function setCommunityImage(
  deps: Pick<CoreDeps, "communities" | "blobs" | "ids">,
  actorId: string,
  communityId: string,
  kind: "icon" | "banner",
  bytes: Uint8Array,
): Promise<Result<Community>> {
  const access = await communityAccess(deps, actorId, communityId);
  if (!access?.canRead) return fail("not_found", "Community not found.");
  if (!access.isModerator) return fail("forbidden", "Only moderators can change this community.");
  if (bytes.byteLength > COMMUNITY_IMAGE_MAX_BYTES) return fail("payload_too_large", "Images must be at most 4 MB.");
  const type = sniffImage(bytes.subarray(0, 16));
  if (!type) return fail("unsupported_media_type", "Use a PNG, JPEG, GIF, WebP or AVIF image.");
  const key = `communities/${communityId}/${kind}/${deps.ids.next()}.${IMAGE_EXTENSIONS[type]}`;
  await deps.blobs.put(key, bytes.slice().buffer, type);
  const old = kind === "icon" ? access.community.iconKey : access.community.bannerKey;
  const updated = await deps.communities.update(communityId, kind === "icon" ? { iconKey: key } : { bannerKey: key });
  if (!updated) return fail("not_found", "Community not found.");
  if (old) await deps.blobs.delete(old);
  return ok(updated);
}
