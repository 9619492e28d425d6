import { Hono } from "hono";
import * as v from "valibot";
import { AVATAR_MAX_BYTES, setAvatar, updateProfile } from "../../core/accounts/update-profile";
import type { AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { parseJson } from "../parse";
import { presentAccount } from "../present";
import { requireSignIn, signedIn } from "../session";

const ProfilePatch = v.object({
  displayName: v.optional(v.pipe(v.string(), v.maxLength(200))),
  bio: v.optional(v.pipe(v.string(), v.maxLength(2000))),
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
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > AVATAR_MAX_BYTES + 64 * 1024) return errorResponse(c, "payload_too_large", "Avatar must be at most 2 MB.");
    if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
      return errorResponse(c, "unsupported_media_type", "Upload the avatar as multipart/form-data with a `file` field.");
    }
    let file: unknown;
    try {
      file = (await c.req.formData()).get("file");
    } catch {
      return errorResponse(c, "validation_failed", "Malformed multipart body.");
    }
    if (!(file instanceof File)) return errorResponse(c, "validation_failed", "Missing `file` field.");
    const r = await setAvatar(c.get("deps"), signedIn(c), new Uint8Array(await file.arrayBuffer()));
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ account: presentAccount(c.get("config").origin, r.value) });
  });
