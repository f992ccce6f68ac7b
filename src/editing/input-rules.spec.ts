import { DomainError } from '../common/errors/domain-error';
import * as rules from './input-rules';

/** The field (and extras) a check refused with, or 'passed'. */
function refusal(check: () => unknown): Record<string, unknown> | 'passed' {
  try {
    check();
    return 'passed';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, ...error.details };
  }
}

describe('editing input rules', () => {
  it('finds a NUL byte anywhere and names the field, with list indexes for objects in lists', () => {
    expect(refusal(() => rules.rejectNul({ title: 'ok', tags: ['a', 'b\0'] }, 'input'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.tags' });
    expect(refusal(() => rules.rejectNul([{ label: '1' }, { label: '2', title: '\0' }], 'references'))).toEqual({ code: 'BAD_USER_INPUT', field: 'references[1].title' });
    expect(refusal(() => rules.rejectNul({ a: null, b: 3, c: ['x'] }, 'input'))).toBe('passed');
  });

  it('trims one-line text, refuses blank required text and overlong text', () => {
    expect(rules.requiredLine('  标题 ', 'input.title', 5)).toBe('标题');
    expect(refusal(() => rules.requiredLine('   ', 'input.title', 5))).toMatchObject({ field: 'input.title' });
    expect(refusal(() => rules.requiredLine('123456', 'input.title', 5))).toMatchObject({ field: 'input.title', maxLength: 5 });
    expect(rules.optionalLine('  ', 'input.publisher', 5)).toBeNull();
    expect(rules.optionalMarkdown('  keep  ', 'input.summary')).toBe('  keep  ');
  });

  it('accepts only slugs that slugify leaves alone', () => {
    expect(rules.checkSlug('2020-07', 'input.slug')).toBe('2020-07');
    expect(rules.checkSlug('陈玮', 'input.slug')).toBe('陈玮');
    for (const bad of ['Bad', 'a--b', '-a', 'a b', 'x'.repeat(81), '']) expect(refusal(() => rules.checkSlug(bad, 'input.slug'))).toMatchObject({ field: 'input.slug' });
  });

  it('checks periods, real calendar dates and http(s) URLs', () => {
    expect(rules.checkPeriod('2024-12', 'p')).toBe('2024-12');
    expect(refusal(() => rules.checkPeriod('2024-00', 'p'))).toMatchObject({ field: 'p' });
    expect(rules.checkDate('2024-02-29', 'd')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-2-1', '2024-04-31']) expect(refusal(() => rules.checkDate(bad, 'd'))).toMatchObject({ field: 'd' });
    expect(rules.checkUrl(' https://lwn.net/Articles/1/ ', 'u')).toBe('https://lwn.net/Articles/1/');
    for (const bad of ['ftp://x.org', 'javascript:alert(1)', 'https://', `https://x.org/${'a'.repeat(2000)}`]) expect(refusal(() => rules.checkUrl(bad, 'u'))).toMatchObject({ field: 'u' });
  });

  it('writes article numbers canonically and refuses other shapes', () => {
    expect(rules.checkArticleNumber(' 01.002 ', 'n')).toBe('1.2');
    for (const bad of ['1', '1.', 'a.1', '1.2.3', '1000.1', null]) expect(refusal(() => rules.checkArticleNumber(bad, 'n'))).toMatchObject({ field: 'n' });
  });

  it('lowercases and deduplicates tags like the Tags: line, then applies its pattern and limit', () => {
    expect(rules.checkTags(['KVM', 'kvm', ' x86 '], 'input.tags')).toEqual(['kvm', 'x86']);
    expect(refusal(() => rules.checkTags(['ok', 'not ok'], 'input.tags'))).toMatchObject({ field: 'input.tags', index: 1 });
    expect(refusal(() => rules.checkTags(Array.from({ length: 21 }, (_, i) => `t${i}`), 'input.tags'))).toMatchObject({ field: 'input.tags' });
  });

  it('normalises names, counts a repeated name once, and limits length and count', () => {
    expect(rules.checkNames(['Ann  Lee', 'Ａnn Lee', 'Bo'], 'input.authors', 2)).toEqual(['Ann Lee', 'Bo']);
    expect(refusal(() => rules.checkNames(['a', ' '], 'input.authors', 5))).toMatchObject({ field: 'input.authors', index: 1 });
    expect(refusal(() => rules.checkNames(['a', 'b', 'c'], 'input.authors', 2))).toMatchObject({ field: 'input.authors' });
  });

  it('tells "leave unchanged" (undefined) from "set to null" and refuses an update that names nothing', () => {
    expect(rules.notNull(undefined, 'f')).toBeUndefined();
    expect(refusal(() => rules.notNull(null, 'input.title'))).toMatchObject({ field: 'input.title' });
    expect(refusal(() => rules.someField({ a: undefined }))).toMatchObject({ field: 'input' });
    expect(refusal(() => rules.someField({ a: null }))).toBe('passed');
    expect(rules.orNull(rules.checkUrl)('  ', 'u')).toBeNull();
  });

  it('reference labels follow the [label]: syntax', () => {
    expect(rules.checkLabel(' 12 ', 'l')).toBe('12');
    for (const bad of ['', 'a]b', 'x'.repeat(41)]) expect(refusal(() => rules.checkLabel(bad, 'l'))).toMatchObject({ field: 'l' });
  });
});
