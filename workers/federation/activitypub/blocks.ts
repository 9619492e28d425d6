/**
 * Blocks over ActivityPub (https://www.w3.org/TR/activitypub/#block-activity-outbox):
 * - out: blocking a remote account sends it `Block{actor: me, object: them}`; unblocking
 *   sends `Undo(Block)`. Mastodon and Misskey answer by dropping the follows between us
 *   and hiding our user's posts from theirs;
 * - in: a `Block` of a local account by a remote actor (signature-verified as that
 *   actor) removes the follow relations between them, both ways. We keep no record of
 *   it (their server enforces their side); its `Undo` needs nothing.
 */
import type { InboxContext } from "@fedify/fedify";
import { Block, Undo } from "@fedify/vocab";
import type { AppDeps } from "../../deps";
import type { Config } from "../../env";
import type { RemoteBlocks } from "../../http/remote-blocks";
import { type FederationContext, type FederationDeps, federationDeps } from "./context";
import { buildFederation } from "./federation";
import { localAccountOf } from "./inbox";

export function remoteBlocks(env: Pick<Env, "DB" | "DELIVERY_QUEUE">, app: AppDeps, config: Config): RemoteBlocks {
  let made: FederationContext | undefined;
  const context = () => {
    made ??= buildFederation(env, config, app.ids.next).createContext(new URL(config.origin), federationDeps(env, app, config));
    return made;
  };
  const target = async (actorIri: string) => {
    const actor = await context().data.remoteActors.findByIri(actorIri);
    return actor ? { id: new URL(actor.iri), inboxId: new URL(actor.inbox), endpoints: null } : null;
  };

  return {
    async block(account, actorIri) {
      const to = await target(actorIri);
      if (!to) return null;
      const ctx = context();
      const me = ctx.getActorUri(account.username);
      const id = new URL(`${me.href}#blocks/${ctx.data.ids.next()}`);
      await ctx.sendActivity({ identifier: account.username }, to, new Block({ id, actor: me, object: to.id, to: to.id }));
      return id.href;
    },
    async unblock(account, actorIri, blockIri) {
      const to = await target(actorIri);
      if (!to) return;
      const ctx = context();
      const me = ctx.getActorUri(account.username);
      const block = new Block({ id: blockIri ? new URL(blockIri) : null, actor: me, object: to.id });
      await ctx.sendActivity(
        { identifier: account.username },
        to,
        new Undo({ id: new URL(`${me.href}#undo/${ctx.data.ids.next()}`), actor: me, object: block, to: to.id }),
      );
    },
  };
}

/** A remote actor blocks one of our accounts: the follows between them go, both ways. */
export async function onBlock(ctx: InboxContext<FederationDeps>, block: Block): Promise<void> {
  const actorIri = block.actorId?.href;
  const account = await localAccountOf(ctx, block.objectId);
  if (!actorIri || !account) return;
  await ctx.data.remoteActors.removeFollower(account.id, actorIri);
  await ctx.data.remoteFollowings.remove(null, account.id, actorIri);
}
