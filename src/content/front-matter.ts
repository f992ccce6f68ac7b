import { isMap, LineCounter, parseDocument, Scalar, YAMLMap } from 'yaml';
import { isSlug } from '../common/slug';
import { isHttpUrl } from '../common/url';
import { CONTENT_LIMITS, ContentProblem } from './authoring-format.types';
import { isIsoDate, PERIOD_PATTERN } from './format-rules';

export interface FrontMatter {
  slug: string;
  number: number;
  title: string;
  period: string;
  publisher: string | null;
  publishedOn: string | null;
  sourceUrl: string | null;
  editors: string[];
  previous: string | null;
}

const KEYS = ['slug', 'number', 'title', 'period', 'publisher', 'publishedOn', 'sourceUrl', 'editors', 'previous'];
const REQUIRED = ['slug', 'number', 'title', 'period'];

/** Parses the YAML between the `---` fences; `firstLine` is the 1-based line of the YAML's first line. */
export function parseFrontMatter(yamlText: string, firstLine: number, errors: ContentProblem[]): FrontMatter | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const lineOf = (offset: number | undefined) => firstLine + (offset === undefined ? 0 : counter.linePos(offset).line - 1);
  for (const e of doc.errors) errors.push({ line: lineOf(e.pos[0]), message: `front matter: ${e.message.split('\n')[0]}`, field: 'frontMatter' });
  if (doc.errors.length > 0) return undefined;
  if (!isMap(doc.contents)) {
    errors.push({ line: firstLine, message: 'front matter must be a YAML mapping of keys to values', field: 'frontMatter' });
    return undefined;
  }
  const map = doc.contents as YAMLMap;
  const values = new Map<string, { value: unknown; line: number }>();
  for (const pair of map.items) {
    const key = String((pair.key as Scalar).value);
    const line = lineOf((pair.key as Scalar).range?.[0]);
    if (!KEYS.includes(key)) errors.push({ line, message: `unknown front matter key "${key}" (allowed: ${KEYS.join(', ')})`, field: key });
    else values.set(key, { value: (pair.value as { toJSON?: () => unknown })?.toJSON?.() ?? null, line });
  }
  for (const key of REQUIRED) {
    if (values.get(key)?.value == null) errors.push({ line: firstLine, message: `front matter key "${key}" is required`, field: key });
  }
  const check = new Checker(values, errors, firstLine);
  const result: FrontMatter = {
    slug: check.text('slug', CONTENT_LIMITS.shortText, (v) => isSlug(v) || 'must be lowercase letters, digits and hyphens'),
    number: check.positiveInt('number'),
    title: check.text('title', CONTENT_LIMITS.title),
    period: check.text('period', 7, (v) => PERIOD_PATTERN.test(v) || 'must be YYYY-MM'),
    publisher: check.optionalText('publisher', CONTENT_LIMITS.shortText),
    publishedOn: check.optionalText('publishedOn', 10, (v) => isIsoDate(v) || 'must be a date YYYY-MM-DD'),
    sourceUrl: check.optionalText('sourceUrl', CONTENT_LIMITS.url, (v) => isHttpUrl(v) || 'must be an http(s) URL'),
    editors: check.nameList('editors'),
    previous: check.optionalText('previous', CONTENT_LIMITS.shortText, (v) => isSlug(v) || 'must be an issue slug'),
  };
  return result;
}

type Rule = (value: string) => true | string;

class Checker {
  constructor(
    private readonly values: Map<string, { value: unknown; line: number }>,
    private readonly errors: ContentProblem[],
    private readonly fallbackLine: number,
  ) {}

  private fail(key: string, message: string): void {
    this.errors.push({ line: this.values.get(key)?.line ?? this.fallbackLine, message: `${key} ${message}`, field: key });
  }

  optionalText(key: string, max: number, rule?: Rule): string | null {
    const raw = this.values.get(key)?.value;
    if (raw == null) return null;
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      this.fail(key, 'must be text');
      return null;
    }
    const value = String(raw).trim();
    if (value.length === 0) return null;
    if (value.length > max) this.fail(key, `is longer than ${max} characters`);
    const verdict = rule?.(value) ?? true;
    if (verdict !== true) this.fail(key, verdict);
    return value;
  }

  text(key: string, max: number, rule?: Rule): string {
    return this.values.get(key)?.value == null ? '' : (this.optionalText(key, max, rule) ?? '');
  }

  positiveInt(key: string): number {
    const raw = this.values.get(key)?.value;
    if (raw == null) return 0;
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > 2_147_483_647) {
      this.fail(key, 'must be a positive whole number');
      return 0;
    }
    return raw;
  }

  nameList(key: string): string[] {
    const raw = this.values.get(key)?.value;
    if (raw == null) return [];
    const items = typeof raw === 'string' ? splitNames(raw) : Array.isArray(raw) ? raw.map((v) => String(v ?? '').trim()) : undefined;
    if (!items || items.some((v) => v.length === 0 || v.length > CONTENT_LIMITS.shortText)) {
      this.fail(key, `must be a list of names of 1 to ${CONTENT_LIMITS.shortText} characters`);
      return [];
    }
    if (items.length > CONTENT_LIMITS.editors) this.fail(key, `lists more than ${CONTENT_LIMITS.editors} names`);
    return items;
  }
}

/** Names are separated by ASCII or full-width commas or the ideographic enumeration comma 、. */
export function splitNames(text: string): string[] {
  return text
    .split(/[,,、]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

