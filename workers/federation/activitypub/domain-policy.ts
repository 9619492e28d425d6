/**
 * The inbox gate: what an inbox POST meets after the 1 MB cap and before Fedify does
 * any signature work (no key fetch, no crypto, nothing queued or stored):
 * 1. an ActivityStreams content type (`application/activity+json` or
 *    `application/ld+json`), else 415;
 * 2. a JSON object with a `type`, nested at most MAX_DEPTH levels, else 400
 *    (`malformed_json` / `validation_failed`): JSON-LD processing recurses, and a
 *    deeply nested body (20,000 levels) overflowed its stack before any signature check;
 * 3. domain suspension: when the signing key's host or the claimed actor's host (or a
 *    parent domain of either) is suspended, 403 `domain_suspended`. We answer 403
 *    rather than 202-and-drop: Mastodon, Misskey and Fedify treat a 4xx other than 429
 *    as final and stop retrying, so a suspended server stops spending our requests,
 *    and a 403 is honest about the refusal (the block list is not secret from the
 *    blocked server: its deliveries simply stop working);
 * 4. a signature: without an HTTP signature (and without one in the body), 401;
 * 5. rate limits, per server (host of the key) and per actor, token buckets in D1:
 *    when either is empty, 429 `rate_limited` with Retry-After. Checked by a read now,
 *    charged only when Fedify accepted the activity (a 2xx: the signature was valid),
 *    so unsigned and forged requests cost nothing to the peer they name.
 * Refusals are counted in policy_hits (domain_suspended, inbox_rate_limit).
 */
import { domainAndParents, effectivePolicy } from "../../core/moderation/domain-blocks";
import { type BucketSpec, waitSeconds } from "../../core/moderation/inbox-rate-limit";
import { getSettings } from "../../core/settings/settings";
import { D1InboxRateStore } from "../../db/d1-inbox-rate-store";
import type { AppDeps } from "../../deps";

const INBOX_PATH = /^\/(?:inbox|users\/[^/]+\/inbox)$/;
const AS2_TYPE = /^application\/(?:activity\+json|ld\+json)\s*(?:;|$)/i;

/** Real activities nest a handful of levels (Create > Note > tag > icon); 32 leaves room for inline contexts. */
export const MAX_DEPTH = 32;

/** Whether a parsed JSON value nests objects/arrays deeper than `max` (iterative, so it cannot overflow itself). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (!v || typeof v !== "object") continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) if (child && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}

export type GateResult =
  | { readonly refused: Response }
  | { readonly refused: null; readonly admitted: (response: Response) => Promise<void> };

const NOTHING: GateResult = { refused: null, admitted: async () => {} };

function refuse(status: number, code: string, message: string, headers: Record<string, string> = {}): GateResult {
  return { refused: Response.json({ error: { code, message } }, { status, headers }) };
}

/** The key id a request's signature names (draft-cavage `Signature` or RFC 9421 `Signature-Input`). */
export function claimedKeyId(headers: Headers): string | null {
  const cavage = /keyId="([^"]+)"/i.exec(headers.get("signature") ?? "");
  const rfc = /keyid="([^"]+)"/i.exec(headers.get("signature-input") ?? "");
  const id = cavage?.[1] ?? rfc?.[1] ?? null;
  return id && URL.canParse(id) ? id : null;
}

function actorOf(activity: Record<string, unknown>): string | null {
  const actor = activity.actor;
  const id = typeof actor === "string" ? actor : actor && typeof actor === "object" ? (actor as { id?: unknown }).id : null;
  return typeof id === "string" && URL.canParse(id) ? id : null;
}

export async function inboxGate(
  env: Pick<Env, "DB">,
  deps: Pick<AppDeps, "settings" | "domainBlocks" | "policyStats" | "clock">,
  request: Request,
): Promise<GateResult> {
  const url = new URL(request.url);
  if (request.method !== "POST" || !INBOX_PATH.test(url.pathname)) return NOTHING;
  if (!AS2_TYPE.test(request.headers.get("content-type") ?? ""))
    return refuse(415, "unsupported_media_type", "Inbox bodies must be application/activity+json or application/ld+json.");
  let activity: unknown;
  try {
    activity = JSON.parse(await request.clone().text());
  } catch {
    return refuse(400, "malformed_json", "The body is not valid JSON.");
  }
  if (
    !activity ||
    typeof activity !== "object" ||
    Array.isArray(activity) ||
    typeof (activity as { type?: unknown }).type !== "string"
  )
    return refuse(400, "validation_failed", "An activity is a JSON object with a type.");
  if (nestedDeeperThan(activity, MAX_DEPTH))
    return refuse(400, "validation_failed", `An activity is nested at most ${MAX_DEPTH} levels deep.`);
  const keyId = claimedKeyId(request.headers);
  const actor = actorOf(activity as Record<string, unknown>);
  const hosts = [keyId, actor].flatMap((u) => (u ? domainAndParents(new URL(u).hostname) : []));
  const now = deps.clock.now();
  if (hosts.length > 0 && effectivePolicy(await deps.domainBlocks.covering(hosts)).severity === "suspend") {
    await deps.policyStats.hit("domain_suspended", now);
    return refuse(403, "domain_suspended", "This server does not accept activities from your domain.");
  }
  // No HTTP signature: only a body that carries its own (a Linked Data Signature or an
  // Object Integrity Proof, e.g. a relayed activity) can still be verified by Fedify. Any
  // other is refused here, because Fedify reads the body as JSON-LD before it looks at the
  // signature, which for an unsigned request meant fetching whatever remote `@context` the
  // sender named (test/hostile found it). Only signed requests have buckets.
  if (!keyId) {
    const { signature, proof } = activity as { signature?: unknown; proof?: unknown };
    if (!signature && !proof) return refuse(401, "unauthenticated", "Inbox requests must be signed.");
    return NOTHING;
  }
  const settings = await getSettings(deps);
  const specs: BucketSpec[] = [
    { key: `peer:${new URL(keyId).hostname}`, perMinute: settings.inboxPeerPerMinute },
    { key: `actor:${actor ?? keyId.replace(/#.*$/, "")}`, perMinute: settings.inboxActorPerMinute },
  ];
  const store = new D1InboxRateStore(env.DB);
  const wait = waitSeconds(await store.read(specs.map((s) => s.key)), specs, now.getTime());
  if (wait > 0) {
    await deps.policyStats.hit("inbox_rate_limit", now);
    return refuse(429, "rate_limited", "Too many activities; slow down.", {
      "Retry-After": String(Math.max(1, Math.ceil(wait))),
    });
  }
  return {
    refused: null,
    admitted: async (response) => {
      if (response.status >= 200 && response.status < 300) await store.charge(specs, deps.clock.now().getTime());
    },
  };
}
