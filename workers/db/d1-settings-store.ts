import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { SettingsPatch, SettingsStore } from "../core/settings/settings";
import { instanceSettings } from "./schema";

/** Settings as one row per key with a JSON value, so a new field needs no migration. */
export class D1SettingsStore implements SettingsStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async load(): Promise<Record<string, unknown>> {
    const rows = await this.db.select().from(instanceSettings);
    const out: Record<string, unknown> = {};
    for (const row of rows) {
      try {
        out[row.key] = JSON.parse(row.value);
      } catch {
        // A corrupt value reads as absent (the default applies).
      }
    }
    return out;
  }

  async save(patch: SettingsPatch, at: Date): Promise<void> {
    const rows = Object.entries(patch)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => ({ key, value: JSON.stringify(value), updatedAt: at }));
    if (rows.length === 0) return;
    const [first, ...rest] = rows.map((row) =>
      this.db
        .insert(instanceSettings)
        .values(row)
        .onConflictDoUpdate({ target: instanceSettings.key, set: { value: row.value, updatedAt: row.updatedAt } }),
    );
    if (first) await this.db.batch([first, ...rest]);
  }
}
