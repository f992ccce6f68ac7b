import { badInput } from '../common/errors/domain-error';
import { isSlug } from '../common/slug';
import { isHttpUrl } from '../common/url';
import { checkUuid } from '../common/uuid';
import { ReferenceKind } from '../references/reference-kind';
import { SNAPSHOT_FORMAT_VERSION, SnapshotDocument, SnapshotProblem } from './snapshot.format';

type Obj = Record<string, unknown>;
type Check = (value: unknown) => string | null;

const MAX_PROBLEMS = 100;
const PERIOD = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const ISO_INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$/;
const KINDS = new Set<string>(Object.values(ReferenceKind));

const isUuid = (v: string) => {
  try {
    checkUuid(v);
    return true;
  } catch {
    return false;
  }
};

const text: Check = (v) => (typeof v === 'string' && v.length > 0 ? null : 'must be a non-empty string');
const anyText: Check = (v) => (typeof v === 'string' ? null : 'must be a string');
const orNull = (check: Check): Check => (v) => (v === null ? null : check(v) && `${check(v)} or null`);
const uuid: Check = (v) => (typeof v === 'string' && isUuid(v) ? null : 'must be a UUID');
const slug: Check = (v) => (typeof v === 'string' && isSlug(v) ? null : 'must be a slug (lowercase letters, digits and single hyphens)');
const url: Check = (v) => (typeof v === 'string' && isHttpUrl(v) ? null : 'must be an http or https URL');
const int = (min: number): Check => (v) => (Number.isSafeInteger(v) && (v as number) >= min ? null : `must be an integer >= ${min}`);
const pattern = (re: RegExp, what: string): Check => (v) => (typeof v === 'string' && re.test(v) ? null : `must be ${what}`);
const instant: Check = (v) => pattern(ISO_INSTANT, 'an ISO 8601 timestamp')(v) ?? (Number.isNaN(Date.parse(v as string)) ? 'is not a valid timestamp' : null);
const kind: Check = (v) => (typeof v === 'string' && KINDS.has(v) ? null : `must be one of ${[...KINDS].join(', ')}`);

/** Walks an untrusted document, collecting every problem with its JSON path instead of stopping at the first. */
class Walker {
  readonly problems: SnapshotProblem[] = [];
  private readonly seen = new Map<string, Set<string>>();

  fail(path: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ path, message });
  }

  object(value: unknown, path: string): Obj | null {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Obj;
    this.fail(path, 'must be an object');
    return null;
  }

  array(value: unknown, path: string): unknown[] {
    if (Array.isArray(value)) return value;
    this.fail(path, 'must be an array');
    return [];
  }

  fields(o: Obj, path: string, checks: Record<string, Check>): void {
    for (const [key, check] of Object.entries(checks)) {
      if (!(key in o)) this.fail(`${path}.${key}`, 'is required');
      else {
        const problem = check(o[key]);
        if (problem) this.fail(`${path}.${key}`, problem);
      }
    }
  }

  /** Ids must be unique per entity type: two rows with one id would silently overwrite each other. */
  uniqueId(type: string, o: Obj, path: string): void {
    if (typeof o.id !== 'string') return;
    const ids = this.seen.get(type) ?? new Set<string>();
    this.seen.set(type, ids);
    if (ids.has(o.id)) this.fail(`${path}.id`, `duplicate ${type} id ${o.id}`);
    ids.add(o.id);
  }

  contributorRefs(value: unknown, path: string, known: Set<string>): void {
    this.array(value, path).forEach((id, i) => {
      if (uuid(id)) this.fail(`${path}[${i}]`, 'must be a UUID');
      else if (!known.has(id as string)) this.fail(`${path}[${i}]`, `contributor ${id} is not in $.contributors`);
    });
  }
}

/** Checks a parsed snapshot file; throws BAD_USER_INPUT listing every problem by JSON path. */
export function validateSnapshot(input: unknown): SnapshotDocument {
  const w = new Walker();
  const root = w.object(input, '$');
  if (root && root.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    // Nothing else can be trusted in a format we do not know, so this is the only error reported.
    w.fail('$.formatVersion', `unsupported format version ${JSON.stringify(root.formatVersion)}; this server reads version ${SNAPSHOT_FORMAT_VERSION}`);
  } else if (root) {
    w.fields(root, '$', { exportedAt: instant, changeCursor: orNull(text) });
    const known = new Set<string>();
    w.array(root.contributors, '$.contributors').forEach((c, i) => {
      const o = w.object(c, `$.contributors[${i}]`);
      if (!o) return;
      w.fields(o, `$.contributors[${i}]`, { id: uuid, slug, name: text, affiliation: orNull(anyText) });
      w.uniqueId('contributor', o, `$.contributors[${i}]`);
      if (typeof o.id === 'string') known.add(o.id);
    });
    w.array(root.issues, '$.issues').forEach((issue, i) => checkIssue(w, issue, `$.issues[${i}]`, known));
  }
  if (w.problems.length > 0) {
    const summary = w.problems.slice(0, 3).map((p) => `${p.path} ${p.message}`).join('; ');
    throw badInput('snapshot', `the snapshot has ${w.problems.length} error(s), nothing was imported: ${summary}`, { errors: w.problems });
  }
  return input as SnapshotDocument;
}

function checkIssue(w: Walker, value: unknown, path: string, contributors: Set<string>): void {
  const o = w.object(value, path);
  if (!o) return;
  w.fields(o, path, {
    id: uuid,
    slug,
    number: int(1),
    title: text,
    period: pattern(PERIOD, 'a month, YYYY-MM'),
    publisher: orNull(anyText),
    summary: orNull(anyText),
    publishedAt: instant,
    publishedOn: orNull(pattern(DATE, 'a date, YYYY-MM-DD')),
    sourceUrl: orNull(url),
    previousSlug: orNull(slug),
  });
  w.uniqueId('issue', o, path);
  w.contributorRefs(o.editors, `${path}.editors`, contributors);
  w.array(o.sections, `${path}.sections`).forEach((s, i) => {
    const section = w.object(s, `${path}.sections[${i}]`);
    if (!section) return;
    w.fields(section, `${path}.sections[${i}]`, { id: uuid, number: int(1), title: text, intro: orNull(anyText) });
    w.uniqueId('section', section, `${path}.sections[${i}]`);
    w.array(section.articles, `${path}.sections[${i}].articles`).forEach((a, j) => checkArticle(w, a, `${path}.sections[${i}].articles[${j}]`, contributors));
  });
}

function checkArticle(w: Walker, value: unknown, path: string, contributors: Set<string>): void {
  const o = w.object(value, path);
  if (!o) return;
  w.fields(o, path, { id: uuid, number: text, position: int(0), slug, title: text, body: anyText, language: text });
  w.uniqueId('article', o, path);
  w.array(o.tags, `${path}.tags`).forEach((t, i) => (typeof t === 'string' ? null : w.fail(`${path}.tags[${i}]`, 'must be a string')));
  w.contributorRefs(o.authors, `${path}.authors`, contributors);
  w.array(o.references, `${path}.references`).forEach((r, i) => {
    const ref = w.object(r, `${path}.references[${i}]`);
    if (!ref) return;
    w.fields(ref, `${path}.references[${i}]`, { id: uuid, label: text, url: orNull(url), title: orNull(anyText), kind, externalId: orNull(anyText) });
    w.uniqueId('reference', ref, `${path}.references[${i}]`);
  });
}
