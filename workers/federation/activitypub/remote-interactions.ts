/**
 * Our accounts reacting to and boosting cached remote posts.
 *
 * - A reaction is a `Like` (https://www.w3.org/TR/activitypub/#like-activity-outbox) to
 *   the author's inbox, with the emoji as `content` (what Misskey and its forks read as
 *   the reaction when `_misskey_reaction` is absent, and what Pleroma/Akkoma read on
 *   EmojiReact) and, for a custom emoji of ours, an `Emoji` tag with its image; Mastodon
 *   takes it as a favourite. Removing it sends `Undo(Like)` naming the same Like id.
 *   `_misskey_reaction` itself is not sent: Fedify's vocabulary has no such term, and
 *   adding it to the JSON after Fedify signs it would break the Linked Data signature.
 * - A boost is an `Announce` of the Note's id to our account's remote followers (one
 *   delivery per shared inbox) and the author's inbox, addressed like a local boost
 *   (public: to Public, cc followers + author; unlisted: to followers, cc Public +
 *   author). Withdrawing it sends `Undo(Announce)` to the same audience.
 * Only posts the account may see can be reacted to; only public and unlisted ones
 * boosted (a boost must not widen a followers-only post's audience).
 */
import { Announce, Emoji, Image, Like, PUBLIC_COLLECTION, type Recipient, Undo } from "@fedify/vocab";
import { parseReactionEmoji, reactionKey } from "../../core/emojis/emoji";
import { fail, ok, type Result } from "../../core/shared/result";
import type { RemotePost } from "../../db/d1-remote-post-store";
import type { AppDeps } from "../../deps";
import type { Config } from "../../env";
import type { RemotePostActions } from "../../http/remote-post-actions";
import { type FederationContext, federationDeps } from "./context";
import { buildFederation } from "./federation";

type Account = { readonly id: string; readonly username: string };

