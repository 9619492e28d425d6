// Media uploads with progress: fetch() has no upload progress events, so POST /api/media
// goes through XMLHttpRequest. The answer is checked with valibot like every other one.
import * as v from "valibot";
import { ApiError, enc, MediaSchema, request } from "./client";

const MediaEnvelope = v.object({ media: MediaSchema });
export type UploadedMedia = v.InferOutput<typeof MediaSchema>;

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "image/avif"] as const;
export const VIDEO_TYPES = ["video/mp4", "video/webm"] as const;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 40 * 1024 * 1024;
export const MAX_ATTACHMENTS = 4;

/** Checks a file before uploading: the same limits as the server (413 / 415 otherwise). */
export function checkFile(file: File): "ok" | "payload_too_large" | "unsupported_media_type" {
  const image = (IMAGE_TYPES as readonly string[]).includes(file.type);
  const video = (VIDEO_TYPES as readonly string[]).includes(file.type);
  if (!image && !video) return "unsupported_media_type";
  if (file.size > (image ? MAX_IMAGE_BYTES : MAX_VIDEO_BYTES)) return "payload_too_large";
  return "ok";
}

function errorFrom(status: number, body: string): ApiError {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "error" in parsed) {
      const err = (parsed as { error: unknown }).error;
      if (err && typeof err === "object" && "code" in err && typeof err.code === "string") {
        const message = "message" in err && typeof err.message === "string" ? err.message : err.code;
        return new ApiError(status, err.code, message);
      }
    }
  } catch {
    // not JSON: fall through to the status
  }
  if (status === 413) return new ApiError(413, "payload_too_large", "Payload too large");
  if (status === 415) return new ApiError(415, "unsupported_media_type", "Unsupported media type");
  return new ApiError(status, `http_${status}`, `HTTP ${status}`);
}

export interface UploadHandle {
  promise: Promise<UploadedMedia>;
  abort(): void;
}

/** Uploads one file; `onProgress` gets 0–100 as the bytes go out. */
export function uploadMedia(file: File, alt: string, onProgress: (percent: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedMedia>((resolve, reject) => {
    xhr.open("POST", "/api/media");
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFrom(xhr.status, xhr.responseText));
        return;
      }
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // checked below
      }
      const parsed = v.safeParse(MediaEnvelope, json);
      if (!parsed.success) {
        reject(new ApiError(0, "bad_response", "Unexpected response from POST /api/media"));
        return;
      }
      onProgress(100);
      resolve(parsed.output.media);
    };
    xhr.onerror = () => reject(new ApiError(0, "network_error", "Upload failed"));
    xhr.onabort = () => reject(new ApiError(0, "aborted", "Upload cancelled"));
    const form = new FormData();
    form.append("file", file);
    if (alt.trim()) form.append("alt", alt.trim());
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export async function updateMediaAlt(id: string, alt: string): Promise<UploadedMedia> {
  return (await request(MediaEnvelope, "PATCH", `/api/media/${enc(id)}`, { json: { alt } })).media;
}
