/** D1 binds at most 100 parameters per statement; lists of ids are queried in chunks below that. */
export const D1_PARAMS_CHUNK = 90;

export function chunks<T>(items: readonly T[], size = D1_PARAMS_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `query` for each chunk of unique `ids` in parallel and concatenates the rows. */
export async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>, size?: number): Promise<T[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return (await Promise.all(chunks(unique, size).map(query))).flat();
}
