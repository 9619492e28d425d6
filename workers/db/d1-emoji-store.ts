import { asc, eq, inArray } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { CustomEmoji, EmojiStore } from "../core/emojis/ports";
import { inChunks } from "./chunks";
import { customEmojis } from "./schema";

export class D1EmojiStore implements EmojiStore {
  constructor(private readonly db: DrizzleD1Database) {}

  async create(emoji: CustomEmoji): Promise<boolean> {
    const r = await this.db.insert(customEmojis).values(emoji).onConflictDoNothing().run();
    return Boolean(r.meta.changes);
  }

  async find(shortcode: string): Promise<CustomEmoji | null> {
    return (await this.db.select().from(customEmojis).where(eq(customEmojis.shortcode, shortcode)).get()) ?? null;
  }

  async findMany(shortcodes: readonly string[]): Promise<CustomEmoji[]> {
    return inChunks(shortcodes, (chunk) => this.db.select().from(customEmojis).where(inArray(customEmojis.shortcode, chunk)));
  }

  async list(limit: number): Promise<CustomEmoji[]> {
    return this.db.select().from(customEmojis).orderBy(asc(customEmojis.category), asc(customEmojis.shortcode)).limit(limit);
  }

  async delete(shortcode: string): Promise<boolean> {
    const r = await this.db.delete(customEmojis).where(eq(customEmojis.shortcode, shortcode)).run();
    return Boolean(r.meta.changes);
  }
}
