import { buildFilter, quote } from './search-filter';

/**
 * A reference reader of one Meilisearch condition `field = "literal"`: inside the literal, `\` escapes the next
 * character and an unescaped `"` ends it. Returns the field, the decoded literal and what follows it.
 */
function parseCondition(condition: string): { field: string; value: string; rest: string } {
  const head = /^([A-Za-z]+) = "/.exec(condition);
  if (!head) throw new Error(`not a quoted condition: ${condition}`);
  let value = '';
  for (let i = head[0].length; i < condition.length; i++) {
    const c = condition[i];
    if (c === '\\') {
      if (i + 1 >= condition.length) throw new Error('dangling backslash');
      value += condition[++i];
    } else if (c === '"') {
      return { field: head[1], value, rest: condition.slice(i + 1) };
    } else {
      value += c;
    }
  }
  throw new Error(`unterminated literal: ${condition}`);
}

/** The decoded literal of `quote(value)` alone. */
function readLiteral(quoted: string): { value: string; rest: string } {
  const { value, rest } = parseCondition(`f = ${quoted}`);
  return { value, rest };
}

const HOSTILE = [
  'x" OR issueSlug = "y',
  'x\\" OR issueSlug = \\"y',
  '\\',
  '\\\\',
  '\\"',
  '"',
  '""',
  'a\\',
  'a\\\\" OR year = 2020 OR x = "',
  'line1\nline2" OR tags = "x',
  '] OR [',
  "' OR '1' = '1",
  'x") OR (tags EXISTS',
  '虚拟机 "内存"\\',
  '',
];

describe('quote', () => {
  it.each(HOSTILE)('keeps %j inside one literal that decodes back to it', (input) => {
    const quoted = quote(input);
    expect(quoted.startsWith('"')).toBe(true);
    expect(quoted.endsWith('"')).toBe(true);
    expect(readLiteral(quoted)).toEqual({ value: input, rest: '' });
  });

  it('escapes backslashes and quotes', () => {
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('a\\b')).toBe('"a\\\\b"');
    expect(quote('\\"')).toBe('"\\\\\\""');
  });

  it('leaves ordinary values as they are, only adding quotes', () => {
    expect(quote('2023-07')).toBe('"2023-07"');
    expect(quote('内存管理')).toBe('"内存管理"');
  });
});

describe('buildFilter', () => {
  it('returns [] for null, undefined and an empty object', () => {
    expect(buildFilter(null)).toEqual([]);
    expect(buildFilter(undefined)).toEqual([]);
    expect(buildFilter({})).toEqual([]);
  });

  it('skips null and undefined fields', () => {
    expect(buildFilter({ issueSlug: null, year: undefined, sectionTitle: null, authorSlug: undefined, tag: null })).toEqual([]);
    expect(buildFilter({ issueSlug: null, tag: 'mm' })).toEqual(['tags = "mm"']);
  });

  it('quotes every string field on the indexed attribute names', () => {
    expect(buildFilter({ issueSlug: '2023-07', year: 2023, sectionTitle: '内存管理', authorSlug: 'chen-wei', tag: 'kvm' })).toEqual([
      'issueSlug = "2023-07"',
      'year = 2023',
      'sectionTitle = "内存管理"',
      'authorSlugs = "chen-wei"',
      'tags = "kvm"',
    ]);
  });

  it.each([
    [3.7, 'year = 3'],
    [2023.999, 'year = 2023'],
    [-3.7, 'year = -3'],
    [0, 'year = 0'],
  ])('writes year %p as an integer: %s', (year, expected) => {
    expect(buildFilter({ year })).toEqual([expected]);
  });

  it('never writes a year other than as bare digits', () => {
    for (const year of [1, 2020, 3.5, 1e9 + 0.5]) {
      const [condition] = buildFilter({ year });
      expect(condition).toMatch(/^year = -?\d+$/);
    }
  });

  it.each(HOSTILE)('keeps hostile value %j inside one literal in every field', (value) => {
    const conditions = buildFilter({ issueSlug: value, sectionTitle: value, authorSlug: value, tag: value });
    expect(conditions).toHaveLength(4);
    const parsed = conditions.map(parseCondition);
    expect(parsed.map((p) => p.field)).toEqual(['issueSlug', 'sectionTitle', 'authorSlugs', 'tags']);
    for (const p of parsed) {
      expect(p.value).toBe(value);
      expect(p.rest).toBe('');
    }
  });

  it('the reference parser rejects an unescaped injection (so the checks above can fail)', () => {
    const naive = `issueSlug = "${'x" OR issueSlug = "y'}"`;
    expect(parseCondition(naive).rest).not.toBe('');
    expect(() => parseCondition('issueSlug = "a\\"')).toThrow();
  });
});
