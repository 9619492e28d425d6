/**
 * Which adapters hear the core's domain events: the one list, shared by the Worker's
 * requests and the Durable Objects (events raised inside a community object, such
 * as post.published, reach the same subscribers).
 */
import { communityRelay } from "./community-relay";
import type { ListenerFactory } from "./deps";
import { activityPubDelivery } from "./federation/activitypub/delivery";
import { activityPubModeration } from "./federation/activitypub/flags";
import { activityPubFollowAnswers } from "./federation/activitypub/follow-answers";
import { notifier } from "./notifier";

export const eventListeners: ListenerFactory = (env, deps) => [
  communityRelay(env, deps),
  notifier(env, deps),
  activityPubDelivery(env, deps),
  activityPubModeration(env, deps),
  activityPubFollowAnswers(env, deps),
];
