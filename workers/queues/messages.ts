import * as v from "valibot";

/**
 * Queue messages: one unit of work each, small, versioned, and free of secrets
 * (STYLE.md principle 11). Federation delivery adds its kinds here.
 */
export const QueueMessage = v.variant("kind", [
  v.object({ v: v.literal(1), kind: v.literal("sweep"), what: v.picklist(["sessions", "media"]) }),
]);
export type QueueMessage = v.InferOutput<typeof QueueMessage>;
