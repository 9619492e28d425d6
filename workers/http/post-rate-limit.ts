/**
 * A flood from one local account, outside communities (whose rooms rate-limit in their
 * Durable Object): a token bucket per account (`post:<account id>`) holding
 * `postsPerMinute` posts and refilling at that rate, in the same D1 table and with the
 * same arithmetic as the inbox buckets (core/moderation/inbox-rate-limit.ts). Cost per
 * post: one read of one row and one upsert. Charged for every attempt, so a loop of
 * refused posts is limited too.
 */
import { type BucketSpec, waitSeconds } from "../core/moderation/inbox-rate-limit";
import { getSettings } from "../core/settings/settings";
import { D1InboxRateStore } from "../db/d1-inbox-rate-store";
import type { AppDeps } from "../deps";

/** Seconds the account must wait before its next post (0: it may post now, and this one is counted). */
export async function postingWait(
  env: Pick<Env, "DB">,
  deps: Pick<AppDeps, "settings" | "clock">,
  accountId: string,
): Promise<number> {
  const buckets = new D1InboxRateStore(env.DB);
  const spec: BucketSpec = { key: `post:${accountId}`, perMinute: (await getSettings(deps)).postsPerMinute };
  const now = deps.clock.now().getTime();
  const wait = waitSeconds(await buckets.read([spec.key]), [spec], now);
  if (wait > 0) return wait;
  await buckets.charge([spec], now);
  return 0;
}
