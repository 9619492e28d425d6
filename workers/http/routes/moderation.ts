import { Hono } from "hono";
import type { AppEnv } from "../context";
import { adminAccountRoutes, adminSignupRoutes } from "./admin-accounts";
import { adminDashboardRoutes } from "./admin-dashboard";
import { adminInviteRoutes } from "./admin-invites";
import { adminReportRoutes } from "./admin-reports";
import { reportRoutes } from "./reports";

/** Moderation's part of the API (mounted at /api): reports, the admin queue, accounts, invites, dashboard. */
export const moderationRoutes = new Hono<AppEnv>()
  .route("/reports", reportRoutes)
  .route("/admin/reports", adminReportRoutes)
  .route("/admin/accounts", adminAccountRoutes)
  .route("/admin/signup-requests", adminSignupRoutes)
  .route("/admin/invites", adminInviteRoutes)
  .route("/admin", adminDashboardRoutes);
