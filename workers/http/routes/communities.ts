import { Hono } from "hono";
import * as v from "valibot";
import { communityAccess } from "../../core/communities/access";
import { COMMUNITY_VISIBILITIES, type Community, JOIN_POLICIES } from "../../core/communities/community";
import { COMMUNITY_IMAGE_MAX_BYTES, setCommunityImage } from "../../core/communities/community-images";
import { catchUp, communityHighlights } from "../../core/communities/highlights";
import { createCommunity, updateCommunity } from "../../core/communities/manage-community";
import {
  createInvite,
  decideJoinRequest,
  joinCommunity,
  leaveCommunity,
  listJoinRequests,
  listMembers,
  removeMember,
  updateMember,
} from "../../core/communities/membership";
import { pageRequest } from "../../core/timelines/timelines";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { Id, PageQuery, parseJson, parseQuery, readUpload } from "../parse";
import { presentPosts } from "../post-view";
import { mediaUrl, presentCommunity } from "../present";
import { isCrossOrigin, requireSignIn, signedIn } from "../session";
import { presentPage } from "./timelines";

const Name = v.pipe(v.string(), v.maxLength(64));
const NewCommunity = v.object({
  name: Name,
  title: v.pipe(v.string(), v.maxLength(200)),
  description: v.optional(v.pipe(v.string(), v.maxLength(4000))),
  rules: v.optional(v.pipe(v.string(), v.maxLength(10000))),
  parentId: v.optional(v.nullable(Id)),
  joinPolicy: v.optional(v.picklist(JOIN_POLICIES)),
  visibility: v.optional(v.picklist(COMMUNITY_VISIBILITIES)),
});
const CommunityPatch = v.object({
  title: v.optional(v.pipe(v.string(), v.maxLength(200))),
  description: v.optional(v.pipe(v.string(), v.maxLength(4000))),
  rules: v.optional(v.pipe(v.string(), v.maxLength(10000))),
  joinPolicy: v.optional(v.picklist(JOIN_POLICIES)),
  visibility: v.optional(v.picklist(COMMUNITY_VISIBILITIES)),
  slowModeSeconds: v.optional(v.pipe(v.number(), v.integer())),
  parentId: v.optional(Id),
  archived: v.optional(v.boolean()),
});
const Join = v.object({
  inviteCode: v.optional(v.pipe(v.string(), v.maxLength(64))),
  message: v.optional(v.pipe(v.string(), v.maxLength(500))),
});
const InviteBody = v.object({
  maxUses: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
  expiresInHours: v.optional(v.nullable(v.number())),
});
const MemberPatch = v.object({
  role: v.optional(v.picklist(["moderator", "member"])),
  mutedForSeconds: v.optional(v.pipe(v.number(), v.integer())),
});
const TimelineQuery = v.object({ ...PageQuery.entries, mode: v.optional(v.picklist(["all", "highlights"])) });
const ReadBody = v.object({ seq: v.pipe(v.number(), v.integer(), v.minValue(0)) });

/** `:id` is a community id or its name. */
async function findCommunity(c: AppContext): Promise<Community | null> {
  const key = c.req.param("id") ?? "";
  const store = c.get("deps").communities;
  if (v.is(Id, key)) return store.findById(key);
  return /^[A-Za-z0-9_-]{1,40}$/.test(key) ? store.findBySlug(key) : null;
}

/** The community if the viewer may read it; otherwise a 404 (members-only communities do not reveal themselves). */
async function readable(c: AppContext) {
  const community = await findCommunity(c);
  const access = community ? await communityAccess(c.get("deps"), c.get("viewer")?.id ?? null, community) : null;
  return access?.canRead ? access : null;
}

/** Unread counts stop at this (the client shows "99+"). */
const UNREAD_CAP = 100;

const notFound = (c: AppContext) => errorResponse(c, "not_found", "Community not found.");

