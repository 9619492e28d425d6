import { DurableObject } from "cloudflare:workers";

/**
 * One Durable Object per community: serialises posting, rate-limits, and fans
 * out to hibernating WebSockets (DESIGN.md, "The shape"). Addressed by community id.
 * The live timeline arrives with the communities work; until then it answers
 * a health probe so the binding, the class and its migration are exercised.
 */
export class CommunityTimeline extends DurableObject<Env> {
  async ping(): Promise<{ ok: true; id: string }> {
    return { ok: true, id: this.ctx.id.toString() };
  }
}
