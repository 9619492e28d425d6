/**
 * Collections and objects served to other servers: each actor's outbox (its public,
 * unlisted and local-public posts as `Create` activities), followers and following
 * (counts and pages of actor IRIs), and Notes at /notes/{id} — only posts anyone may
 * read on the web (public, local_public, unlisted, outside members-only communities);
 * everything else is 404, exactly as for a signed-out visitor.
 * Paging follows Fedify's pattern: the collection names its first page, cursors are ours.
 */
import type { Federation } from "@fedify/fedify";
import { Create, Note } from "@fedify/vocab";
import { isPublicPlace } from "../../core/posts/visibility";
import { type FederationContext, type FederationDeps, INSTANCE_ACTOR, localUris } from "./context";
import { loadNotes } from "./load-notes";
import { isPubliclyFetchable } from "./render-note";

const PAGE = 20;
const FOLLOWS_PAGE = 50;

export function registerCollections(federation: Federation<FederationDeps>): void {
  federation.setObjectDispatcher(Note, "/notes/{id}", async (ctx, { id }) => {
    const post = await ctx.data.posts.findById(id);
    if (!post || !isPubliclyFetchable(post, await isPublicPlace(ctx.data, post))) return null;
    return (await loadNotes(ctx.data, localUris(ctx), [post])).get(post.id) ?? null;
  });

  federation
    .setOutboxDispatcher("/users/{identifier}/outbox", async (ctx, identifier, cursor) => {
      if (cursor === null) return null;
      const account = await accountOf(ctx, identifier);
      if (!account) return null;
      const page = await ctx.data.posts.accountPosts(account.id, "anyone", null, {
        limit: PAGE,
        cursor: cursor || undefined,
      });
      const notes = await loadNotes(ctx.data, localUris(ctx), page.items);
      const items = page.items.flatMap((post) => {
        const note = notes.get(post.id);
        if (!note || !isPubliclyFetchable(post, true) || !note.id) return [];
        return [
          new Create({
            id: new URL(`${note.id.href}#create`),
            actor: ctx.getActorUri(identifier),
            object: note,
            tos: note.toIds,
            ccs: note.ccIds,
            published: note.published,
          }),
        ];
      });
      return { items, nextCursor: page.nextCursor };
    })
    .setFirstCursor(() => "")
    .setCounter(async (ctx, identifier) => (await accountOf(ctx, identifier))?.postsCount ?? null);

  federation
    .setFollowersDispatcher("/users/{identifier}/followers", async (ctx, identifier, cursor) => {
      if (cursor === null) return null;
      const account = await accountOf(ctx, identifier);
      if (!account) return null;
      const page = await ctx.data.remoteActors.followersPage(account.id, ctx.canonicalOrigin, FOLLOWS_PAGE, cursor || null);
      return { items: page.items.map((iri) => ({ id: new URL(iri), inboxId: null })), nextCursor: page.nextCursor };
    })
    .setFirstCursor(() => "")
    .setCounter(async (ctx, identifier) => {
      const account = await accountOf(ctx, identifier);
      return account ? ctx.data.remoteActors.countFollowers(account.id) : null;
    });

  federation
    .setFollowingDispatcher("/users/{identifier}/following", async (ctx, identifier, cursor) => {
      if (cursor === null) return null;
      const account = await accountOf(ctx, identifier);
      if (!account) return null;
      const page = await ctx.data.remoteActors.followingPage(account.id, ctx.canonicalOrigin, FOLLOWS_PAGE, cursor || null);
      return { items: page.items.map((iri) => new URL(iri)), nextCursor: page.nextCursor };
    })
    .setFirstCursor(() => "")
    .setCounter(async (ctx, identifier) => (await accountOf(ctx, identifier))?.followingCount ?? null);
}

async function accountOf(ctx: FederationContext, identifier: string) {
  if (identifier === INSTANCE_ACTOR) return null;
  const account = await ctx.data.accounts.findByUsername(identifier);
  return account && account.username === identifier ? account : null;
}
