/** Value rules of the authoring format, shared by the file importer and the field-level editing API. */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9._+-]{0,39}$/;
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
