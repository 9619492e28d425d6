/**
 * Remote accounts a local post mentions (outbound mentions): `@user@host` in its text,
 * from the remote-actor cache, or resolved by WebFinger when delivering; plus the author
 * of the remote post it replies to, who is mentioned even when the text does not name
 * them (Mastodon does the same), so their server notifies them. They get a `Mention` tag,
 * are addressed in `cc` (`to` for a direct post) and receive the activity in their inbox.
 */
import type { Post } from "../../core/posts/post";
import type { RemoteActor } from "../../db/d1-remote-actor-store";
import type { FederationDeps } from "./context";
import { type RemoteMentionTarget, remoteMentionsIn } from "./render-content";

/** At most this many uncached mentions are looked up (WebFinger + actor fetch) per post. */
const RESOLVE_MAX = 5;

/** Mentioned remote actors keyed by lower-cased `user@host`; the remote parent's author under "" unless written. */
export type RemoteMentions = Map<string, RemoteActor>;

export async function remoteMentionsOf(
  deps: Pick<FederationDeps, "remoteActors" | "remotePosts" | "config">,
  post: Pick<Post, "text" | "replyToExternal">,
  resolve?: (handle: string) => Promise<RemoteActor | null>,
): Promise<RemoteMentions> {
  const ourHost = new URL(deps.config.origin).host.toLowerCase();
  const handles = remoteMentionsIn(post.text).filter((h) => h.split("@")[1] !== ourHost);
  const out: RemoteMentions = new Map();
  if (handles.length > 0) {
    for (const actor of await deps.remoteActors.findByHandles(handles)) {
      if (actor.handle) out.set(actor.handle.replace(/^@/, "").toLowerCase(), actor);
    }
    if (resolve) {
      const missing = handles.filter((h) => !out.has(h)).slice(0, RESOLVE_MAX);
      const found = await Promise.all(missing.map((h) => resolve(`@${h}`).catch(() => null)));
      missing.forEach((h, i) => {
        const actor = found[i];
        if (actor) out.set(h, actor);
      });
    }
  }
  if (post.replyToExternal) {
    const parent = await deps.remotePosts.findByIri(post.replyToExternal);
    const author = parent ? await deps.remoteActors.findByIri(parent.actorIri) : null;
    if (author && ![...out.values()].some((a) => a.iri === author.iri)) out.set("", author);
  }
  return out;
}

/** What rendering needs of each mentioned actor. */
export function mentionTargets(mentions: RemoteMentions): Map<string, RemoteMentionTarget> {
  return new Map(
    [...mentions].map(([key, a]) => [key, { iri: a.iri, url: a.url ?? a.iri, name: a.handle ?? undefined }] as const),
  );
}