export const communityRoutes = new Hono<AppEnv>()
  .post("/", requireSignIn, async (c) => {
    const body = await parseJson(c, NewCommunity);
    if (!body.ok) return body.response;
    const r = await createCommunity(c.get("deps"), signedIn(c).id, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json(
      { community: presentCommunity(c.get("config").origin, r.value, { member: true, role: "owner", requested: false }) },
      201,
    );
  })
  .get("/", async (c) => {
    const q = c.req.query("q")?.trim().slice(0, 100) || null;
    const items = await c.get("deps").communities.directory(q, 50);
    return c.json({ items: items.map((x) => presentCommunity(c.get("config").origin, x)) });
  })
  .get("/joined", requireSignIn, async (c) => {
    const viewer = signedIn(c);
    const deps = c.get("deps");
    const [joined, markers] = await Promise.all([deps.communities.joined(viewer.id), deps.communities.readMarkers(viewer.id)]);
    // Only communities with something new since the marker need counting.
    const behind = new Map(joined.filter((x) => x.lastSeq > (markers.get(x.id) ?? 0)).map((x) => [x.id, markers.get(x.id) ?? 0]));
    const unread = await deps.communities.unreadCounts(viewer.id, behind, UNREAD_CAP);
    const roles = new Map<string, string>();
    for (const x of joined) {
      if (x.id === x.rootId) roles.set(x.id, (await deps.communities.membership(x.id, viewer.id))?.role ?? "member");
    }
    const origin = c.get("config").origin;
    return c.json({
      items: joined.map((x) =>
        presentCommunity(origin, x, {
          member: true,
          role: roles.get(x.rootId) ?? "member",
          requested: false,
          unread: unread.get(x.id) ?? 0,
        }),
      ),
    });
  })
  .get("/invites/:code", async (c) => {
    // Lets someone holding an invite see what they are invited to, even a members-only community.
    const code = c.req.param("code");
    const invite = code.length <= 64 ? await c.get("deps").communities.findInvite(code, c.get("deps").clock.now()) : null;
    const community = invite ? await c.get("deps").communities.findById(invite.communityId) : null;
    if (!invite || !community) return errorResponse(c, "not_found", "This invite is invalid, used up or expired.");
    const origin = c.get("config").origin;
    const { id, name, title, description, iconUrl, bannerUrl, membersCount, visibility, joinPolicy } = presentCommunity(
      origin,
      community,
    );
    return c.json({
      invite: { code: invite.code, expiresAt: invite.expiresAt?.toISOString() ?? null },
      community: { id, name, title, description, iconUrl, bannerUrl, membersCount, visibility, joinPolicy },
    });
  })
  .get("/:id", async (c) => {
    const access = await readable(c);
    if (!access) return notFound(c);
    const viewer = c.get("viewer");
    const deps = c.get("deps");
    const requested = viewer && !access.membership ? await deps.communities.hasJoinRequest(access.root.id, viewer.id) : false;
    const tree = await deps.communities.tree(access.root.id);
    const origin = c.get("config").origin;
    const rooms = tree.filter((r) => r.visibility === "public" || access.membership).map((r) => presentCommunity(origin, r));
    return c.json({
      community: presentCommunity(origin, access.community, {
        member: access.membership !== null,
        role: access.membership?.role ?? null,
        requested,
      }),
      rooms,
    });
  })
  .patch("/:id", requireSignIn, async (c) => {
    const community = await findCommunity(c);
    if (!community) return notFound(c);
    const body = await parseJson(c, CommunityPatch);
    if (!body.ok) return body.response;
    const r = await updateCommunity(c.get("deps"), signedIn(c).id, community.id, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ community: presentCommunity(c.get("config").origin, r.value) });
  })
  .post("/:id/join", requireSignIn, async (c) => {
    const community = await findCommunity(c);
    if (!community) return notFound(c);
    const body = c.req.header("content-type") ? await parseJson(c, Join) : ({ ok: true, value: {} } as const);
    if (!body.ok) return body.response;
    const r = await joinCommunity(c.get("deps"), signedIn(c).id, community.id, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json(r.value, r.value.status === "joined" ? 200 : 202);
  })
  .post("/:id/leave", requireSignIn, async (c) => {
    const community = await findCommunity(c);
    if (!community) return notFound(c);
    const r = await leaveCommunity(c.get("deps"), signedIn(c).id, community.id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ status: "left" });
  })
  .get("/:id/requests", requireSignIn, async (c) => {
    const community = await findCommunity(c);
    if (!community) return notFound(c);
    const r = await listJoinRequests(c.get("deps"), signedIn(c).id, community.id);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ items: r.value.map((x) => ({ ...x, createdAt: x.createdAt.toISOString() })) });
  })
  .post("/:id/requests/:accountId/:decision{approve|reject}", requireSignIn, async (c) => {
    const community = await findCommunity(c);
    const accountId = c.req.param("accountId");
    if (!community || !v.is(Id, accountId)) return notFound(c);
    const approve = c.req.param("decision") === "approve";
    const r = await decideJoinRequest(c.get("deps"), signedIn(c).id, community.id, accountId, approve);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ status: approve ? "approved" : "rejected" });
  })
  .post("/:id/invites", requireSignIn, async (c) => {
    const community = await findCommunity(c);
    if (!community) return notFound(c);
    const body = c.req.header("content-type") ? await parseJson(c, InviteBody) : ({ ok: true, value: {} } as const);
    if (!body.ok) return body.response;
    const r = await createInvite(c.get("deps"), signedIn(c).id, community.id, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    const i = r.value;
    return c.json(
      {
        invite: {
          code: i.code,
          url: `${c.get("config").origin}/c/${community.slug}?invite=${encodeURIComponent(i.code)}`,
          maxUses: i.maxUses,
          uses: i.uses,
          expiresAt: i.expiresAt?.toISOString() ?? null,
        },
      },
      201,
    );
  })
  .get("/:id/members", async (c) => {
    const community = await findCommunity(c);
    if (!community) return notFound(c);
    const after = c.req.query("cursor");
    const r = await listMembers(
      c.get("deps"),
      c.get("viewer")?.id ?? null,
      community.id,
      after && v.is(Id, after) ? after : undefined,
    );
    if (!r.ok) return domainErrorResponse(c, r.error);
    const origin = c.get("config").origin;
    return c.json({
      items: r.value.items.map((m) => ({
        account: {
          id: m.accountId,
          username: m.username,
          displayName: m.displayName || m.username,
          avatarUrl: mediaUrl(origin, m.avatarKey),
        },
        role: m.role,
        joinedAt: m.joinedAt.toISOString(),
      })),
      nextCursor: r.value.nextCursor,
    });
  })
  .patch("/:id/members/:accountId", requireSignIn, async (c) => {
    const community = await findCommunity(c);
    const accountId = c.req.param("accountId");
    if (!community || !v.is(Id, accountId)) return notFound(c);
    const body = await parseJson(c, MemberPatch);
    if (!body.ok) return body.response;
    const r = await updateMember(c.get("deps"), signedIn(c).id, community.id, accountId, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ status: "updated" });
  })
  .delete("/:id/members/:accountId", requireSignIn, async (c) => {
    const community = await findCommunity(c);
    const accountId = c.req.param("accountId");
    if (!community || !v.is(Id, accountId)) return notFound(c);
    const r = await removeMember(c.get("deps"), signedIn(c).id, community.id, accountId);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.body(null, 204);
  })
  .post("/:id/:kind{icon|banner}", requireSignIn, async (c) => {
    const community = await findCommunity(c);
    if (!community) return notFound(c);
    const file = await readUpload(c, COMMUNITY_IMAGE_MAX_BYTES);
    if (!file.ok) return file.response;
    const kind = c.req.param("kind") === "icon" ? "icon" : "banner";
    const r = await setCommunityImage(c.get("deps"), signedIn(c).id, community.id, kind, file.value.bytes);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ community: presentCommunity(c.get("config").origin, r.value) });
  })
  .get("/:id/timeline", async (c) => {
    const q = parseQuery(c, TimelineQuery);
    if (!q.ok) return q.response;
    const access = await readable(c);
    if (!access) return notFound(c);
    const deps = c.get("deps");
    const viewer = c.get("viewer")?.id ?? null;
    if (q.value.mode === "highlights") {
      const r = await communityHighlights(deps, viewer, access.community.id, q.value.cursor);
      if (!r.ok) return domainErrorResponse(c, r.error);
      const origin = c.get("config").origin;
      const shown = await presentPosts(
        deps,
        origin,
        viewer,
        r.value.items.flatMap((i) => (i.kind === "post" ? [i.post] : [])),
      );
      const byId = new Map(shown.map((p) => [p.id, p]));
      return c.json({
        items: r.value.items.flatMap((i): object[] => {
          if (i.kind === "more") return [{ type: "more", count: i.count, from: i.from.toISOString(), to: i.to.toISOString() }];
          const post = byId.get(i.post.id);
          return post ? [{ type: "post", ...post }] : [];
        }),
        nextCursor: r.value.nextCursor,
      });
    }
    const page = await deps.posts.communityTimeline(access.community.id, pageRequest(q.value.limit, q.value.cursor));
    // Community posts in a readable community follow the usual per-post rules (local_only needs sign-in).
    return c.json(
      await presentPage(c, { ...page, items: page.items.filter((p) => viewer !== null || p.visibility !== "local_only") }),
    );
  })
  .get("/:id/catch-up", async (c) => {
    const access = await readable(c);
    if (!access) return notFound(c);
    const since = c.req.query("since");
    const sinceSeq = since !== undefined && /^\d{1,15}$/.test(since) ? Number(since) : undefined;
    const viewer = c.get("viewer")?.id ?? null;
    const r = await catchUp(c.get("deps"), viewer, access.community.id, sinceSeq);
    if (!r.ok) return domainErrorResponse(c, r.error);
    const origin = c.get("config").origin;
    return c.json({ ...r.value, topPosts: await presentPosts(c.get("deps"), origin, viewer, r.value.topPosts) });
  })
  .post("/:id/read", requireSignIn, async (c) => {
    const body = await parseJson(c, ReadBody);
    if (!body.ok) return body.response;
    const access = await readable(c);
    if (!access) return notFound(c);
    await c
      .get("deps")
      .communities.setReadMarker(signedIn(c).id, access.community.id, Math.min(body.value.seq, access.community.lastSeq));
    return c.body(null, 204);
  })
  .get("/:id/live", async (c) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket")
      return errorResponse(c, "validation_failed", "Connect with a WebSocket.");
    // Cross-site WebSocket hijacking: a page elsewhere must not read a member's live timeline.
    if (isCrossOrigin(c)) return errorResponse(c, "csrf_rejected", "Cross-origin WebSocket refused.");
    const access = await readable(c);
    if (!access) return notFound(c);
    const headers = new Headers(c.req.raw.headers);
    headers.set("x-community-id", access.community.id);
    headers.set("x-viewer-id", c.get("viewer")?.id ?? "");
    headers.set("x-origin", c.get("config").origin);
    return c.env.COMMUNITY.getByName(access.community.id).fetch(new Request(c.req.url, { headers }));
  });
