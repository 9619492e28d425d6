/**
 * Moderation over ActivityPub:
 * - incoming `Flag` (https://www.w3.org/TR/activitystreams-vocabulary/#dfn-flag, as
 *   Mastodon and Misskey send it: from the reporting server's instance actor, `object`
 *   listing the reported actor and any of its posts, `content` the comment) becomes a
 *   report in our moderators' queue, once per Flag id;
 * - a report a local user chose to forward goes out as a `Flag` from our instance actor
 *   to the reported actor's server (shared inbox), naming the actor and the post;
 * - suspending a local account sends `Delete` of the actor to every server that follows
 *   it (Mastodon's account deletion shape: object = actor, to = Public);
 * - activities from a suspended remote actor are dropped after verification (202,
 *   nothing stored): `refuseSuspended` wraps every inbox listener.
 */
import type { InboxContext, InboxListenerSetters } from "@fedify/fedify";
import { type Activity, Delete, Flag, Note, PUBLIC_COLLECTION, type Recipient } from "@fedify/vocab";
import type { DomainEvent } from "../../core/events";
import { domainRejectsReports } from "../../core/moderation/domain-blocks";
import { receiveReport } from "../../core/moderation/reports";
import type { AppDeps, EventListener } from "../../deps";
import { loadConfig } from "../../env";
import { type FederationContext, type FederationDeps, federationDeps, INSTANCE_ACTOR } from "./context";
import { buildFederation } from "./federation";

type Ctx = InboxContext<FederationDeps>;

export async function onFlag(ctx: Ctx, flag: Flag): Promise<void> {
  if (!flag.actorId) return;
  // A domain block with "reject reports" (or a suspension) ignores that server's Flags.
  if (await domainRejectsReports(ctx.data, flag.actorId.hostname)) return;
  let accountId: string | null = null;
  let postId: string | null = null;
  for (const iri of flag.objectIds) {
    const parsed = ctx.parseUri(iri);
    if (parsed?.type === "actor" && parsed.identifier !== INSTANCE_ACTOR) {
      accountId ??= (await ctx.data.accounts.findByUsername(parsed.identifier))?.id ?? null;
    } else if (parsed?.type === "object" && parsed.class === Note) {
      postId ??= parsed.values.id ?? null;
    }
  }
  if (!accountId && postId) accountId = (await ctx.data.posts.findById(postId))?.author.id ?? null;
  // Nothing of ours is named: not ours to handle.
  if (!accountId) return;
  await receiveReport(ctx.data, {
    originHost: flag.actorId.host,
    accountId,
    postId,
    comment: flag.content?.toString() ?? "",
    flagIri: flag.id?.href ?? null,
  });
}

/** Wraps every listener registered through `setters` so a suspended sender's activities are dropped. */
export function refuseSuspended(setters: InboxListenerSetters<FederationDeps>): InboxListenerSetters<FederationDeps> {
  const on = setters.on.bind(setters);
  setters.on = (type, listener) =>
    on(type, async (ctx, activity: Activity) => {
      if (activity.actorId && (await ctx.data.moderation.isSuspended(activity.actorId.href))) return;
      // biome-ignore lint/suspicious/noExplicitAny: Fedify's per-type listener signature
      return (listener as any)(ctx, activity);
    });
  return setters;
}

type ModerationEnv = Pick<Env, "DB" | "DELIVERY_QUEUE" | "ORIGIN" | "ENVIRONMENT" | "SERVER_NAME">;

/** Domain-event listener: forwarded reports -> Flag, local suspension -> Delete of the actor. */
export function activityPubModeration(env: ModerationEnv, deps: () => AppDeps): EventListener {
  return async (event: DomainEvent) => {
    if (event.type !== "report.filed" && event.type !== "account.suspended") return;
    if (event.type === "report.filed" && !event.report.forwarded) return;
    const config = loadConfig(env);
    if (!config.originConfigured && config.environment === "production") return;
    try {
      const app = deps();
      const federation = buildFederation(env, config, app.ids.next);
      const ctx = federation.createContext(new URL(config.origin), federationDeps(env, app, config));
      if (event.type === "report.filed") await sendFlag(ctx, event.report);
      else await sendActorDelete(ctx, event.accountId, event.username);
    } catch (err) {
      // Best effort: the report or the suspension stands locally either way.
      console.error("activitypub moderation delivery failed to enqueue", event.type, err);
    }
  };
}

async function sendFlag(ctx: FederationContext, report: Extract<DomainEvent, { type: "report.filed" }>["report"]) {
  const target = await ctx.data.moderation.actorAddress(report.targetAccountId);
  if (!target) return;
  const postIri = report.postId ? await ctx.data.moderation.postIri(report.postId) : null;
  const instance = ctx.getActorUri(INSTANCE_ACTOR);
  const flag = new Flag({
    id: new URL(`${instance.href}#flags/${report.id}`),
    actor: instance,
    objects: [new URL(target.iri), ...(postIri ? [new URL(postIri)] : [])],
    content: report.comment,
    to: new URL(target.iri),
  });
  const recipient: Recipient = {
    id: new URL(target.iri),
    inboxId: new URL(target.inbox),
    endpoints: { sharedInbox: target.sharedInbox ? new URL(target.sharedInbox) : null },
  };
  await ctx.sendActivity({ identifier: INSTANCE_ACTOR }, recipient, flag, { preferSharedInbox: true });
}

async function sendActorDelete(ctx: FederationContext, accountId: string, username: string) {
  const followers = await ctx.data.remoteActors.followers(accountId);
  if (followers.length === 0) return;
  const actor = ctx.getActorUri(username);
  const recipients: Recipient[] = followers.map((f) => ({
    id: new URL(f.iri),
    inboxId: new URL(f.inbox),
    endpoints: { sharedInbox: f.sharedInbox ? new URL(f.sharedInbox) : null },
  }));
  const activity = new Delete({ id: new URL(`${actor.href}#delete`), actor, object: actor, to: PUBLIC_COLLECTION });
  await ctx.sendActivity({ identifier: username }, recipients, activity, { preferSharedInbox: true });
}
