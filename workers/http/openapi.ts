/**
 * The OpenAPI 3.1 document served at GET /api/openapi.json. Hand-written next to
 * the routes; a test checks that every route in the app is documented here.
 */
export * from "./openapi-builders";

import { adminPaths, adminSchemas } from "./openapi-admin";
import { apPaths } from "./openapi-ap";
import { atprotoAccountDocs, atprotoPaths, atprotoSchemas } from "./openapi-atproto";
import { body, common, err, handleParam, idParam, json, ok, page, pageParams, ref } from "./openapi-builders";
import { friendPaths, friendSchemas } from "./openapi-friends";
import { mediaPaths } from "./openapi-media";
import { moderationPaths, moderationSchemas } from "./openapi-moderation";
import { policyPaths, policySchemas } from "./openapi-policies";

export function openApiDocument(origin: string) {
  const at = atprotoAccountDocs();
  return {
    openapi: "3.1.0",
    info: {
      title: "Commons API",
      version: "0.1.0",
      description:
        "JSON API of the Commons server. Sessions are HttpOnly cookies; state-changing requests from other origins are refused (403 csrf_rejected). Every error is `{ error: { code, message } }` with a 4xx status.",
    },
    servers: [{ url: origin }],
    paths: {
      ...mediaPaths(),
      "/api/instance": {
        get: { summary: "Server name, origin and version", responses: { "200": ok("Server info", ref("Instance")) } },
      },
      "/api/openapi.json": { get: { summary: "This document", responses: { "200": ok("OpenAPI document") } } },
      "/api/auth/signup": {
        post: {
          summary: "Create an account and sign in. The first account on a server becomes its admin.",
          requestBody: body({
            type: "object",
            required: ["username", "password"],
            properties: {
              username: { type: "string", pattern: "^[A-Za-z0-9_]{1,30}$" },
              password: { type: "string", minLength: 8, maxLength: 256 },
              displayName: { type: "string", maxLength: 50 },
              reason: { type: "string", maxLength: 500, description: "Approval mode: why you want to join" },
              invite: { type: "string", maxLength: 64, description: "An invite code (required in invite mode)" },
            },
          }),
          responses: {
            "201": ok("Signed up; session cookie set", ref("AccountEnvelope")),
            "202": ok("Approval mode: the account waits for a moderator (no session)", ref("PendingSignup")),
            "403": err("forbidden: signups closed, or an invite is needed / not valid"),
            "429": err("rate_limited: too many signups from this address"),
            "409": err("username_taken"),
            ...common,
          },
        },
      },
      "/api/auth/login": {
        post: {
          summary: "Sign in",
          requestBody: body({
            type: "object",
            required: ["username", "password"],
            properties: { username: { type: "string" }, password: { type: "string" } },
          }),
          responses: {
            "200": ok("Signed in; session cookie set", ref("AccountEnvelope")),
            "401": err("invalid_credentials"),
            "400": err("Invalid input"),
          },
        },
      },
      "/api/auth/logout": { post: { summary: "Sign out (ends the session)", responses: { "204": ok("Signed out") } } },
      "/api/me": {
        get: {
          summary: "The signed-in account",
          responses: { "200": ok("Account", ref("AccountEnvelope")), "401": err("unauthenticated") },
        },
        patch: {
          summary: "Update display name, bio and whether the account is locked",
          requestBody: body({
            type: "object",
            properties: {
              displayName: { type: "string", maxLength: 50 },
              bio: { type: "string", maxLength: 500 },
              locked: { type: "boolean", description: "follows wait for approval (GET /api/follow-requests)" },
            },
          }),
          responses: { "200": ok("Updated account", ref("AccountEnvelope")), ...common },
        },
      },
      "/api/me/avatar": {
        post: {
          summary: "Upload an avatar (PNG, JPEG, GIF, WebP or AVIF, at most 2 MB; the type is checked from the content)",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } },
            },
          },
          responses: { "200": ok("Updated account", ref("AccountEnvelope")), "415": err("unsupported_media_type"), ...common },
        },
      },
      "/api/posts": {
        post: {
          summary: "Publish a post",
          requestBody: body({
            type: "object",
            properties: {
              text: {
                type: "string",
                maxLength: 3000,
                description: "up to 3,000 characters (code points); required unless mediaIds",
              },
              visibility: ref("Visibility"),
              cw: { type: ["string", "null"], maxLength: 500 },
              replyToId: {
                type: ["string", "null"],
                description:
                  "the post replied to: a local post, or a cached remote post by the id the API gives it (the reply then federates with inReplyTo its Note and mentions its author)",
              },
              communityId: { type: ["string", "null"], description: "post into a community (through its Durable Object)" },
              quoteId: {
                type: ["string", "null"],
                description:
                  "quote a post you can see; followers-only/direct posts only by their author as followers/direct, local_only only as local_only, members-only community posts only inside that community (403 otherwise)",
              },
              mediaIds: {
                type: "array",
                maxItems: 4,
                items: { type: "string" },
                description: "your own unattached uploads (POST /api/media); text may be empty when media is attached",
              },
              reactionAcceptance: { type: "string", enum: ["all", "likes", "none"], default: "all" },
              sensitive: { type: "boolean", default: false },
            },
          }),
          responses: {
            "201": ok("Published", ref("PostEnvelope")),
            "403": err("forbidden: not a member, muted, archived"),
            "404": err("replyToId or community not found"),
            "429": err("rate_limited (Retry-After header says when to retry)"),
            ...common,
          },
        },
      },
      "/api/posts/{id}": {
        get: {
          summary: "A post the viewer may see",
          parameters: [idParam],
          responses: { "200": ok("Post", ref("PostEnvelope")), "404": err("not_found") },
        },
        patch: {
          summary: "Edit your post's text or content warning (same rules as publishing); the old version goes to its history",
          parameters: [idParam],
          requestBody: body({ type: "object", properties: { text: { type: "string" }, cw: { type: ["string", "null"] } } }),
          responses: {
            "200": ok("Edited (editedAt set)", ref("PostEnvelope")),
            "403": err("forbidden"),
            "404": err("not_found"),
            ...common,
          },
        },
        delete: {
          summary: "Delete your post (soft delete: it leaves every timeline)",
          parameters: [idParam],
          responses: { "204": ok("Deleted"), "403": err("forbidden"), "404": err("not_found"), "401": err("unauthenticated") },
        },
      },
      "/api/posts/{id}/thread": {
        get: {
          summary: "The post with its ancestors and descendants",
          parameters: [idParam],
          responses: {
            "200": ok("Thread", {
              type: "object",
              properties: {
                ancestors: { type: "array", items: ref("Post") },
                post: ref("Post"),
                descendants: { type: "array", items: ref("Post") },
              },
            }),
            "404": err("not_found"),
          },
        },
      },
      "/api/posts/{id}/reactions": {
        get: {
          summary: "Who reacted with what (at most 50 emoji, 20 accounts each)",
          parameters: [idParam],
          responses: { "200": ok("Reactions", ref("ReactorList")), "404": err("not_found") },
        },
        post: {
          summary:
            "React with one Unicode emoji or a custom :shortcode: of this server (idempotent). 403 reaction_not_accepted when the author takes likes only (❤️) or no reactions. On a cached remote post (`remote: true`) the reaction is sent to its author as an ActivityPub Like (emoji in `content`).",
          parameters: [idParam],
          requestBody: body({ type: "object", required: ["emoji"], properties: { emoji: { type: "string" } } }),
          responses: {
            "200": ok("The post", ref("PostEnvelope")),
            "403": err("reaction_not_accepted"),
            "404": err("not_found"),
            ...common,
          },
        },
      },
      "/api/posts/{id}/reactions/{emoji}": {
        delete: {
          summary: "Remove your reaction (emoji URL-encoded)",
          parameters: [idParam, { name: "emoji", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("The post", ref("PostEnvelope")), "404": err("not_found"), ...common },
        },
      },
      "/api/posts/{id}/boost": {
        post: {
          summary:
            "Boost a post (idempotent). Followers-only, direct and members-only community posts cannot be boosted (403). A cached remote post (`remote: true`, its `id` as presented) is boosted with an ActivityPub Announce to your remote followers and its author.",
          parameters: [idParam],
          responses: {
            "200": ok("The original post (boosted: true)", ref("PostEnvelope")),
            "403": err("forbidden"),
            "404": err("not_found"),
            ...common,
          },
        },
        delete: {
          summary: "Withdraw your boost",
          parameters: [idParam],
          responses: { "200": ok("The original post (boosted: false)", ref("PostEnvelope")), "404": err("not_found"), ...common },
        },
      },
      "/api/posts/{id}/bookmark": {
        post: {
          summary: "Bookmark a post (private to you)",
          parameters: [idParam],
          responses: { "200": ok("The post (bookmarked: true)", ref("PostEnvelope")), "404": err("not_found"), ...common },
        },
        delete: {
          summary: "Remove a bookmark",
          parameters: [idParam],
          responses: { "200": ok("The post (bookmarked: false)", ref("PostEnvelope")), "404": err("not_found"), ...common },
        },
      },
      "/api/posts/{id}/pin": {
        post: {
          summary: "Pin your own public, local-public or unlisted post to your profile (at most 5)",
          parameters: [idParam],
          responses: {
            "200": ok("The post (pinned: true)", ref("PostEnvelope")),
            "403": err("forbidden (not yours)"),
            "404": err("not_found"),
            ...common,
          },
        },
        delete: {
          summary: "Unpin your post",
          parameters: [idParam],
          responses: {
            "200": ok("The post (pinned: false)", ref("PostEnvelope")),
            "403": err("forbidden"),
            "404": err("not_found"),
            ...common,
          },
        },
      },
      "/api/posts/{id}/history": {
        get: {
          summary: "Earlier versions of an edited post, newest first",
          parameters: [idParam],
          responses: {
            "200": ok("Versions", {
              type: "object",
              properties: {
                items: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      text: { type: "string" },
                      cw: { type: ["string", "null"] },
                      replacedAt: { type: "string", format: "date-time" },
                    },
                  },
                },
              },
            }),
            "404": err("not_found"),
          },
        },
      },
      "/api/timelines/tag/{tag}": {
        get: {
          summary: "Public and local-public posts with a hashtag (never followers-only, direct or members-only community posts)",
          parameters: [{ name: "tag", in: "path", required: true, schema: { type: "string" } }, ...pageParams],
          responses: { "200": ok("A page", page("Post")), "400": err("validation_failed") },
        },
      },
      "/api/bookmarks": {
        get: {
          summary: "Your bookmarks, newest bookmark first",
          parameters: pageParams,
          responses: { "200": ok("A page", page("Post")), "401": err("unauthenticated") },
        },
      },
      "/api/accounts/{handle}/pinned": {
        get: {
          summary: "An account's pinned posts that you may see",
          parameters: [handleParam],
          responses: {
            "200": ok("Pinned posts", { type: "object", properties: { items: { type: "array", items: ref("Post") } } }),
            "404": err("not_found"),
          },
        },
      },
      "/api/emojis": {
        get: {
          summary: "The server's custom emoji",
          responses: {
            "200": ok("Custom emoji", { type: "object", properties: { items: { type: "array", items: ref("CustomEmoji") } } }),
          },
        },
      },
      "/api/admin/emojis": {
        post: {
          summary: "Add a custom emoji (admins; PNG, GIF, WebP, AVIF or JPEG, at most 512 KB, type checked from the content)",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["shortcode", "file"],
                  properties: {
                    shortcode: { type: "string", pattern: "^[a-z0-9_]{1,32}$" },
                    file: { type: "string", format: "binary" },
                    category: { type: "string", maxLength: 64 },
                  },
                },
              },
            },
          },
          responses: {
            "201": ok("Added", { type: "object", properties: { emoji: ref("CustomEmoji") } }),
            "403": err("forbidden (not an admin)"),
            "409": err("conflict (shortcode taken)"),
            "415": err("unsupported_media_type"),
            ...common,
          },
        },
      },
      "/api/admin/emojis/{shortcode}": {
        delete: {
          summary: "Remove a custom emoji (admins)",
          parameters: [{ name: "shortcode", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": ok("Removed"), "403": err("forbidden"), "404": err("not_found"), "401": err("unauthenticated") },
        },
      },
      "/api/timelines/local": {
        get: {
          summary: "Local timeline (public and local_public posts; local_only too when signed in)",
          parameters: pageParams,
          responses: { "200": ok("Page", page("Post")) },
        },
      },
      "/api/timelines/home": {
        get: {
          summary:
            "Home timeline (own posts, followed accounts, mentions, joined communities; cached posts of followed remote actors with `remote: true`)",
          parameters: pageParams,
          responses: { "200": ok("Page", page("Post")), "401": err("unauthenticated") },
        },
      },
      "/api/timelines/federated": {
        get: {
          summary:
            "Federated timeline: public posts of remote actors from the bounded, expiring remote-post cache, newest first (`remote: true`, `host`, `uri`, `html`)",
          parameters: pageParams,
          responses: { "200": ok("Page", page("Post")) },
        },
      },
      "/api/accounts/{handle}": {
        get: {
          summary: at.accountSummary,
          parameters: at.accountParams,
          responses: at.accountResponses,
        },
      },
      "/api/accounts/{handle}/posts": {
        get: {
          summary: "An account's posts the viewer may see (`?protocol=atproto`: a Bluesky account's cached posts)",
          parameters: at.postsParams,
          responses: at.postsResponses,
        },
      },
      "/api/follows": {
        post: {
          summary: "Follow an account",
          requestBody: body({
            type: "object",
            required: ["target"],
            properties: {
              target: {
                type: "string",
                description:
                  'a local username, or `@user@host` / an actor URL (a remote Follow: `requested` until accepted), or with `protocol: "atproto"` a Bluesky handle, DID or at:// URI',
              },
              protocol: at.followProtocol,
            },
          }),
          responses: {
            "200": ok("Relationship", ref("RelationshipEnvelope")),
            "404": err("not_found"),
            ...at.followResponses,
          },
        },
      },
      "/api/follows/{target}": {
        delete: {
          summary: "Unfollow an account (`?protocol=atproto`: a Bluesky account)",
          parameters: at.unfollowParams,
          responses: {
            "200": ok("Relationship", ref("RelationshipEnvelope")),
            "404": err("not_found"),
            "401": err("unauthenticated"),
          },
        },
      },
      "/api/communities": {
        post: {
          summary: "Create a community (you become its owner) or, with parentId, a room inside one (moderators only)",
          requestBody: body({
            type: "object",
            required: ["name", "title"],
            properties: {
              name: { type: "string", pattern: "^[A-Za-z0-9_-]{1,40}$", description: "unique name used in URLs" },
              title: { type: "string", maxLength: 80 },
              description: { type: "string", maxLength: 2000 },
              rules: { type: "string", maxLength: 5000 },
              parentId: { type: ["string", "null"] },
              joinPolicy: { type: "string", enum: ["open", "approval", "invite"], default: "open" },
              visibility: { type: "string", enum: ["public", "members"], default: "public" },
            },
          }),
          responses: {
            "201": ok("Created", ref("CommunityEnvelope")),
            "403": err("forbidden"),
            "409": err("conflict: name taken"),
            ...common,
          },
        },
        get: {
          summary: "Directory of public communities, most active first",
          parameters: [{ name: "q", in: "query", schema: { type: "string" }, description: "search by name or title" }],
          responses: {
            "200": ok("Communities", { type: "object", properties: { items: { type: "array", items: ref("Community") } } }),
          },
        },
      },
      "/api/communities/joined": {
        get: {
          summary:
            "Communities and rooms you belong to, with unread counts (me.unread: posts by others after your read marker, at most 100)",
          responses: {
            "200": ok("Communities", { type: "object", properties: { items: { type: "array", items: ref("Community") } } }),
            "401": err("unauthenticated"),
          },
        },
      },
      "/api/communities/invites/{code}": {
        get: {
          summary: "Preview what an invite is for (also members-only communities), without using it",
          parameters: [{ name: "code", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("Invite and community summary"), "404": err("invalid, used up or expired") },
        },
      },
      "/api/communities/{id}": {
        get: {
          summary: "A community by id or name, with the rooms of its tree. Members-only communities are 404 for non-members.",
          parameters: [idParam],
          responses: {
            "200": ok("Community", {
              type: "object",
              properties: { community: ref("Community"), rooms: { type: "array", items: ref("Community") } },
            }),
            "404": err("not_found"),
          },
        },
        patch: {
          summary: "Moderators: edit, set slow mode, move a room (parentId), archive",
          parameters: [idParam],
          requestBody: body({
            type: "object",
            properties: {
              title: { type: "string" },
              description: { type: "string" },
              rules: { type: "string" },
              joinPolicy: { type: "string", enum: ["open", "approval", "invite"] },
              visibility: { type: "string", enum: ["public", "members"] },
              slowModeSeconds: { type: "integer", minimum: 0, maximum: 3600 },
              parentId: { type: "string" },
              archived: { type: "boolean" },
            },
          }),
          responses: {
            "200": ok("Updated", ref("CommunityEnvelope")),
            "403": err("forbidden"),
            "404": err("not_found"),
            ...common,
          },
        },
      },
      "/api/communities/{id}/join": {
        post: {
          summary: "Join (open), request to join (approval) or join with an invite code",
          parameters: [idParam],
          requestBody: {
            required: false,
            content: json({ type: "object", properties: { inviteCode: { type: "string" }, message: { type: "string" } } }),
          },
          responses: {
            "200": ok("Joined", { type: "object", properties: { status: { const: "joined" } } }),
            "202": ok("Request filed", { type: "object", properties: { status: { const: "requested" } } }),
            "403": err("forbidden (invite-only, bad invite)"),
            "404": err("not_found"),
          },
        },
      },
      "/api/communities/{id}/leave": {
        post: { summary: "Leave a community", parameters: [idParam], responses: { "200": ok("Left"), "404": err("not_found") } },
      },
      "/api/communities/{id}/requests": {
        get: {
          summary: "Moderators: pending join requests",
          parameters: [idParam],
          responses: { "200": ok("Requests"), "403": err("forbidden") },
        },
      },
      "/api/communities/{id}/requests/{accountId}/{decision}": {
        post: {
          summary: "Moderators: approve or reject a join request (decision = approve | reject)",
          parameters: [
            idParam,
            { name: "accountId", in: "path", required: true, schema: { type: "string" } },
            { name: "decision", in: "path", required: true, schema: { type: "string", enum: ["approve", "reject"] } },
          ],
          responses: { "200": ok("Decided"), "403": err("forbidden"), "404": err("not_found") },
        },
      },
      "/api/communities/{id}/invites": {
        post: {
          summary: "Moderators: create an invite link",
          parameters: [idParam],
          requestBody: {
            required: false,
            content: json({
              type: "object",
              properties: { maxUses: { type: ["integer", "null"] }, expiresInHours: { type: ["number", "null"] } },
            }),
          },
          responses: {
            "201": ok("Invite", {
              type: "object",
              properties: { invite: { type: "object", properties: { code: { type: "string" }, url: { type: "string" } } } },
            }),
            "403": err("forbidden"),
          },
        },
      },
      "/api/communities/{id}/members": {
        get: {
          summary: "Members with roles",
          parameters: [idParam, pageParams[1]],
          responses: { "200": ok("Members"), "404": err("not_found") },
        },
      },
      "/api/communities/{id}/members/{accountId}": {
        patch: {
          summary: "Owner: appoint moderators; moderators: mute members (mutedForSeconds, 0 unmutes)",
          parameters: [idParam, { name: "accountId", in: "path", required: true, schema: { type: "string" } }],
          requestBody: body({
            type: "object",
            properties: { role: { type: "string", enum: ["moderator", "member"] }, mutedForSeconds: { type: "integer" } },
          }),
          responses: { "200": ok("Updated"), "403": err("forbidden"), "404": err("not_found") },
        },
        delete: {
          summary: "Moderators: remove a member (only the owner removes moderators)",
          parameters: [idParam, { name: "accountId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": ok("Removed"), "403": err("forbidden"), "404": err("not_found") },
        },
      },
      "/api/communities/{id}/{kind}": {
        post: {
          summary:
            "Moderators: upload the community icon or banner (kind = icon | banner; PNG, JPEG, GIF, WebP, AVIF, at most 4 MB)",
          parameters: [
            idParam,
            { name: "kind", in: "path", required: true, schema: { type: "string", enum: ["icon", "banner"] } },
          ],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } },
            },
          },
          responses: {
            "200": ok("Updated", ref("CommunityEnvelope")),
            "403": err("forbidden"),
            "413": err("payload_too_large"),
            "415": err("unsupported_media_type"),
          },
        },
      },
      "/api/communities/{id}/timeline": {
        get: {
          summary:
            "The community's posts. mode=highlights returns the top posts per 10-minute window (items with type 'post') and 'more' markers ({type:'more', count, from, to}).",
          parameters: [
            idParam,
            ...pageParams,
            { name: "mode", in: "query", schema: { type: "string", enum: ["all", "highlights"], default: "all" } },
          ],
          responses: { "200": ok("Page", page("Post")), "404": err("not_found") },
        },
      },
      "/api/communities/{id}/catch-up": {
        get: {
          summary: "What happened since your read marker (or ?since=seq): counts, top posts, active members",
          parameters: [idParam, { name: "since", in: "query", schema: { type: "integer" } }],
          responses: { "200": ok("Summary"), "404": err("not_found") },
        },
      },
      "/api/communities/{id}/read": {
        post: {
          summary: "Move your read marker to seq",
          parameters: [idParam],
          requestBody: body({ type: "object", required: ["seq"], properties: { seq: { type: "integer", minimum: 0 } } }),
          responses: { "204": ok("Saved"), "404": err("not_found"), ...common },
        },
      },
      "/api/communities/{id}/live": {
        get: {
          summary:
            'WebSocket upgrade to the community\'s live timeline. ?since=<seq> replays what you missed. Messages are JSON arrays of frames: hello, post, post.deleted, member, resync, rate. Send {"type":"ping"} to keep alive.',
          parameters: [idParam, { name: "since", in: "query", schema: { type: "integer" } }],
          responses: { "101": ok("Switching protocols"), "400": err("not a WebSocket request"), "404": err("not_found") },
        },
      },
      "/api/media": {
        post: {
          summary:
            "Upload an image (PNG, JPEG, GIF, WebP, AVIF; at most 10 MB) or a short video (MP4, WebM; at most 40 MB) for a later post. The type is decided by the file's bytes, never by its name or declared type; SVG, HTML and other files answer 415. JPEG metadata (Exif, GPS, XMP, comments) is removed. Unattached uploads are deleted after 24 hours.",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: { file: { type: "string", format: "binary" }, alt: { type: "string", maxLength: 1500 } },
                },
              },
            },
          },
          responses: {
            "201": ok("Stored", ref("MediaEnvelope")),
            ...common,
            "413": err("payload_too_large"),
            "415": err("unsupported_media_type"),
          },
        },
      },
      "/api/media/{id}": {
        patch: {
          summary: "Change the description (alt text) of your own upload, before or after it is attached",
          parameters: [idParam],
          requestBody: body({ type: "object", required: ["alt"], properties: { alt: { type: "string", maxLength: 1500 } } }),
          responses: { "200": ok("Updated", ref("MediaEnvelope")), "404": err("not_found (or not yours)"), ...common },
        },
      },
      "/api/notifications": {
        get: {
          summary:
            "Your notifications, newest first. Types: mention, reply, reaction, boost, quote, follow, follow_request (not emitted yet: no locked accounts), community_join_request. Notifications about posts you can no longer read are left out.",
          parameters: pageParams,
          responses: { "200": ok("A page", page("Notification")), "401": err("unauthenticated") },
        },
      },
      "/api/notifications/unread": {
        get: {
          summary: "How many notifications are newer than your read marker (at most 100)",
          responses: {
            "200": ok("Count", { type: "object", required: ["count"], properties: { count: { type: "integer", maximum: 100 } } }),
            "401": err("unauthenticated"),
          },
        },
      },
      "/api/notifications/read": {
        post: {
          summary: "Move your read marker to upTo, or to your newest notification when the body is empty. Never moves backwards.",
          requestBody: { required: false, content: json({ type: "object", properties: { upTo: { type: "string" } } }) },
          responses: { "204": ok("Marked"), ...common },
        },
      },
      "/api/search": {
        get: {
          summary:
            "Search posts (full text; only posts you may read: public and local-public, local-only when signed in, and your own; never others' unlisted, followers-only or direct posts, nor members-only communities you are not in; plus public posts in the remote-post cache, `remote: true`), accounts (username prefix, display name), hashtags (prefix) and public communities. Queries of one or two characters scan only the newest 5,000 posts.",
          parameters: [
            { name: "q", in: "query", required: true, schema: { type: "string", minLength: 1, maxLength: 200 } },
            { name: "type", in: "query", schema: { type: "string", enum: ["posts", "accounts", "hashtags", "communities"] } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 40, default: 20 } },
          ],
          responses: { "200": ok("Results", ref("SearchResults")), "400": err("validation_failed") },
        },
      },
      ...atprotoPaths(),
      "/api/streaming": {
        get: {
          summary:
            'WebSocket upgrade to your live stream (signed in; the Origin must be this server). Messages are JSON arrays of frames: {type:"hello",accountId}, {type:"notification",notification}, {type:"unread",count}. Send {"type":"ping"} to keep alive.',
          responses: {
            "101": ok("Switching protocols"),
            "400": err("not a WebSocket request"),
            "401": err("unauthenticated"),
            "403": err("csrf_rejected: another origin"),
          },
        },
      },
      ...apPaths(),
      "/media/{key}": {
        get: {
          summary: "Local media (avatars, community images, post attachments) from R2, immutable, with nosniff",
          parameters: [{ name: "key", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("The file"), "404": err("not_found") },
        },
      },
      ...adminPaths,
      ...friendPaths,
      ...moderationPaths,
      ...policyPaths,
    },
    components: {
      schemas: {
        ...atprotoSchemas(),
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" } },
            },
          },
        },
        Instance: {
          type: "object",
          properties: {
            name: { type: "string" },
            origin: { type: "string" },
            version: { type: "string" },
            signupMode: { type: "string", enum: ["open", "approval", "invite", "closed"] },
            localPublic: { type: "boolean", description: "false when admins forbid local_public posts here" },
          },
        },
        ...adminSchemas,
        ...friendSchemas,
        ...moderationSchemas,
        ...policySchemas,
        Visibility: {
          type: "string",
          enum: ["public", "local_public", "unlisted", "followers", "direct", "local_only"],
          default: "public",
        },
        Relationship: {
          type: "object",
          properties: {
            following: { type: "boolean" },
            requested: { type: "boolean", description: "a follow request waits for the (locked) account's owner" },
            followedBy: { type: "boolean" },
          },
        },
        RelationshipEnvelope: { type: "object", properties: { relationship: ref("Relationship") } },
        Account: {
          type: "object",
          required: ["id", "username", "displayName"],
          properties: {
            id: { type: "string" },
            username: { type: "string" },
            acct: { type: "string" },
            displayName: { type: "string" },
            bio: { type: "string" },
            avatarUrl: { type: ["string", "null"] },
            role: { type: "string", enum: ["admin", "moderator", "user"] },
            createdAt: { type: "string", format: "date-time" },
            followersCount: { type: "integer" },
            followingCount: { type: "integer" },
            postsCount: { type: "integer" },
            locked: { type: "boolean", description: "follows wait for approval" },
            url: { type: "string" },
            uri: { type: "string" },
            relationship: ref("Relationship"),
          },
        },
        AccountEnvelope: { type: "object", properties: { account: ref("Account") } },
        Post: {
          type: "object",
          required: ["id", "text", "visibility", "createdAt", "author"],
          properties: {
            id: { type: "string" },
            uri: { type: "string" },
            url: { type: "string" },
            text: { type: "string" },
            cw: { type: ["string", "null"] },
            visibility: ref("Visibility"),
            createdAt: { type: "string", format: "date-time" },
            author: {
              type: "object",
              properties: {
                id: { type: "string" },
                username: { type: "string" },
                displayName: { type: "string" },
                avatarUrl: { type: ["string", "null"] },
              },
            },
            replyToId: { type: ["string", "null"] },
            inReplyToUri: {
              type: ["string", "null"],
              description: "a reply to a post of another server: that post's id there (the Note id); replyToId is then null",
            },
            repliesCount: { type: "integer" },
            communityId: { type: ["string", "null"] },
            seq: { type: ["integer", "null"], description: "sequence number within its community" },
            remote: { type: "boolean", description: "a cached remote post (then `host`, `html`; `uri` is the Note id)" },
            host: { type: "string", description: "remote posts: the author's server" },
            html: { type: "string", description: "remote posts: the content, sanitised to Mastodon's allow-list" },
            protocol: { type: "string", enum: ["activitypub", "atproto"], description: "remote posts: where it came from" },
            embed: { description: "remote posts: a link card or a quoted post", oneOf: [ref("RemoteEmbed"), { type: "null" }] },
            mine: { type: "boolean" },
            quoteId: { type: ["string", "null"] },
            quote: { description: "the quoted post if you may see it, else null", oneOf: [ref("Post"), { type: "null" }] },
            boostOfId: { type: ["string", "null"] },
            boostOf: { description: "on a boost: the boosted post", oneOf: [ref("Post"), { type: "null" }] },
            reactionAcceptance: { type: "string", enum: ["all", "likes", "none"] },
            reactionsCount: { type: "integer" },
            reactions: {
              type: "array",
              items: {
                type: "object",
                properties: { emoji: { type: "string" }, count: { type: "integer" }, me: { type: "boolean" } },
              },
            },
            emojis: {
              type: "array",
              description: "custom emoji used in text, cw and reactions (remote posts: their own, through the media proxy)",
              items: { type: "object", properties: { shortcode: { type: "string" }, url: { type: "string" } } },
            },
            boostsCount: { type: "integer" },
            boosted: { type: "boolean" },
            bookmarked: { type: "boolean" },
            pinned: { type: "boolean" },
            mentions: {
              type: "array",
              items: { type: "object", properties: { id: { type: "string" }, username: { type: "string" } } },
            },
            hashtags: { type: "array", items: { type: "string" } },
            media: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: { type: "string" },
                  url: { type: "string" },
                  type: {
                    type: "string",
                    enum: ["image", "video", "audio", "unknown"],
                    description: "audio and unknown only on remote posts",
                  },
                  remoteUrl: { type: "string", description: "remote posts: the file on its server (`url` is our media proxy)" },
                  blurhash: { type: ["string", "null"], description: "remote posts: the sender's blurhash placeholder" },
                  contentType: { type: "string" },
                  width: { type: ["integer", "null"] },
                  height: { type: ["integer", "null"] },
                  alt: { type: "string" },
                },
              },
            },
            sensitive: { type: "boolean" },
            editedAt: { type: ["string", "null"], format: "date-time" },
          },
        },
        PostEnvelope: { type: "object", properties: { post: ref("Post") } },
        CustomEmoji: {
          type: "object",
          properties: { shortcode: { type: "string" }, url: { type: "string" }, category: { type: "string" } },
        },
        ReactorList: {
          type: "object",
          properties: {
            items: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  emoji: { type: "string" },
                  count: { type: "integer" },
                  accounts: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        id: { type: "string" },
                        username: { type: "string" },
                        displayName: { type: "string" },
                        avatarUrl: { type: ["string", "null"] },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        Community: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            title: { type: "string" },
            description: { type: "string" },
            rules: { type: "string" },
            parentId: { type: ["string", "null"] },
            rootId: { type: "string" },
            depth: { type: "integer" },
            joinPolicy: { type: "string", enum: ["open", "approval", "invite"] },
            visibility: { type: "string", enum: ["public", "members"] },
            slowModeSeconds: { type: "integer" },
            membersCount: { type: "integer" },
            postsCount: { type: "integer" },
            lastSeq: { type: "integer" },
            lastPostAt: { type: ["string", "null"] },
            archived: { type: "boolean" },
            me: {
              type: "object",
              properties: {
                member: { type: "boolean" },
                role: { type: ["string", "null"] },
                requested: { type: "boolean" },
                unread: { type: "integer" },
              },
            },
          },
        },
        CommunityEnvelope: { type: "object", properties: { community: ref("Community") } },
        Media: {
          type: "object",
          required: ["id", "type", "url", "contentType", "width", "height", "alt"],
          properties: {
            id: { type: "string" },
            type: { type: "string", enum: ["image", "video"] },
            url: { type: "string" },
            contentType: { type: "string" },
            width: { type: ["integer", "null"], description: "null for AVIF and video" },
            height: { type: ["integer", "null"] },
            alt: { type: "string" },
          },
        },
        MediaEnvelope: { type: "object", properties: { media: ref("Media") } },
        Notification: {
          type: "object",
          required: ["id", "type", "createdAt", "read"],
          properties: {
            id: { type: "string" },
            type: {
              type: "string",
              enum: ["mention", "reply", "reaction", "boost", "quote", "follow", "follow_request", "community_join_request"],
            },
            createdAt: { type: "string", format: "date-time" },
            read: { type: "boolean" },
            account: ref("Account"),
            post: ref("Post"),
            emoji: { type: "string" },
            community: ref("Community"),
          },
        },
        SearchResults: {
          type: "object",
          required: ["posts", "accounts", "hashtags", "communities"],
          properties: {
            posts: { type: "array", items: ref("Post") },
            accounts: { type: "array", items: ref("Account") },
            hashtags: { type: "array", items: { type: "object", properties: { tag: { type: "string" } } } },
            communities: { type: "array", items: ref("Community") },
          },
        },
      },
    },
  };
}
