import { isHttpUrl } from '../common/url';
import { CONTENT_LIMITS, ContentProblem, ParsedArticle, ParsedReference } from './authoring-format.types';

/** `[label]: url "title"`; `<>` stands for a reference the source names without a URL. */
export const REFERENCE_DEFINITION = /^\s{0,3}\[([^\]\s][^\]]{0,39})\]:\s*(<[^>\s]*>|\S+)(?:\s+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\)))?\s*$/;

const CITATION = /\[([^\]\s[]{1,40})\](?![(:])/g;
const NUMERIC = /^\d{1,4}$/;
const CUT_OFF = /(\.\.\.|…)$/;

export function toReference(match: RegExpExecArray, line: number): ParsedReference {
  const target = match[2].startsWith('<') ? match[2].slice(1, -1) : match[2];
  const title = match[3] ?? match[4] ?? match[5] ?? null;
  return { label: match[1].trim(), url: target.length > 0 ? target : null, title: title?.trim() || null, line };
}

/** Labels cited in the body: `[3]` outside code, not a link text `[x](…)` nor a definition. */
export function citedLabels(body: string): Set<string> {
  const prose = body.replace(/(^|\n)(```|~~~)[\s\S]*?\n\2[^\n]*/g, '\n').replace(/`[^`\n]*`/g, '');
  return new Set([...prose.matchAll(CITATION)].map((m) => m[1]));
}

export function checkReferences(article: ParsedArticle, errors: ContentProblem[], warnings: ContentProblem[]): void {
  const where = `article ${article.number}`;
  const defined = new Map<string, ParsedReference>();
  for (const ref of article.references) {
    const first = defined.get(ref.label);
    if (first) errors.push({ line: ref.line, message: `${where}: reference [${ref.label}] is defined twice (first on line ${first.line})`, field: 'references' });
    else defined.set(ref.label, ref);
    checkUrl(ref, where, errors, warnings);
  }
  if (article.references.length > CONTENT_LIMITS.referencesPerArticle) {
    errors.push({ line: article.line, message: `${where} has more than ${CONTENT_LIMITS.referencesPerArticle} references`, field: 'references' });
  }
  const cited = citedLabels(article.body);
  for (const label of cited) {
    if (NUMERIC.test(label) && !defined.has(label)) {
      warnings.push({ line: article.line, message: `${where} cites [${label}] but defines no reference [${label}]`, field: 'references' });
    }
  }
  for (const ref of defined.values()) {
    const usedInline = ref.url !== null && article.body.includes(ref.url);
    if (!cited.has(ref.label) && !usedInline) {
      warnings.push({ line: ref.line, message: `${where}: reference [${ref.label}] is never cited`, field: 'references' });
    }
  }
}

function checkUrl(ref: ParsedReference, where: string, errors: ContentProblem[], warnings: ContentProblem[]): void {
  if (ref.title && ref.title.length > CONTENT_LIMITS.title) {
    errors.push({ line: ref.line, message: `${where}: reference [${ref.label}] title is longer than ${CONTENT_LIMITS.title} characters`, field: 'title' });
  }
  if (ref.url === null) return;
  if (ref.url.length > CONTENT_LIMITS.url || !isHttpUrl(ref.url)) {
    errors.push({ line: ref.line, message: `${where}: reference [${ref.label}] has an invalid URL "${ref.url.slice(0, 100)}" (http or https only)`, field: 'url' });
  } else if (CUT_OFF.test(ref.url)) {
    warnings.push({ line: ref.line, message: `${where}: reference [${ref.label}] URL looks cut off: ${ref.url}`, field: 'url' });
  }
}