export function remotePostActions(env: Pick<Env, "DB" | "DELIVERY_QUEUE">, app: AppDeps, config: Config): RemotePostActions {
  let made: FederationContext | undefined;
  const context = () => {
    made ??= buildFederation(env, config, app.ids.next).createContext(new URL(config.origin), federationDeps(env, app, config));
    return made;
  };

  /** The cached post when `account` may see it: public and unlisted to anyone, followers-only to its accepted followers. */
  async function visible(account: Account, postId: string): Promise<Result<RemotePost>> {
    const ctx = context();
    const [post] = await ctx.data.remotePosts.findMany([postId]);
    if (!post || post.deleted || post.visibility === "direct") return fail("not_found", "Post not found.");
    // Bluesky is read-only here: nothing we do is written back to it.
    if (post.protocol === "atproto") return fail("forbidden", "Bluesky posts can be read here, but not reacted to or boosted.");
    if (post.visibility === "followers" && (await ctx.data.remoteFollowings.state(account.id, post.author.iri)) !== "accepted")
      return fail("not_found", "Post not found.");
    return ok(post);
  }

  async function authorRecipient(post: RemotePost): Promise<Recipient | null> {
    const actor = await context().data.remoteActors.findByIri(post.author.iri);
    return actor ? { id: new URL(actor.iri), inboxId: new URL(actor.inbox), endpoints: null } : null;
  }

  async function announceAudience(account: Account, author: Recipient): Promise<Recipient[]> {
    const followers = await context().data.remoteActors.followers(account.id);
    return [
      author,
      ...followers.map((f) => ({
        id: new URL(f.iri),
        inboxId: new URL(f.inbox),
        endpoints: { sharedInbox: f.sharedInbox ? new URL(f.sharedInbox) : null },
      })),
    ];
  }

  function announce(ctx: FederationContext, account: Account, post: RemotePost, id: URL): Announce {
    const me = ctx.getActorUri(account.username);
    const followers = ctx.getFollowersUri(account.username);
    const author = new URL(post.author.iri);
    const addressing =
      post.visibility === "public"
        ? { tos: [PUBLIC_COLLECTION], ccs: [followers, author] }
        : { tos: [followers], ccs: [PUBLIC_COLLECTION, author] };
    return new Announce({ id, actor: me, object: new URL(post.iri), ...addressing });
  }

  async function like(ctx: FederationContext, account: Account, post: RemotePost, emoji: string, id: URL): Promise<Like> {
    const me = ctx.getActorUri(account.username);
    const parsed = parseReactionEmoji(emoji);
    const custom = parsed?.kind === "custom" ? await ctx.data.emojis.find(parsed.shortcode) : null;
    return new Like({
      id,
      actor: me,
      object: new URL(post.iri),
      to: new URL(post.author.iri),
      content: emoji,
      tags: custom
        ? [
            new Emoji({
              id: new URL(`${config.origin}/emojis/${custom.shortcode}`),
              name: `:${custom.shortcode}:`,
              icon: new Image({ url: new URL(`${config.origin}/media/${custom.key}`) }),
            }),
          ]
        : [],
    });
  }

  return {
    async find(postId) {
      const [post] = await context().data.remotePosts.findMany([postId]);
      return post ?? null;
    },

    async react(account, postId, input) {
      const found = await visible(account, postId);
      if (!found.ok) return found;
      const parsed = parseReactionEmoji(input);
      if (!parsed) return fail("validation_failed", "A reaction is one emoji or a :shortcode: of this server.");
      const ctx = context();
      if (parsed.kind === "custom" && !(await ctx.data.emojis.find(parsed.shortcode)))
        return fail("validation_failed", `There is no custom emoji :${parsed.shortcode}: on this server.`);
      const emoji = reactionKey(parsed);
      const id = new URL(`${ctx.getActorUri(account.username).href}#likes/${ctx.data.ids.next()}`);
      const added = await ctx.data.remoteInteractions.addReaction(
        found.value.id,
        account.id,
        emoji,
        id.href,
        ctx.data.clock.now(),
      );
      const author = await authorRecipient(found.value);
      if (added && author) {
        await ctx.sendActivity({ identifier: account.username }, author, await like(ctx, account, found.value, emoji, id));
      }
      return ok(found.value);
    },

    async unreact(account, postId, input) {
      const found = await visible(account, postId);
      if (!found.ok) return found;
      const parsed = parseReactionEmoji(input);
      if (!parsed) return fail("validation_failed", "A reaction is one emoji or a :shortcode: of this server.");
      const ctx = context();
      const emoji = reactionKey(parsed);
      const likeIri = await ctx.data.remoteInteractions.removeReaction(found.value.id, account.id, emoji);
      const author = await authorRecipient(found.value);
      if (likeIri && author) {
        const me = ctx.getActorUri(account.username);
        await ctx.sendActivity(
          { identifier: account.username },
          author,
          new Undo({
            id: new URL(`${likeIri}/undo`),
            actor: me,
            object: await like(ctx, account, found.value, emoji, new URL(likeIri)),
            to: new URL(found.value.author.iri),
          }),
        );
      }
      return ok(found.value);
    },

    async boost(account, postId) {
      const found = await visible(account, postId);
      if (!found.ok) return found;
      const post = found.value;
      if (post.visibility !== "public" && post.visibility !== "unlisted")
        return fail("forbidden", "Followers-only and direct posts cannot be boosted.");
      const ctx = context();
      const boostId = ctx.data.ids.next();
      const id = new URL(`${ctx.getActorUri(account.username).href}#announces/${boostId}`);
      const added = await ctx.data.remoteInteractions.addBoost(boostId, post.id, account.id, id.href, ctx.data.clock.now());
      const author = await authorRecipient(post);
      if (added && author) {
        await ctx.sendActivity(
          { identifier: account.username },
          await announceAudience(account, author),
          announce(ctx, account, post, id),
          { preferSharedInbox: true },
        );
      }
      return ok(post);
    },

    async unboost(account, postId) {
      const found = await visible(account, postId);
      if (!found.ok) return found;
      const post = found.value;
      const ctx = context();
      const removed = await ctx.data.remoteInteractions.removeBoost(post.id, account.id);
      const author = await authorRecipient(post);
      if (removed && author) {
        const original = announce(ctx, account, post, new URL(removed.activityIri));
        await ctx.sendActivity(
          { identifier: account.username },
          await announceAudience(account, author),
          new Undo({
            id: new URL(`${removed.activityIri}/undo`),
            actor: ctx.getActorUri(account.username),
            object: original,
            tos: original.toIds,
            ccs: original.ccIds,
          }),
          { preferSharedInbox: true },
        );
      }
      return ok(post);
    },
  };
}
