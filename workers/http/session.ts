import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Account } from "../core/accounts/account";
import { authenticate } from "../core/accounts/log-in";
import type { AppContext, AppEnv } from "./context";
import { errorResponse } from "./errors";

export const SESSION_COOKIE = "session";

function secure(c: AppContext): boolean {
  return c.get("config").origin.startsWith("https:");
}

export function setSessionCookie(c: AppContext, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: AppContext): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: secure(c) });
}

/** Resolves the session cookie to the signed-in account (or null). */
export const session = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE) ?? null;
  c.set("sessionToken", token);
  c.set("viewer", token ? await authenticate(c.get("deps"), token) : null);
  await next();
});

export const requireSignIn = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get("viewer")) return errorResponse(c, "unauthenticated", "Sign in first.");
  await next();
});

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie sessions: a state-changing request that a browser marks as
 * coming from another origin (Origin header, or Sec-Fetch-Site) is refused. The
 * SameSite=Lax cookie is the second layer. Non-browser clients send neither header.
 */
export const csrf = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && isCrossOrigin(c))
    return errorResponse(c, "csrf_rejected", "Cross-origin request refused.");
  await next();
});

/**
 * Whether a browser marked this request as coming from another origin (Origin header,
 * or Sec-Fetch-Site). The request's own origin is accepted too (a browser cannot forge
 * Host cross-site), so http://localhost:8787 works as well as http://127.0.0.1:8787.
 * Also used for WebSocket upgrades (GETs), against cross-site WebSocket hijacking.
 */
export function isCrossOrigin(c: AppContext): boolean {
  const origin = c.req.header("origin");
  if (origin !== undefined) return origin !== c.get("config").origin && origin !== new URL(c.req.url).origin;
  const site = c.req.header("sec-fetch-site");
  return site !== undefined && site !== "same-origin" && site !== "none";
}

/** The signed-in account on a route behind `requireSignIn` (absence there is a bug). */
export function signedIn(c: AppContext): Account {
  const viewer = c.get("viewer");
  if (!viewer) throw new Error("signedIn() used on a route without requireSignIn");
  return viewer;
}
