/** Shared by the friend-server tests: a fake friend server's instance actor and kmyblue-shaped messages. */
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { vi } from "vitest";
import { ORIGIN } from "./client";
import { type Delivery, type FakeActor, fakeActor, signedPost } from "./fake-remote";

export const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
export const OUR_ACTOR = `${ORIGIN}/actor`;

/** A fake server's instance actor (an Application, as kmyblue's representative account is served). */
export async function instanceActor(host: string): Promise<FakeActor> {
  const a = await fakeActor(host, "actor");
  return { ...a, document: { ...a.document, type: "Application" } };
}

export async function inbox(activity: Record<string, unknown>, from: FakeActor): Promise<Response> {
  return exports.default.fetch(await signedPost(`${ORIGIN}/inbox`, activity, from));
}

/** kmyblue's friend request: Follow of as:Public with an undeclared inboxUrl. */
export const friendFollow = (from: FakeActor, id = `${from.id}#friend-follow/1`) => ({
  "@context": "https://www.w3.org/ns/activitystreams",
  id,
  type: "Follow",
  actor: from.id,
  object: PUBLIC,
  inboxUrl: `https://${new URL(from.id).host}/friend-inbox`,
});

export const friendRow = (domain: string) =>
  env.DB.prepare("SELECT * FROM friend_servers WHERE domain = ?").bind(domain).first<Record<string, unknown>>();

/** Waits for `n` deliveries, then a little longer to see that nothing else arrives. */
export async function settle(deliveries: Delivery[], n: number) {
  await vi.waitUntil(() => deliveries.length >= n, { timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 400));
}

/** Marks a link accepted on both flags we want, straight in D1 (for delivery/receiving tests). */
export async function befriend(domain: string, flags: Record<string, number> = {}, inboxUrl = `https://${domain}/inbox`) {
  const cols = { available: 1, send_all: 0, receive_all: 0, deliver_local_public: 1, ...flags };
  await env.DB.prepare(
    `INSERT INTO friend_servers (id, domain, inbox_url, actor_iri, our_state, their_state, available, send_all, receive_all, deliver_local_public, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'accepted', 'idle', ?, ?, ?, ?, 0, 0)`,
  )
    .bind(
      crypto.randomUUID(),
      domain,
      inboxUrl,
      `https://${domain}/users/actor`,
      cols.available,
      cols.send_all,
      cols.receive_all,
      cols.deliver_local_public,
    )
    .run();
}
