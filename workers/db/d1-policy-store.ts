import { asc, eq, inArray, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { DomainBlock, DomainBlockStore } from "../core/moderation/domain-blocks";
import { POLICY_RULES, type PolicyHit, type PolicyRule, type PolicyStats } from "../core/moderation/policies";
import { domainBlocks, policyHits } from "./schema";

/** Domain blocks: a handful of rows, looked up by primary key (one query per inbox request). */
export class D1DomainBlockStore implements DomainBlockStore {
  constructor(
    private readonly db: DrizzleD1Database,
    private readonly d1: D1Database,
  ) {}

  async list(): Promise<DomainBlock[]> {
    return this.db.select().from(domainBlocks).orderBy(asc(domainBlocks.domain));
  }

  async covering(hosts: readonly string[]): Promise<DomainBlock[]> {
    if (hosts.length === 0) return [];
    return this.db
      .select()
      .from(domainBlocks)
      .where(inArray(domainBlocks.domain, [...new Set(hosts)].slice(0, 50)));
  }

  async upsert(block: DomainBlock): Promise<void> {
    const { domain, createdAt, ...rest } = block;
    await this.db.insert(domainBlocks).values(block).onConflictDoUpdate({ target: domainBlocks.domain, set: rest });
  }

  async remove(domain: string): Promise<boolean> {
    const r = await this.db.delete(domainBlocks).where(eq(domainBlocks.domain, domain));
    return (r.meta.changes ?? 0) > 0;
  }

  /** Their actors go, and with them (ON DELETE CASCADE) follows both ways, cached posts and reactions. */
  async purge(domain: string): Promise<void> {
    await this.d1.prepare("DELETE FROM remote_actors WHERE host = ?1 OR host LIKE '%.' || ?1").bind(domain).run();
  }

  async unlistCached(domain: string): Promise<void> {
    await this.d1
      .prepare(
        `UPDATE remote_posts SET visibility = 'unlisted' WHERE visibility = 'public' AND actor_id IN
           (SELECT id FROM remote_actors WHERE host = ?1 OR host LIKE '%.' || ?1)`,
      )
      .bind(domain)
      .run();
  }

  async dropCachedMedia(domain: string): Promise<void> {
    const actors = "SELECT id FROM remote_actors WHERE host = ?1 OR host LIKE '%.' || ?1";
    await this.d1.batch([
      this.d1
        .prepare(
          `UPDATE remote_posts SET media = '[]', emojis = '[]' WHERE (media <> '[]' OR emojis <> '[]') AND actor_id IN (${actors})`,
        )
        .bind(domain),
      this.d1.prepare(`UPDATE remote_actors SET avatar_url = NULL, emojis = '[]' WHERE id IN (${actors})`).bind(domain),
    ]);
  }
}

/** Hit counters: one row per rule, bumped with a single upsert. */
export class D1PolicyStats implements PolicyStats {
  constructor(private readonly db: DrizzleD1Database) {}

  async hit(rule: PolicyRule, at: Date): Promise<void> {
    await this.db
      .insert(policyHits)
      .values({ rule, count: 1, lastHitAt: at })
      .onConflictDoUpdate({ target: policyHits.rule, set: { count: sql`${policyHits.count} + 1`, lastHitAt: at } });
  }

  async all(): Promise<PolicyHit[]> {
    const rows = await this.db.select().from(policyHits);
    const byRule = new Map(rows.map((r) => [r.rule, r]));
    return POLICY_RULES.map((rule) => {
      const row = byRule.get(rule);
      return { rule, count: row?.count ?? 0, lastHitAt: row?.lastHitAt ?? null };
    });
  }
}
