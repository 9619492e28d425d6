import { and, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Report, ReportStatus, ReportStore } from "../core/moderation/ports";
import type { Page, PageRequest } from "../core/shared/ports";
import { communityMembers, reports } from "./schema";

export class D1ReportStore implements ReportStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async insert(report: Report): Promise<boolean> {
    const r = await this.db.insert(reports).values(report).onConflictDoNothing().run();
    return (r.meta.changes ?? 0) > 0;
  }

  async find(id: string): Promise<Report | null> {
    return ((await this.db.select().from(reports).where(eq(reports.id, id)).get()) as Report | undefined) ?? null;
  }

  async list(filter: { status?: ReportStatus; communityModerator?: string }, page: PageRequest): Promise<Page<Report>> {
    const conditions: SQL[] = [];
    if (filter.status) conditions.push(eq(reports.status, filter.status));
    if (page.cursor) conditions.push(lt(reports.id, page.cursor));
    if (filter.communityModerator) {
      conditions.push(
        inArray(
          reports.communityId,
          this.db
            .select({ id: communityMembers.communityId })
            .from(communityMembers)
            .where(
              and(
                eq(communityMembers.accountId, filter.communityModerator),
                inArray(communityMembers.role, ["owner", "moderator"]),
              ),
            ),
        ),
      );
    }
    const rows = (await this.db
      .select()
      .from(reports)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(reports.id))
      .limit(page.limit + 1)) as Report[];
    const items = rows.slice(0, page.limit);
    return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
  }

  async close(id: string, status: Exclude<ReportStatus, "open">, by: string, at: Date, note: string): Promise<boolean> {
    const r = await this.db
      .update(reports)
      .set({ status, resolvedBy: by, resolvedAt: at, resolutionNote: note })
      .where(and(eq(reports.id, id), eq(reports.status, "open")))
      .run();
    return (r.meta.changes ?? 0) > 0;
  }

  async countOpen(): Promise<number> {
    const row = await this.db.select({ n: sql<number>`count(*)` }).from(reports).where(eq(reports.status, "open")).get();
    return row?.n ?? 0;
  }

  async countByReporterSince(reporterId: string, since: Date): Promise<number> {
    const row = await this.db
      .select({ n: sql<number>`count(*)` })
      .from(reports)
      .where(and(eq(reports.reporterId, reporterId), gte(reports.createdAt, since)))
      .get();
    return row?.n ?? 0;
  }

  async moderatesCommunities(accountId: string): Promise<boolean> {
    const row = await this.db
      .select({ id: communityMembers.communityId })
      .from(communityMembers)
      .where(and(eq(communityMembers.accountId, accountId), inArray(communityMembers.role, ["owner", "moderator"])))
      .limit(1)
      .get();
    return row !== undefined;
  }
}
