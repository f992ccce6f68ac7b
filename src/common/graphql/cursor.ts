import { badInput } from '../errors/domain-error';

type CursorKey = Array<string | number>;

/** Opaque keyset cursor: the sort key of the last row seen, base64url-encoded with a format version. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ v: 1, k: key })).toString('base64url');
}

/** Decodes a cursor and checks it has the shape the caller's sort order needs. */
export function decodeCursor(cursor: string, shape: Array<'string' | 'number'>, field = 'after'): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(field, `${field} is not a valid cursor`);
  }
  const key = (parsed as { v?: unknown; k?: unknown })?.k;
  const valid =
    (parsed as { v?: unknown })?.v === 1 &&
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((part, i) => typeof part === shape[i] && (typeof part !== 'number' || Number.isSafeInteger(part)));
  if (!valid) throw badInput(field, `${field} is not a valid cursor for this list`);
  return key as CursorKey;
}
