/** A custom emoji of this server, stored in the blob store under `emojis/`. */
export interface CustomEmoji {
  readonly shortcode: string;
  readonly key: string;
  readonly category: string;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface EmojiStore {
  /** False when the shortcode is taken. */
  create(emoji: CustomEmoji): Promise<boolean>;
  find(shortcode: string): Promise<CustomEmoji | null>;
  /** The existing ones among `shortcodes` (batched). */
  findMany(shortcodes: readonly string[]): Promise<CustomEmoji[]>;
  /** Every custom emoji, by category then shortcode (bounded by what admins upload). */
  list(limit: number): Promise<CustomEmoji[]>;
  delete(shortcode: string): Promise<boolean>;
}
