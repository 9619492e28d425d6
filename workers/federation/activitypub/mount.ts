/**
 * Mounts Fedify on our Hono app for the federation paths only. Fedify answers what it
 * knows (WebFinger, NodeInfo, actors, collections, Notes, inboxes) when the client
 * asks for ActivityStreams; everything else falls through to our routes, so a browser
 * opening /users/alice or /notes/1 still gets the redirect to the web client. An AS2
 * request for something Fedify does not serve (a followers-only Note) gets 404, never
 * the web redirect. Inbox POSTs are capped at 1 MB before Fedify parses anything.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../http/context";
import { remoteBlocks } from "./blocks";
import { federationDeps } from "./context";
import { type GateResult, inboxGate } from "./domain-policy";
import { buildFederation } from "./federation";
import { friendLinks } from "./friend-links";
import { remoteAccounts } from "./remote-accounts";
import { remotePostActions } from "./remote-interactions";

export const INBOX_MAX_BYTES = 1024 * 1024;

const PATHS = /^\/(?:\.well-known\/(?:webfinger|nodeinfo)$|nodeinfo\/|users\/|notes\/|inbox$|actor(?:$|\/))/;
const AS2 = /application\/(?:activity\+json|ld\+json)/i;

export function activityPubMount(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!PATHS.test(c.req.path)) {
      // Our API resolves and follows remote accounts through this (built only when used).
      c.set("remote", remoteAccounts(c.env, c.get("deps"), c.get("config")));
      c.set("friendLinks", friendLinks(c.env, c.get("deps"), c.get("config")));
      c.set("remoteActions", remotePostActions(c.env, c.get("deps"), c.get("config")));
      c.set("remoteBlocks", remoteBlocks(c.env, c.get("deps"), c.get("config")));
      return next();
    }
    let request = c.req.raw;
    const config = c.get("config");
    const deps = c.get("deps");
    let gate: GateResult | null = null;
    if (request.method === "POST") {
      const capped = await capBody(request, INBOX_MAX_BYTES);
      if (!capped) return c.json({ error: { code: "payload_too_large", message: "Activities are limited to 1 MB." } }, 413);
      request = capped;
      // Content type, domain suspension and rate limits, before any signature work.
      gate = await inboxGate(c.env, deps, request);
      if (gate.refused) return gate.refused;
    }
    const federation = buildFederation(c.env, config, deps.ids.next);
    let fellThrough = false;
    const response = await federation
      .fetch(request, {
        contextData: federationDeps(c.env, deps, config),
        onNotFound: async (req) => {
          if (AS2.test(req.headers.get("accept") ?? "") || req.method === "POST")
            return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
          fellThrough = true;
          await next();
          return c.res;
        },
        onNotAcceptable: async () => {
          fellThrough = true;
          await next();
          return c.res;
        },
      })
      .catch((error: unknown) => {
        // Fedify reads an inbox body as JSON-LD (for Object Integrity Proofs) before it checks
        // the HTTP signature, and rethrows what it does not classify as invalid input: a
        // remote `@context` that does not load (404, not JSON-LD), or a value its vocabulary
        // parser chokes on (`"updated": true` -> TypeError in Note.fromJsonLd). For unsigned,
        // forged or signed bodies alike that was a 500 (test/hostile, hostile-fuzz.test.ts);
        // the sender's document is what cannot be used, so: 400.
        if (request.method === "POST" && unusableJsonLd(error))
          return Response.json(
            { error: { code: "validation_failed", message: "The activity's JSON-LD could not be processed." } },
            { status: 400 },
          );
        throw error;
      });
    // After next(), c.res already holds our route's answer (Hono would drop a returned one).
    if (fellThrough) return;
    if (gate && !gate.refused) await gate.admitted(response);
    return response;
  };
}

/**
 * An error of the JSON-LD processor (jsonld.js names them `jsonld.*`, e.g. a remote context
 * that failed to load), or a TypeError raised while Fedify's vocabulary parses the document
 * (`*.fromJsonLd` on the stack). Anything else (a bug of ours, D1 failing) stays a 500.
 */
function unusableJsonLd(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name.startsWith("jsonld.") || (error instanceof TypeError && /fromJsonLd/.test(error.stack ?? ""));
}

/** The request with its body read into memory, or null when it exceeds `max` bytes. */
async function capBody(request: Request, max: number): Promise<Request | null> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > max) return null;
  if (!request.body) return request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body });
}
