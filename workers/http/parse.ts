import * as v from "valibot";
import type { AppContext } from "./context";
import { errorResponse } from "./errors";

/** Largest JSON body the API accepts (a 3,000-character post is at most ~12 KB). */
export const JSON_BODY_MAX = 64 * 1024;

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return "Invalid request.";
  const path = first.path?.map((p) => String(p.key)).join(".");
  return path ? `${path}: ${first.message}` : first.message;
}

/** Reads and validates a JSON body: 413 when too large, 400 when malformed or invalid. */
export async function parseJson<S extends v.GenericSchema>(c: AppContext, schema: S): Promise<Parsed<v.InferOutput<S>>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    return { ok: false, response: errorResponse(c, "unsupported_media_type", "Send JSON with Content-Type: application/json.") };
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > JSON_BODY_MAX) return { ok: false, response: errorResponse(c, "payload_too_large", "Request body too large.") };
  const raw = await c.req.raw.arrayBuffer();
  if (raw.byteLength > JSON_BODY_MAX)
    return { ok: false, response: errorResponse(c, "payload_too_large", "Request body too large.") };
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(raw));
  } catch {
    return { ok: false, response: errorResponse(c, "malformed_json", "The request body is not valid JSON.") };
  }
  const result = v.safeParse(schema, data);
  if (!result.success) return { ok: false, response: errorResponse(c, "validation_failed", describe(result.issues)) };
  return { ok: true, value: result.output };
}

/** Validates query parameters. */
export function parseQuery<S extends v.GenericSchema>(c: AppContext, schema: S): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, c.req.query());
  if (!result.success) return { ok: false, response: errorResponse(c, "validation_failed", describe(result.issues)) };
  return { ok: true, value: result.output };
}

/** UUIDv7-shaped ids (also what cursors are). */
export const Id = v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "Invalid id."));

export const PageQuery = v.object({
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, "limit must be a number"), v.transform(Number))),
  cursor: v.optional(Id),
});

/**
 * Reads a multipart upload: the `file` field's bytes (413 over `maxBytes`, judged from
 * Content-Length first, then the real size), and the whole form for any other fields.
 * 415 when not multipart, 400 when malformed or without a file.
 */
export async function readUpload(c: AppContext, maxBytes: number): Promise<Parsed<{ bytes: Uint8Array; form: FormData }>> {
  const declared = Number(c.req.header("content-length") ?? "0");
  // Multipart framing and small text fields add a little to the file itself.
  if (declared > maxBytes + 64 * 1024) return { ok: false, response: errorResponse(c, "payload_too_large", "File too large.") };
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
  if (!(file instanceof File)) return { ok: false, response: errorResponse(c, "validation_failed", "Missing `file` field.") };
  if (file.size > maxBytes) return { ok: false, response: errorResponse(c, "payload_too_large", "File too large.") };
  return { ok: true, value: { bytes: new Uint8Array(await file.arrayBuffer()), form } };
}
