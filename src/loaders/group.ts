/** Orders batch results to match DataLoader keys: one list per key. */
export function groupByKey<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return keys.map((k) => groups.get(k) ?? []);
}

/** Orders batch results to match DataLoader keys: one item or null per key. */
export function oneByKey<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): Array<T | null> {
  const found = new Map(items.map((i) => [keyOf(i), i]));
  return keys.map((k) => found.get(k) ?? null);
}
