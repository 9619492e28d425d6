import { Hono } from "hono";
import * as v from "valibot";
import { followAccount, unfollowAccount } from "../../core/follows/follow-account";
import type { AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { parseJson } from "../parse";
import { requireSignIn, signedIn } from "../session";

const Follow = v.object({ target: v.pipe(v.string(), v.minLength(1), v.maxLength(512)) });

/** Local usernames for now (`alice` or `@alice`); remote handles arrive with federation. */
const localName = (target: string) => target.trim().replace(/^@/, "");

export const followRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .post("/", async (c) => {
    const body = await parseJson(c, Follow);
    if (!body.ok) return body.response;
    const r = await followAccount(c.get("deps"), signedIn(c).id, localName(body.value.target));
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ relationship: r.value });
  })
  .delete("/:target", async (c) => {
    const r = await unfollowAccount(c.get("deps"), signedIn(c).id, localName(c.req.param("target")));
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ relationship: r.value });
  });
