import { Hono } from "hono";
import * as v from "valibot";
import { canManageSettings, getSettings, updateSettings } from "../../core/settings/settings";
import type { AppEnv } from "../context";
import { domainErrorResponse, errorResponse } from "../errors";
import { parseJson } from "../parse";
import { requireSignIn, signedIn } from "../session";

const WORD_MAX = 100;
const WORDS_MAX = 500;
const Words = v.pipe(v.array(v.pipe(v.string(), v.maxLength(WORD_MAX))), v.maxLength(WORDS_MAX));
const Limit = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000));

/** Every field is optional; unknown fields are refused so a typo doesn't silently do nothing. */
export const SettingsPatchSchema = v.strictObject({
  autoAcceptFriends: v.optional(v.boolean()),
  forbidLocalPublic: v.optional(v.boolean()),
  signupMode: v.optional(v.picklist(["open", "approval", "invite", "closed"])),
  prohibitedWords: v.optional(Words),
  sensitiveWords: v.optional(Words),
  mentionLimit: v.optional(Limit),
  strangerMentionLimit: v.optional(Limit),
  unknownSenderPolicy: v.optional(v.picklist(["allow", "filter", "drop"])),
  newAccountHoldHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 90))),
  inboxActorPerMinute: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
  inboxPeerPerMinute: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
  postsPerMinute: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))),
});

/** /api/admin/settings: server-wide settings (admins only). */
export const adminSettingsRoutes = new Hono<AppEnv>()
  .get("/", requireSignIn, async (c) => {
    if (!(await canManageSettings(c.get("deps"), signedIn(c).id)))
      return errorResponse(c, "forbidden", "Only admins see server settings.");
    return c.json({ settings: await getSettings(c.get("deps")) });
  })
  .patch("/", requireSignIn, async (c) => {
    const body = await parseJson(c, SettingsPatchSchema);
    if (!body.ok) return body.response;
    const r = await updateSettings(c.get("deps"), signedIn(c).id, body.value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return c.json({ settings: r.value });
  });
