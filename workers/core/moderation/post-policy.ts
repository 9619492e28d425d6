import type { CoreDeps } from "../deps";
import { getSettings } from "../settings/settings";
import { fail, ok, type Result } from "../shared/result";
import { countMentions, screenPost } from "./policies";

/**
 * The ingest policies for a post written here (published or edited), run before any
 * Durable Object or D1 write of it: a prohibited word or too many mentions refuses it
 * (`content_rejected` / `too_many_mentions`, 422); a sensitive word gives it a content
 * warning. Local authors are never strangers. Each hit is counted.
 */
export async function applyPostPolicy(
  deps: Pick<CoreDeps, "settings" | "policyStats" | "clock">,
  text: string,
  cw: string | null,
): Promise<Result<{ cw: string | null }>> {
  const settings = await getSettings(deps);
  const verdict = screenPost(settings, { text, cw, mentions: countMentions(text), stranger: false });
  if (verdict.kind === "reject") {
    await deps.policyStats.hit(verdict.rule, deps.clock.now());
    return fail(verdict.rule === "prohibited_word" ? "content_rejected" : "too_many_mentions", verdict.message);
  }
  for (const rule of verdict.hits) await deps.policyStats.hit(rule, deps.clock.now());
  return ok({ cw: verdict.cw });
}
