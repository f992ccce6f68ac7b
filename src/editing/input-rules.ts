import { badInput } from '../common/errors/domain-error';
import { isSlug, normalizeName } from '../common/slug';
import { isHttpUrl } from '../common/url';
import { CONTENT_LIMITS } from '../content/authoring-format.types';
import { isIsoDate, PERIOD_PATTERN, TAG_PATTERN } from '../content/format-rules';

// The authoring format's rules, applied to API input. Every check throws BAD_USER_INPUT naming the field.

const ARTICLE_NUMBER = /^(\d{1,3})\.(\d{1,3})$/;
/** As `[label]:` allows in the authoring format. */
const LABEL = /^[^\]\s][^\]]{0,39}$/;
export const MAX_SECTION_NUMBER = 999;

/** Postgres text cannot hold NUL: refuse it anywhere in the input instead of failing in the driver. */
export function rejectNul(value: unknown, field: string): void {
  if (typeof value === 'string') {
    if (value.includes('\0')) throw badInput(field, `${field} contains a NUL byte`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => rejectNul(item, typeof item === 'object' && item !== null ? `${field}[${i}]` : field));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) rejectNul(item, `${field}.${key}`);
  }
}

/** A one-line text that must be there: trimmed, non-empty, at most `max` characters. */
export function requiredLine(value: string | null | undefined, field: string, max: number): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw badInput(field, `${field} must not be empty`);
  return limited(text, field, max);
}

/** An optional one-line text: blank becomes null. */
export function optionalLine(value: string | null | undefined, field: string, max: number): string | null {
  const text = value?.trim() ?? '';
  return text.length === 0 ? null : limited(text, field, max);
}

/** Markdown keeps its whitespace; blank becomes null. */
export function optionalMarkdown(value: string | null | undefined, field: string, max = CONTENT_LIMITS.body): string | null {
  if (value == null || value.trim().length === 0) return null;
  return limited(value, field, max);
}

export function limited(text: string, field: string, max: number): string {
  if (text.length > max) throw badInput(field, `${field} is longer than ${max} characters`, { maxLength: max });
  return text;
}

export function checkSlug(value: string | null | undefined, field: string): string {
  const slug = requiredLine(value, field, CONTENT_LIMITS.shortText);
  if (!isSlug(slug)) throw badInput(field, `${field} must be lowercase letters, digits and single hyphens (at most 80), e.g. "2020-07"`);
  return slug;
}

export function checkUrl(value: string, field: string): string {
  const url = limited(value.trim(), field, CONTENT_LIMITS.url);
  if (!isHttpUrl(url)) throw badInput(field, `${field} must be an http(s) URL`);
  return url;
}

export function checkPeriod(value: string | null | undefined, field: string): string {
  const period = requiredLine(value, field, 7);
  if (!PERIOD_PATTERN.test(period)) throw badInput(field, `${field} must be YYYY-MM`);
  return period;
}

export function checkDate(value: string, field: string): string {
  const date = value.trim();
  if (!isIsoDate(date)) throw badInput(field, `${field} must be a date YYYY-MM-DD`);
  return date;
}

export function checkPositiveInt(value: number | null | undefined, field: string, max = 2_147_483_647): number {
  if (value == null || !Number.isInteger(value) || value < 1 || value > max) throw badInput(field, `${field} must be a whole number from 1 to ${max}`);
  return value;
}

/** "N.M" as headings number articles; written canonically, so "01.2" and "1.2" are the same number. */
export function checkArticleNumber(value: string | null | undefined, field: string): string {
  const match = ARTICLE_NUMBER.exec(value?.trim() ?? '');
  if (!match) throw badInput(field, `${field} must look like "2.3" (section.article)`);
  return `${Number(match[1])}.${Number(match[2])}`;
}

/** Lowercased and deduplicated like the `Tags:` line, then checked. */
export function checkTags(values: readonly string[], field: string): string[] {
  const tags = [...new Set(values.map((t) => t.trim().toLowerCase()))];
  tags.forEach((tag, index) => {
    if (!TAG_PATTERN.test(tag)) throw badInput(field, `tag "${tag.slice(0, 50)}" must be 1-40 lowercase letters, digits or . _ + -`, { index });
  });
  if (tags.length > CONTENT_LIMITS.tagsPerArticle) throw badInput(field, `at most ${CONTENT_LIMITS.tagsPerArticle} tags`);
  return tags;
}

/** Person names, normalised as contributors are stored; a name listed twice counts once. */
export function checkNames(values: readonly string[], field: string, maxCount: number): string[] {
  const names = values.map((raw, index) => {
    const name = normalizeName(raw);
    if (name.length === 0 || name.length > CONTENT_LIMITS.shortText) throw badInput(field, `names must be 1 to ${CONTENT_LIMITS.shortText} characters`, { index });
    return name;
  });
  const unique = [...new Set(names)];
  if (unique.length > maxCount) throw badInput(field, `at most ${maxCount} names`);
  return unique;
}

export function checkLabel(value: string, field: string): string {
  const label = value.trim();
  if (!LABEL.test(label)) throw badInput(field, `${field} must be 1 to 40 characters without "]"`);
  return label;
}

/** Refuses explicit null for a field that cannot be empty; `undefined` means "leave unchanged". */
export function notNull<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null) throw badInput(field, `${field} cannot be null; omit it to leave it unchanged`);
  return value;
}

/** An update must name at least one field, so a no-op never bumps versions or notifies anyone. */
export function someField(input: object, field = 'input'): void {
  if (!Object.values(input).some((v) => v !== undefined)) throw badInput(field, `${field} names no field to change`);
}

/** Wraps a check of a nullable field: null or blank clears it, anything else must pass. */
export function orNull(check: (value: string, field: string) => string) {
  return (value: string | null | undefined, field: string): string | null => (value == null || value.trim() === '' ? null : check(value, field));
}

