import type { Note } from "@fedify/vocab";
import type { Post } from "../../core/posts/post";
import { isPublicPlace } from "../../core/posts/visibility";
import type { FederationDeps } from "./context";
import { type Audience, type LocalUris, renderNote } from "./render-note";

/**
 * Notes for a page of posts, loading what rendering needs (mentioned accounts,
 * media, community scope) in a few batched queries. Posts that must not leave the
 * server are absent from the map.
 */
export async function loadNotes(
  deps: Pick<FederationDeps, "posts" | "media" | "communities">,
  uris: LocalUris,
  posts: readonly Post[],
  audience: Audience = "default",
): Promise<Map<string, Note>> {
  const own = posts.filter((p) => !p.boostOfId);
  if (own.length === 0) return new Map();
  const [mentioned, media, places] = await Promise.all([
    deps.posts.authors(own.flatMap((p) => p.mentionIds)),
    deps.media.forPosts(own.map((p) => p.id)),
    Promise.all(own.map((p) => isPublicPlace(deps, p))),
  ]);
  const byId = new Map(mentioned.map((a) => [a.id, a]));
  const out = new Map<string, Note>();
  own.forEach((post, i) => {
    const note = renderNote(uris, {
      post,
      inPublicPlace: places[i] ?? false,
      mentioned: post.mentionIds.flatMap((id) => byId.get(id) ?? []),
      media: media.get(post.id) ?? [],
      audience,
    });
    if (note) out.set(post.id, note);
  });
  return out;
}
