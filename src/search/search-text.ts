import { GLOSSARY } from './glossary';

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const CJK_RUN = new RegExp(`[${CJK}]+`, 'gu');
const KEY_VALUE = /([A-Za-z0-9_.+-]+)=([A-Za-z0-9_.+-]+)/g;
const NUMBER_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}])\\d+(?:\\.\\d+)?%?|\\d+(?:\\.\\d+)?%?(?=[${CJK}])`, 'gu');
const NUMBER_WITH_UNIT = /\b(\d+(?:\.\d+)?)([A-Za-z]+)\b/g;

export function hasCjk(text: string): boolean {
  return new RegExp(`[${CJK}]`, 'u').test(text);
}

/**
 * Tokens Meilisearch's tokenizer misses, written out so they become searchable: both sides of
 * `key=value` (`=` is no separator) and numbers glued to Chinese text or to a unit (`162次`, `8MiB`).
 */
export function extraTokens(text: string): string {
  const tokens = new Set<string>();
  for (const [, key, value] of text.matchAll(KEY_VALUE)) tokens.add(`${key} ${value}`);
  for (const [number] of text.matchAll(NUMBER_NEXT_TO_CJK)) tokens.add(number.replace(/%$/, ''));
  for (const [, number, unit] of text.matchAll(NUMBER_WITH_UNIT)) tokens.add(`${number} ${unit}`);
  return [...tokens].join(' ');
}

/** One opaque ASCII token per pair of adjacent CJK characters, immune to word segmentation and typos. */
function gram(a: string, b: string): string {
  const code = (c: string) => c.codePointAt(0)!.toString(36).padStart(4, '0');
  return `g${code(a)}${code(b)}`;
}

/** Character bigrams of every CJK run, so a fragment from mid-word (拟机 in 虚拟机) can still be found. */
export function cjkBigrams(text: string): string[] {
  const grams = new Set<string>();
  for (const [run] of text.matchAll(CJK_RUN)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) grams.add(gram(chars[i], chars[i + 1]));
  }
  return [...grams];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function occurrences(text: string, term: string): number {
  const pattern = /^[\x00-\x7f]+$/.test(term) ? `(?<![A-Za-z0-9_])${escapeRegExp(term)}(?![A-Za-z0-9_])` : escapeRegExp(term);
  return text.match(new RegExp(pattern, 'gi'))?.length ?? 0;
}

/**
 * The glossary concepts an article is really about: those it names at least `min` times, in either language.
 * Meilisearch ranks by where a word first appears, not how often, so an article that mentions 内存 once in its
 * first sentence would beat one that is about memory; a field ranked above the body fixes that.
 */
export function keyTerms(text: string, min = 3, top = 4, groups: string[][] = GLOSSARY): string {
  return groups
    .map((group) => ({ group, count: group.reduce((sum, term) => sum + occurrences(text, term), 0) }))
    .filter((g) => g.count >= min)
    .sort((a, b) => b.count - a.count) // the position rule then favours the article's main concept
    .slice(0, top)
    .map((g) => g.group.join(' '))
    .join(' ');
}
