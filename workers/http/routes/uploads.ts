import { Hono } from "hono";
import * as v from "valibot";
import type { Media } from "../../core/media/ports";
import { ALT_MAX, UPLOAD_MAX_BYTES, updateMediaAlt, uploadMedia } from "../../core/media/upload-media";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { Id, parseJson, readUpload } from "../parse";
import { mediaUrl } from "../present";
import { requireSignIn, signedIn } from "../session";

/** The wire shape of an uploaded file (documented in openapi.ts as Media). */
export function presentMedia(origin: string, m: Media) {
  return {
    id: m.id,
    type: m.kind,
    url: mediaUrl(origin, m.key),
    contentType: m.contentType,
    width: m.width,
    height: m.height,
    alt: m.alt,
  };
}

const AltPatch = v.object({ alt: v.pipe(v.string(), v.maxLength(ALT_MAX)) });

/** Multipart `file` (required) and `alt` (optional). */
async function readMediaForm(
  c: AppContext,
): Promise<{ ok: true; file: Uint8Array; alt: string } | { ok: false; response: Response }> {
  const upload = await readUpload(c, UPLOAD_MAX_BYTES);
  if (!upload.ok) return upload;
  const alt = upload.value.form.get("alt") ?? "";
  if (typeof alt !== "string") return { ok: false, response: errorResponse(c, "validation_failed", "alt must be text.") };
  return { ok: true, file: upload.value.bytes, alt };
}

/** POST /api/media (upload for a later post) and PATCH /api/media/:id (alt text). */
export const uploadRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .post("/", async (c) => {
    const form = await readMediaForm(c);
    if (!form.ok) return form.response;
    const r = await uploadMedia(c.get("deps"), signedIn(c).id, form.file, form.alt);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ media: presentMedia(c.get("config").origin, r.value) }, 201);
  })
  .patch("/:id", async (c) => {
    const id = v.safeParse(Id, c.req.param("id"));
    if (!id.success) return errorResponse(c, "not_found", "Media not found.");
    const body = await parseJson(c, AltPatch);
    if (!body.ok) return body.response;
    const r = await updateMediaAlt(c.get("deps"), signedIn(c).id, id.output, body.value.alt);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ media: presentMedia(c.get("config").origin, r.value) });
  });
