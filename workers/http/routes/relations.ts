import { Hono } from "hono";
import * as v from "valibot";
import { isValidUsername } from "../../core/accounts/account";
import {
  addWordFilter,
  blockAccount,
  MUTE_MAX_SECONDS,
  muteAccount,
  type RelationEntry,
  type RelationState,
  setBoostsHidden,
  type Target,
  unblockAccount,
  unmuteAccount,
  WORD_FILTER_ACTIONS,
} from "../../core/relations/mutes-blocks";
import type { AppContext, AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { Id, parseJson } from "../parse";
import { remoteTarget } from "../remote-accounts";
import { requireSignIn, signedIn } from "../session";

const MuteBody = v.strictObject({
  durationSeconds: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MUTE_MAX_SECONDS)))),
  notifications: v.optional(v.boolean()),
});
const FilterBody = v.strictObject({
  phrase: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  action: v.picklist(WORD_FILTER_ACTIONS),
});

/** The account `:handle` names: local (`name`, `@name`) or remote (`@user@host`, actor URL); null when unknown. */
async function resolveTarget(c: AppContext, handle: string): Promise<{ target: Target; iri: string | null } | null> {
  const remote = remoteTarget(handle, new URL(c.get("config").origin).host);
  if (remote) {
    const profile = await c.get("remote")?.resolve(remote);
    return profile ? { target: { id: profile.id, remote: true }, iri: profile.uri } : null;
  }
  const name = handle.replace(/^@/, "");
  const account = isValidUsername(name) ? await c.get("deps").accounts.findByUsername(name) : null;
  return account ? { target: { id: account.id, remote: false }, iri: null } : null;
}

const presentState = (s: RelationState) => ({ ...s, muteExpiresAt: s.muteExpiresAt?.toISOString() ?? null });
const presentEntry = (e: RelationEntry) => ({
  id: e.targetId,
  acct: e.acct,
  displayName: e.displayName,
  remote: e.remote,
  notifications: e.notifications,
  expiresAt: e.expiresAt?.toISOString() ?? null,
  createdAt: e.createdAt.toISOString(),
});

/** An optional JSON body: none at all means the defaults. */
async function optionalBody<S extends v.GenericSchema>(c: AppContext, schema: S) {
  const empty = (c.req.header("content-length") ?? "0") === "0" && c.req.header("content-type") === undefined;
  if (empty) return { ok: true as const, value: v.parse(schema, {}) as v.InferOutput<S> };
  return parseJson(c, schema);
}

type Action = (c: AppContext, target: Target, iri: string | null) => Promise<Response>;

/** A per-account action: resolve `:handle` (404 when unknown), then act. */
const act = (run: Action) => async (c: AppContext) => {
  const found = await resolveTarget(c, c.req.param("handle") ?? "");
  if (!found) return errorResponse(c, "not_found", "Account not found.");
  return run(c, found.target, found.iri);
};

/** /api/accounts/:handle/{mute,unmute,block,unblock,hide-boosts,show-boosts,relations} */
export const accountRelationRoutes = new Hono<AppEnv>()
  .use("/:handle/*", requireSignIn)
  .get(
    "/:handle/relations",
    act(async (c, target) => {
      const state = await c.get("deps").relations.stateOf(signedIn(c).id, target.id, c.get("deps").clock.now());
      return c.json({ relations: presentState(state) });
    }),
  )
  .post(
    "/:handle/mute",
    act(async (c, target) => {
      const body = await optionalBody(c, MuteBody);
      if (!body.ok) return body.response;
      const r = await muteAccount(c.get("deps"), signedIn(c).id, target, body.value);
      return r.ok ? c.json({ relations: presentState(r.value) }) : domainErrorResponse(c, r.error);
    }),
  )
  .post(
    "/:handle/unmute",
    act(async (c, target) => {
      const r = await unmuteAccount(c.get("deps"), signedIn(c).id, target);
      return r.ok ? c.json({ relations: presentState(r.value) }) : domainErrorResponse(c, r.error);
    }),
  )
  .post(
    "/:handle/block",
    act(async (c, target, iri) => {
      const me = signedIn(c);
      if (target.id === me.id) return errorResponse(c, "validation_failed", "You can't block yourself.");
      // A remote account hears of it (Block); our side is stored either way.
      const activity = iri ? ((await c.get("remoteBlocks")?.block(me, iri)) ?? null) : null;
      const r = await blockAccount(c.get("deps"), me.id, target, activity);
      return r.ok ? c.json({ relations: presentState(r.value) }) : domainErrorResponse(c, r.error);
    }),
  )
  .post(
    "/:handle/unblock",
    act(async (c, target, iri) => {
      const me = signedIn(c);
      const r = await unblockAccount(c.get("deps"), me.id, target);
      if (!r.ok) return domainErrorResponse(c, r.error);
      if (iri && r.value.wasBlocked) await c.get("remoteBlocks")?.unblock(me, iri, r.value.activityIri);
      return c.json({ relations: presentState(r.value.state) });
    }),
  )
  .post(
    "/:handle/hide-boosts",
    act(async (c, target) => {
      const r = await setBoostsHidden(c.get("deps"), signedIn(c).id, target, true);
      return r.ok ? c.json({ relations: presentState(r.value) }) : domainErrorResponse(c, r.error);
    }),
  )
  .post(
    "/:handle/show-boosts",
    act(async (c, target) => {
      const r = await setBoostsHidden(c.get("deps"), signedIn(c).id, target, false);
      return r.ok ? c.json({ relations: presentState(r.value) }) : domainErrorResponse(c, r.error);
    }),
  );

/** /api/mutes and /api/blocks: my lists. */
export const muteListRoutes = new Hono<AppEnv>().get("/", requireSignIn, async (c) => {
  const deps = c.get("deps");
  return c.json({ items: (await deps.relations.mutes(signedIn(c).id, deps.clock.now())).map(presentEntry) });
});
export const blockListRoutes = new Hono<AppEnv>().get("/", requireSignIn, async (c) => {
  return c.json({ items: (await c.get("deps").relations.blocks(signedIn(c).id)).map(presentEntry) });
});

/** /api/filters: my word filters on my timelines. */
export const wordFilterRoutes = new Hono<AppEnv>()
  .use(requireSignIn)
  .get("/", async (c) => {
    const items = await c.get("deps").relations.wordFilters(signedIn(c).id);
    return c.json({ items: items.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })) });
  })
  .post("/", async (c) => {
    const body = await parseJson(c, FilterBody);
    if (!body.ok) return body.response;
    const r = await addWordFilter(c.get("deps"), signedIn(c).id, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ filter: { ...r.value, createdAt: r.value.createdAt.toISOString() } }, 201);
  })
  .delete("/:id", async (c) => {
    const id = v.safeParse(Id, c.req.param("id"));
    const removed = id.success && (await c.get("deps").relations.removeWordFilter(signedIn(c).id, id.output));
    if (!removed) return errorResponse(c, "not_found", "Filter not found.");
    return c.body(null, 204);
  });
