import { badInput } from './errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is the client's mistake, not a database error. */
export function checkUuid(value: string, field = 'id'): string {
  if (!UUID.test(value)) throw badInput(field, `${field} must be a UUID`);
  return value;
}
