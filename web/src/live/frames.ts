// Frames of the community live timeline (durable-objects/community/frames.ts), checked with
// valibot. A message is a JSON array of frames; frames we do not understand are skipped.
import * as v from "valibot";
import { PostSchema } from "../api/client";

const FrameSchema = v.variant("type", [
  v.object({ type: v.literal("hello"), lastSeq: v.number(), postsPerMinute: v.number() }),
  v.object({ type: v.literal("post"), seq: v.number(), post: PostSchema }),
  v.object({ type: v.literal("post.deleted"), seq: v.number(), postId: v.string() }),
  v.object({ type: v.literal("member"), seq: v.number(), event: v.string(), accountId: v.string() }),
  v.object({ type: v.literal("resync"), lastSeq: v.number() }),
  v.object({ type: v.literal("rate"), postsPerMinute: v.number() }),
  v.object({ type: v.literal("post.updated"), seq: v.number(), post: PostSchema }),
  v.object({
    type: v.literal("reactions"),
    seq: v.number(),
    postId: v.string(),
    reactions: v.array(v.object({ emoji: v.string(), count: v.number() })),
  }),
]);
export type Frame = v.InferOutput<typeof FrameSchema>;

export function parseFrames(data: unknown): Frame[] {
  if (typeof data !== "string") return [];
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return [];
  }
  const list: unknown[] = Array.isArray(json) ? json : [json];
  const frames: Frame[] = [];
  for (const item of list) {
    const parsed = v.safeParse(FrameSchema, item);
    if (parsed.success) frames.push(parsed.output);
  }
  return frames;
}
