import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ORIGIN, signUp } from "./client";
import { fakeActor, serveRemotes } from "./fake-remote";
import { friendFollow, friendRow, inbox, instanceActor, OUR_ACTOR, PUBLIC, settle } from "./friends-helpers";

vi.setConfig({ testTimeout: 30_000 });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

describe("friend handshake (kmyblue wire format)", () => {
  it("we request: Follow{Public, inboxUrl} from our instance actor; their Accept with a bare id makes us friends", async () => {
    const admin = await signUp("admin");
    const them = await instanceActor("friend.example");
    const remote = serveRemotes([them]);
    restore = remote.restore;

    const { friend } = await admin.json("POST", "/api/admin/friends", { url: "friend.example" }, 201);
    expect(friend).toMatchObject({ domain: "friend.example", ourState: "pending", theirState: "idle", state: "pending" });
    await settle(remote.deliveries, 1);
    expect(remote.deliveries).toHaveLength(1);
    const follow = remote.deliveries[0]?.body as Record<string, unknown>;
    expect(remote.deliveries[0]?.url).toBe("https://friend.example/inbox");
    expect(follow).toMatchObject({ type: "Follow", actor: OUR_ACTOR, object: PUBLIC, inboxUrl: `${ORIGIN}/inbox` });

    // kmyblue's Accept: id derived from our Follow, object the bare Follow id.
    const res = await inbox(
      {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${follow.id}#accepts/friends`,
        type: "Accept",
        actor: them.id,
        object: follow.id,
      },
      them,
    );
    expect(res.status).toBe(202);
    expect(await friendRow("friend.example")).toMatchObject({ our_state: "accepted", actor_iri: them.id });
    const { items } = await admin.json("GET", "/api/admin/friends");
    expect(items).toMatchObject([{ domain: "friend.example", state: "accepted", available: true }]);
    // A second request while accepted is a conflict.
    expect((await admin.post("/api/admin/friends", { url: "https://friend.example" })).status).toBe(409);
  });

  it("matches an Accept that embeds our Follow, and a Reject", async () => {
    const admin = await signUp("admin");
    const a = await instanceActor("a.example");
    const b = await instanceActor("b.example");
    const remote = serveRemotes([a, b]);
    restore = remote.restore;
    await admin.json("POST", "/api/admin/friends", { url: "a.example" }, 201);
    await admin.json("POST", "/api/admin/friends", { url: "b.example" }, 201);
    await settle(remote.deliveries, 2);
    const followTo = (host: string) => remote.deliveries.find((d) => d.host === host)?.body as Record<string, unknown>;

    const embedded = followTo("a.example");
    await inbox(
      {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: "https://a.example/accepts/1",
        type: "Accept",
        actor: a.id,
        object: { id: embedded.id, type: "Follow", actor: OUR_ACTOR, object: PUBLIC },
      },
      a,
    );
    expect((await friendRow("a.example"))?.our_state).toBe("accepted");

    const rejected = followTo("b.example");
    await inbox(
      {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${rejected.id}#rejects/friends`,
        type: "Reject",
        actor: b.id,
        object: rejected.id,
      },
      b,
    );
    expect((await friendRow("b.example"))?.our_state).toBe("rejected");
    // Someone else cannot answer for a.example's request.
    expect((await friendRow("a.example"))?.actor_iri).toBe(a.id);
  });

  it("they request: waits for an admin, who accepts (Accept with the bare Follow id) — inboxUrl read from the raw JSON", async () => {
    const admin = await signUp("admin");
    const them = await instanceActor("friend.example");
    const remote = serveRemotes([them]);
    restore = remote.restore;

    const follow = friendFollow(them);
    expect((await inbox(follow, them)).status).toBe(202);
    const row = await friendRow("friend.example");
    expect(row).toMatchObject({
      their_state: "pending",
      our_state: "idle",
      inbox_url: "https://friend.example/friend-inbox",
      their_follow_id: follow.id,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(remote.deliveries).toHaveLength(0);

    const { items } = await admin.json("GET", "/api/admin/friends");
    expect(items[0]).toMatchObject({ state: "pending", theirState: "pending" });
    const { friend } = await admin.json("POST", `/api/admin/friends/${items[0].id}/accept`);
    expect(friend).toMatchObject({ theirState: "accepted", state: "accepted" });
    await settle(remote.deliveries, 1);
    expect(remote.deliveries[0]?.url).toBe("https://friend.example/friend-inbox");
    expect(remote.deliveries[0]?.body).toMatchObject({
      type: "Accept",
      id: `${follow.id}#accepts/friends`,
      actor: OUR_ACTOR,
      object: follow.id,
    });

    // Only the actor that asked can withdraw: another account on that server cannot.
    const someone = await fakeActor("friend.example", "someone");
    remote.restore();
    const remote2 = serveRemotes([them, someone]);
    restore = remote2.restore;
    await inbox(
      {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${someone.id}#undo`,
        type: "Undo",
        actor: someone.id,
        object: { id: `${someone.id}#f`, type: "Follow", actor: someone.id, object: PUBLIC },
      },
      someone,
    );
    expect((await friendRow("friend.example"))?.their_state).toBe("accepted");

    // Undo(Follow) withdraws their side.
    await inbox(
      {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${follow.id}/undo`,
        type: "Undo",
        actor: them.id,
        object: { id: follow.id, type: "Follow", actor: them.id, object: PUBLIC },
      },
      them,
    );
    expect(await friendRow("friend.example")).toMatchObject({ their_state: "idle", their_follow_id: null });
  });

  it("auto-accept answers at once; rejecting sends #rejects/friends; Delete{Public} forgets the link", async () => {
    const admin = await signUp("admin");
    const a = await instanceActor("a.example");
    const b = await instanceActor("b.example");
    const remote = serveRemotes([a, b]);
    restore = remote.restore;

    await admin.json("PATCH", "/api/admin/settings", { autoAcceptFriends: true });
    await inbox(friendFollow(a), a);
    expect((await friendRow("a.example"))?.their_state).toBe("accepted");
    await settle(remote.deliveries, 1);
    expect(remote.deliveries[0]?.body).toMatchObject({ type: "Accept", object: friendFollow(a).id });

    await admin.json("PATCH", "/api/admin/settings", { autoAcceptFriends: false });
    await inbox(friendFollow(b), b);
    const id = (await friendRow("b.example"))?.id;
    remote.deliveries.length = 0;
    const { friend } = await admin.json("POST", `/api/admin/friends/${id}/reject`);
    expect(friend).toMatchObject({ theirState: "rejected", state: "rejected" });
    await settle(remote.deliveries, 1);
    expect(remote.deliveries[0]?.body).toMatchObject({ type: "Reject", id: `${friendFollow(b).id}#rejects/friends` });

    await inbox(
      {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${a.id}#delete/1`,
        type: "Delete",
        actor: a.id,
        object: PUBLIC,
      },
      a,
    );
    expect(await friendRow("a.example")).toBeNull();
  });

  it("removing a friend sends Delete{object: Public}; removing our pending request sends Undo(Follow)", async () => {
    const admin = await signUp("admin");
    const a = await instanceActor("a.example");
    const b = await instanceActor("b.example");
    const remote = serveRemotes([a, b]);
    restore = remote.restore;
    await admin.json("PATCH", "/api/admin/settings", { autoAcceptFriends: true });
    await inbox(friendFollow(a), a);
    const { friend } = await admin.json("POST", "/api/admin/friends", { url: "b.example" }, 201);
    await settle(remote.deliveries, 2);
    remote.deliveries.length = 0;

    const aId = (await friendRow("a.example"))?.id;
    expect((await admin.delete(`/api/admin/friends/${aId}`)).status).toBe(204);
    expect((await admin.delete(`/api/admin/friends/${friend.id}`)).status).toBe(204);
    await settle(remote.deliveries, 2);
    const to = (host: string) => remote.deliveries.find((d) => d.host === host)?.body;
    expect(to("a.example")).toMatchObject({ type: "Delete", actor: OUR_ACTOR, object: PUBLIC });
    expect(to("b.example")).toMatchObject({ type: "Undo", object: { type: "Follow", object: PUBLIC } });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM friend_servers").first("n")).toBe(0);
    expect((await admin.delete(`/api/admin/friends/${aId}`)).status).toBe(404);
  });
});
