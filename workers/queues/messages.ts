import * as v from "valibot";

/**
 * Queue messages: one unit of work each, small, versioned, and free of secrets
 * (STYLE.md principle 11). Federation delivery adds its kinds here.
 */
export const QueueMessage = v.variant("kind", [
  v.object({ v: v.literal(1), kind: v.literal("sweep"), what: v.picklist(["sessions", "media", "federation", "remote_posts"]) }),
  /**
   * A Fedify task (outbox delivery, fan-out, inbox) with its private keys replaced by
   * key ids; or, when too large for a message, the KV key it was parked under.
   */
  v.object({
    v: v.literal(1),
    kind: v.literal("fedify"),
    task: v.optional(v.looseObject({ type: v.picklist(["outbox", "fanout", "inbox"]), id: v.string() })),
    spilled: v.optional(v.string()),
  }),
]);
export type QueueMessage = v.InferOutput<typeof QueueMessage>;
