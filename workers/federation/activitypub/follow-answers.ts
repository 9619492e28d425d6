/**
 * Answers to remote follow requests of locked accounts
 * (https://www.w3.org/TR/activitypub/#accept-activity-inbox): when the owner accepts or
 * rejects a request that came from another server, the requester gets `Accept` or
 * `Reject` naming their Follow (its id, embedded with actor and object so servers that
 * match on the embedded activity also find it). Local requests need nothing here.
 */
import { Accept, Follow, Reject } from "@fedify/vocab";
import type { DomainEvent } from "../../core/events";
import type { AppDeps, EventListener } from "../../deps";
import { loadConfig } from "../../env";
import { federationDeps } from "./context";
import { buildFederation } from "./federation";

type AnswerEnv = Pick<Env, "DB" | "DELIVERY_QUEUE" | "ORIGIN" | "ENVIRONMENT" | "SERVER_NAME">;

export function activityPubFollowAnswers(env: AnswerEnv, deps: () => AppDeps): EventListener {
  return async (event: DomainEvent) => {
    if (event.type !== "follow_request.answered") return;
    const { request, accepted } = event;
    if (request.requester.kind !== "remote") return;
    try {
      const app = deps();
      const config = loadConfig(env);
      const [actor] = await app.remoteActors.findManyByIds([request.requester.remoteId]);
      const account = await app.accounts.findById(request.accountId);
      if (!actor || !account) return;
      const ctx = buildFederation(env, config, app.ids.next).createContext(
        new URL(config.origin),
        federationDeps(env, app, config),
      );
      const me = ctx.getActorUri(account.username);
      const them = new URL(actor.iri);
      const follow = new Follow({
        id: request.requester.ref ? new URL(request.requester.ref) : null,
        actor: them,
        object: me,
      });
      const id = new URL(`${me.href}#${accepted ? "accepts" : "rejects"}/follows/${app.ids.next()}`);
      const answer = accepted
        ? new Accept({ id, actor: me, object: follow, to: them })
        : new Reject({ id, actor: me, object: follow, to: them });
      await ctx.sendActivity(
        { identifier: account.username },
        { id: them, inboxId: new URL(actor.inbox), endpoints: null },
        answer,
      );
    } catch (err) {
      // Best effort: the follow itself is already accepted (or dropped) locally.
      console.error("activitypub follow answer failed", err);
    }
  };
}
