/** Time, randomness and identity are parameters so tests control them. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new sortable id (UUIDv7): later ids sort after earlier ones. */
  next(): string;
}

/** Cursor-based page of items, newest first. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface PageRequest {
  readonly limit: number;
  /** Exclusive upper bound: return items with id < cursor. */
  readonly cursor?: string;
}
