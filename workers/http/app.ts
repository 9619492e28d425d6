import { Hono, type MiddlewareHandler } from "hono";
import { getSettings } from "../core/settings/settings";
import { buildDepsWith, type ListenerFactory } from "../deps";
import { loadConfig } from "../env";
import type { AppEnv } from "./context";
import { errorResponse } from "./errors";
import { openApiDocument } from "./openapi";
import { accountRoutes } from "./routes/accounts";
import { adminFriendRoutes, adminRelayRoutes } from "./routes/admin-friends";
import { adminDomainBlockRoutes, adminPolicyStatsRoutes } from "./routes/admin-policies";
import { adminSettingsRoutes } from "./routes/admin-settings";
import { atprotoRoutes } from "./routes/atproto-accounts";
import { authRoutes } from "./routes/auth";
import { bookmarkRoutes } from "./routes/bookmarks";
import { communityRoutes } from "./routes/communities";
import { adminEmojiRoutes, emojiRoutes } from "./routes/emojis";
import { followRequestRoutes } from "./routes/follow-requests";
import { followRoutes } from "./routes/follows";
import { meRoutes } from "./routes/me";
import { mediaRoutes } from "./routes/media";
import { moderationRoutes } from "./routes/moderation";
import { filteredNotificationRoutes, notificationPolicyRoutes } from "./routes/notification-filter";
import { notificationRoutes } from "./routes/notifications";
import { pinRoutes } from "./routes/pins";
import { postRoutes } from "./routes/posts";
import { proxyRoutes } from "./routes/proxy";
import { accountRelationRoutes, blockListRoutes, muteListRoutes, wordFilterRoutes } from "./routes/relations";
import { searchRoutes } from "./routes/search";
import { streamingRoutes } from "./routes/streaming";
import { tagRoutes } from "./routes/tags";
import { timelineRoutes } from "./routes/timelines";
import { uploadRoutes } from "./routes/uploads";
import { csrf, session } from "./session";

/**
 * The Hono app: our JSON API, media, and the redirects for object URLs. `federation`
 * (given by the composition root) answers the ActivityPub paths before our routes and
 * falls through to them for browsers.
 */
export function createApp(listeners: ListenerFactory = () => [], federation?: MiddlewareHandler<AppEnv>) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set("config", loadConfig(c.env, c.req.url));
    c.set("deps", buildDepsWith(c.env, listeners));
    await next();
  });
  if (federation) app.use(federation);

  const api = new Hono<AppEnv>();
  api.use(csrf, session);
  api.get("/instance", async (c) => {
    const { serverName, origin, version } = c.get("config");
    const settings = await getSettings(c.get("deps"));
    return c.json({
      name: serverName,
      origin,
      version,
      signupMode: settings.signupMode,
      localPublic: !settings.forbidLocalPublic,
    });
  });
  api.get("/openapi.json", (c) => c.json(openApiDocument(c.get("config").origin)));
  api.route("/auth", authRoutes);
  api.route("/me", meRoutes);
  api.route("/posts", postRoutes);
  api.route("/timelines", timelineRoutes);
  api.route("/timelines/tag", tagRoutes);
  api.route("/bookmarks", bookmarkRoutes);
  api.route("/emojis", emojiRoutes);
  api.route("/admin/emojis", adminEmojiRoutes);
  api.route("/admin/settings", adminSettingsRoutes);
  api.route("/admin/friends", adminFriendRoutes);
  api.route("/admin/relays", adminRelayRoutes);
  api.route("/admin/domain-blocks", adminDomainBlockRoutes);
  api.route("/admin/policy-stats", adminPolicyStatsRoutes);
  api.route("/accounts", accountRoutes);
  api.route("/accounts", pinRoutes);
  api.route("/accounts", accountRelationRoutes);
  api.route("/mutes", muteListRoutes);
  api.route("/blocks", blockListRoutes);
  api.route("/filters", wordFilterRoutes);
  api.route("/follows", followRoutes);
  api.route("/follow-requests", followRequestRoutes);
  api.route("/communities", communityRoutes);
  api.route("/media", uploadRoutes);
  api.route("/notifications", notificationRoutes);
  api.route("/notifications/filtered", filteredNotificationRoutes);
  api.route("/notifications/policy", notificationPolicyRoutes);
  api.route("/search", searchRoutes);
  api.route("/streaming", streamingRoutes);
  api.route("/", moderationRoutes);
  api.route("/atproto", atprotoRoutes);
  api.all("*", (c) => errorResponse(c, "not_found", "No such API endpoint."));
  app.route("/api", api);

  app.route("/media", mediaRoutes);
  app.route("/proxy", proxyRoutes);
  // Object URLs: browsers are sent to the web client (ActivityPub clients get AS2 from the federation middleware).
  app.get("/notes/:id", (c) => c.redirect(`/posts/${encodeURIComponent(c.req.param("id"))}`, 302));
  app.get("/users/:username", (c) => c.redirect(`/@${encodeURIComponent(c.req.param("username"))}`, 302));

  app.notFound((c) => errorResponse(c, "not_found", "Not found."));
  app.onError((err, c) => {
    // Only bugs reach here: expected failures are values mapped in the routes.
    console.error("unhandled error", c.req.method, c.req.path, err);
    return c.json({ error: { code: "internal_error", message: "Something went wrong on our side." } }, 500);
  });
  return app;
}
