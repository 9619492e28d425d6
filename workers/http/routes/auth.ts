import { Hono } from "hono";
import * as v from "valibot";
import { logIn, logOut } from "../../core/accounts/log-in";
import { SIGNUP_REASON_MAX, signUpControlled } from "../../core/moderation/signup-control";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { parseJson } from "../parse";
import { presentAccount } from "../present";
import { clearSessionCookie, setSessionCookie } from "../session";

const Credentials = v.object({
  username: v.pipe(v.string(), v.maxLength(64)),
  password: v.pipe(v.string(), v.maxLength(1024)),
});
const SignUp = v.object({
  ...Credentials.entries,
  displayName: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** Approval mode: why the person wants to join (shown to moderators). */
  reason: v.optional(v.pipe(v.string(), v.maxLength(SIGNUP_REASON_MAX * 2))),
  /** Invite mode: the code from /signup?invite=CODE. */
  invite: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

/**
 * The client address signups are counted under: Cloudflare sets CF-Connecting-IP on
 * every request (wrangler dev sets it too). Outside production, loopback clients (the
 * browser tests, a developer) are not counted; a deployed server counts everyone.
 */
function signupIp(c: AppContext): string | null {
  const ip = c.req.header("cf-connecting-ip")?.trim() || null;
  if (ip && c.get("config").environment !== "production" && LOOPBACK.test(ip)) return null;
  return ip;
}

export const authRoutes = new Hono<AppEnv>()
  .post("/signup", async (c) => {
    const body = await parseJson(c, SignUp);
    if (!body.ok) return body.response;
    const r = await signUpControlled(c.get("deps"), { ...body.value, ip: signupIp(c) });
    if (!r.ok) return domainErrorResponse(c, r.error);
    const account = presentAccount(c.get("config").origin, r.value.account);
    if (r.value.status === "pending") return c.json({ account, pending: true }, 202);
    setSessionCookie(c, r.value.token, r.value.expiresAt);
    return c.json({ account }, 201);
  })
  .post("/login", async (c) => {
    const body = await parseJson(c, Credentials);
    if (!body.ok) return body.response;
    const r = await logIn(c.get("deps"), body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    setSessionCookie(c, r.value.token, r.value.expiresAt);
    return c.json({ account: presentAccount(c.get("config").origin, r.value.account) });
  })
  .post("/logout", async (c) => {
    const token = c.get("sessionToken");
    if (token) await logOut(c.get("deps"), token);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
