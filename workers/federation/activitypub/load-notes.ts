import type { Note } from "@fedify/vocab";
import type { Post } from "../../core/posts/post";
import { isPublicPlace } from "../../core/posts/visibility";
import type { FederationDeps } from "./context";
import { mentionTargets, type RemoteMentions, remoteMentionsOf } from "./mentions";
import { remoteMentionsIn } from "./render-content";
import { type Audience, type LocalUris, renderNote } from "./render-note";

/**
 * Notes for a page of posts, loading what rendering needs (mentioned accounts,
 * media, community scope) in a few batched queries. Posts that must not leave the
 * server are absent from the map.
 */
export async function loadNotes(
  deps: Pick<FederationDeps, "posts" | "media" | "communities" | "remoteActors" | "remotePosts" | "config">,
  uris: LocalUris,
  posts: readonly Post[],
  audience: Audience = "default",
  /** Remote mentions already resolved (by delivery) per post id; others come from the cache. */
  resolved: ReadonlyMap<string, RemoteMentions> = new Map(),
): Promise<Map<string, Note>> {
  const own = posts.filter((p) => !p.boostOfId);
  if (own.length === 0) return new Map();
  const [mentioned, media, places, remote] = await Promise.all([
    deps.posts.authors(own.flatMap((p) => p.mentionIds)),
    deps.media.forPosts(own.map((p) => p.id)),
    Promise.all(own.map((p) => isPublicPlace(deps, p))),
    // Only posts that name someone elsewhere (or reply to a remote post) cost a lookup.
    Promise.all(
      own.map(
        (p) =>
          resolved.get(p.id) ??
          (p.replyToExternal || remoteMentionsIn(p.text).length > 0 ? remoteMentionsOf(deps, p) : (new Map() as RemoteMentions)),
      ),
    ),
  ]);
  const byId = new Map(mentioned.map((a) => [a.id, a]));
  const out = new Map<string, Note>();
  own.forEach((post, i) => {
    const note = renderNote(uris, {
      post,
      inPublicPlace: places[i] ?? false,
      mentioned: post.mentionIds.flatMap((id) => byId.get(id) ?? []),
      remoteMentioned: mentionTargets(remote[i] ?? new Map()),
      media: media.get(post.id) ?? [],
      audience,
    });
    if (note) out.set(post.id, note);
  });
  return out;
}
