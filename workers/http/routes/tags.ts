import { Hono } from "hono";
import { tagTimeline } from "../../core/posts/tag-timeline";
import { pageRequest } from "../../core/timelines/timelines";
import type { AppEnv } from "../context";
import { domainErrorResponse } from "../errors";
import { PageQuery, parseQuery } from "../parse";
import { filteredPage } from "../viewer-filter";
import { presentPage } from "./timelines";

/** GET /api/timelines/tag/:tag: public and local-public posts with a hashtag, newest first. */
export const tagRoutes = new Hono<AppEnv>().get("/:tag", async (c) => {
  const q = parseQuery(c, PageQuery);
  if (!q.ok) return q.response;
  const r = await tagTimeline(
    c.get("deps"),
    c.get("viewer")?.id ?? null,
    c.req.param("tag"),
    pageRequest(q.value.limit, q.value.cursor),
  );
  if (!r.ok) return domainErrorResponse(c, r.error);
  return c.json(await filteredPage(c, await presentPage(c, r.value)));
});
