import { Hono } from "hono";
import * as v from "valibot";
import type { Media } from "../../core/media/ports";
import { ALT_MAX, UPLOAD_MAX_BYTES, updateMediaAlt, uploadMedia } from "../../core/media/upload-media";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { Id, parseJson } from "../parse";
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

/** Multipart `file` (required) and `alt` (optional), with the size checked from Content-Length first. */
async function readMediaForm(
  c: AppContext,
): Promise<{ ok: true; file: Uint8Array; alt: string } | { ok: false; response: Response }> {
  const declared = Number(c.req.header("content-length") ?? "0");
  // Multipart framing and the alt field add a little to the file itself.
  if (declared > UPLOAD_MAX_BYTES + 64 * 1024)
    return { ok: false, response: errorResponse(c, "payload_too_large", "File too large.") };
  if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
    return {
      ok: false,
      response: errorResponse(c, "unsupported_media_type", "Upload as multipart/form-data with a `file` field."),
    };
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    return { ok: false, response: errorResponse(c, "validation_failed", "Malformed multipart body.") };
  }
  const file = form.get("file");
  const alt = form.get("alt") ?? "";
  if (!(file instanceof File)) return { ok: false, response: errorResponse(c, "validation_failed", "Missing `file` field.") };
  if (typeof alt !== "string") return { ok: false, response: errorResponse(c, "validation_failed", "alt must be text.") };
  if (file.size > UPLOAD_MAX_BYTES) return { ok: false, response: errorResponse(c, "payload_too_large", "File too large.") };
  return { ok: true, file: new Uint8Array(await file.arrayBuffer()), alt };
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
