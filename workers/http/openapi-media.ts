/**
 * OpenAPI paths of the remote media proxy, spread into openapi.ts's paths. A function,
 * not a constant: openapi.ts imports this module, so its builders exist only once it ran.
 */
import { err, ok } from "./openapi-builders";

export const mediaPaths = () => ({
  "/proxy/media": {
    get: {
      summary:
        "Stream a remote image, video or audio file through this server without storing it. Allow-listed types only (no SVG or HTML), size-capped, time-limited; in production only public https addresses (the SSRF guard). Remote posts, avatars and custom emoji in API responses already point here.",
      parameters: [
        { name: "url", in: "query", required: true, schema: { type: "string", maxLength: 2048 }, description: "the remote URL" },
        { name: "Range", in: "header", required: false, schema: { type: "string" }, description: "passed on for seeking" },
      ],
      responses: {
        "200": ok("The file, with nosniff, a sandboxing CSP and `Cache-Control: private`"),
        "206": ok("Part of the file (a Range request)"),
        "400": err("validation_failed: not an http(s) URL (https only in production)"),
        "403": err("forbidden: the SSRF guard refused the address (private, loopback, link-local, internal name)"),
        "404": err("not_found: the remote server has no such file"),
        "413": err("payload_too_large: larger than the proxy's cap"),
        "415": err("unsupported_media_type: not an allow-listed image, video or audio type"),
        "502": err("bad_gateway: the remote server failed, timed out or redirected too often"),
      },
    },
  },
});
