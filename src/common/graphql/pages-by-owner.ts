import { ConnectionShape, toConnection } from './connection';

/** Splits rows tagged with `owner_id` (already ordered and cut to `first + 1` per owner) into one page per owner. */
export function pagesByOwner<E, T>(
  owners: readonly string[],
  rows: Array<Record<string, unknown>>,
  toEntity: (row: Record<string, unknown>) => E,
  first: number,
  after: string | null | undefined,
  keyOf: (entity: E) => Array<string | number>,
  toNode: (entity: E) => T,
): Map<string, ConnectionShape<T>> {
  const grouped = new Map<string, E[]>(owners.map((id) => [id, []]));
  for (const row of rows) grouped.get(row.owner_id as string)?.push(toEntity(row));
  return new Map([...grouped].map(([owner, entities]) => [owner, toConnection(entities, first, after, keyOf, toNode)]));
}
