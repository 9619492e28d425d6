/**
 * NodeInfo 2.1 (https://github.com/jhass/nodeinfo/blob/main/PROTOCOL.md) at
 * /nodeinfo/2.1, linked from /.well-known/nodeinfo (Fedify serves the link).
 * `metadata.features` tells Misskey-family servers what we speak.
 */
import type { Federation } from "@fedify/fedify";
import type { FederationDeps } from "./context";

/**
 * Features other servers may rely on. `emoji_reaction`: incoming Like (with Misskey's
 * `_misskey_reaction`) and EmojiReact become reactions (reactions.ts).
 */
export const FEATURES = ["quote", "local_public", "emoji_reaction"] as const;

export function registerNodeInfo(federation: Federation<FederationDeps>): void {
  federation.setNodeInfoDispatcher("/nodeinfo/2.1", async (ctx) => {
    const usage = await ctx.data.stats.usage(ctx.data.clock.now());
    return {
      software: {
        name: "commons",
        version: ctx.data.config.version,
        homepage: new URL(`${ctx.canonicalOrigin}/`),
      },
      protocols: ["activitypub"],
      openRegistrations: true,
      usage: {
        users: { total: usage.users, activeMonth: usage.activeMonth, activeHalfyear: usage.activeHalfyear },
        localPosts: usage.localPosts,
        localComments: 0,
      },
      metadata: {
        nodeName: ctx.data.config.serverName,
        features: [...FEATURES],
        // Our active friend servers (domains), so other servers' friend maps can draw our links (FEDERATION.md).
        friendServers: (await ctx.data.friends.active()).map((f) => f.domain),
      },
    };
  });
}
