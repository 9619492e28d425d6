import { Hono } from "hono";
import * as v from "valibot";
import { AVATAR_MAX_BYTES, setAvatar, updateProfile } from "../../core/accounts/update-profile";
import type { AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { parseJson, readUpload } from "../parse";
import { presentAccount } from "../present";
import { requireSignIn, signedIn } from "../session";

const ProfilePatch = v.object({
  displayName: v.optional(v.pipe(v.string(), v.maxLength(200))),
  bio: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  /** Locked: follows wait for approval (GET /api/follow-requests). */
  locked: v.optional(v.boolean()),
});

export const meRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/", (c) => c.json({ account: presentAccount(c.get("config").origin, signedIn(c)) }))
  .patch("/", async (c) => {
    const body = await parseJson(c, ProfilePatch);
    if (!body.ok) return body.response;
    const r = await updateProfile(c.get("deps"), signedIn(c).id, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ account: presentAccount(c.get("config").origin, r.value) });
  })
  .post("/avatar", async (c) => {
    const file = await readUpload(c, AVATAR_MAX_BYTES);
    if (!file.ok) return file.response;
    const r = await setAvatar(c.get("deps"), signedIn(c), file.value.bytes);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ account: presentAccount(c.get("config").origin, r.value) });
  });
