import { parseIssueMarkdown } from './authoring-format.parser';
import { ContentProblem, ParsedArticle, ParseResult } from './authoring-format.types';
import { checkReferences, citedLabels, REFERENCE_DEFINITION, toReference } from './references.check';

/** Front matter ends on line 6; the article heading is line 8, its body starts on line 9. */
const HEADING_LINE = 8;
const article = (...body: string[]) => ['---', 'slug: s', 'number: 1', 'title: t', 'period: 2020-07', '---', '## 1. A', '### 1.1 B', ...body].join('\n');

function errorsOf(result: ParseResult): ContentProblem[] {
  if (result.ok) throw new Error('expected the parse to fail');
  return result.errors;
}

function parsedArticle(result: ParseResult): ParsedArticle {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.issue.sections[0].articles[0];
}

const definition = (line: string) => {
  const match = REFERENCE_DEFINITION.exec(line);
  return match ? toReference(match, 1) : null;
};

describe('reference definitions', () => {
  it.each([
    ['[1]: https://lwn.net/Articles/1/', { label: '1', url: 'https://lwn.net/Articles/1/', title: null }],
    ['[2]: https://a.example "Double"', { label: '2', url: 'https://a.example', title: 'Double' }],
    ["[3]: https://a.example 'Single'", { label: '3', url: 'https://a.example', title: 'Single' }],
    ['[4]: https://a.example (Paren)', { label: '4', url: 'https://a.example', title: 'Paren' }],
    ['[5]: <https://a.example/x>', { label: '5', url: 'https://a.example/x', title: null }],
    ['[6]: <> "named, no URL"', { label: '6', url: null, title: 'named, no URL' }],
    ['   [lwn]: https://lwn.net', { label: 'lwn', url: 'https://lwn.net', title: null }],
  ])('parses %s', (line, expected) => {
    expect(definition(line)).toEqual({ ...expected, line: 1 });
  });

  it.each(['[1] https://a.example', '[1]: https://a.example unquoted title', '    [1]: https://a.example', '[ 1]: https://a'])('does not treat %j as a definition', (line) => {
    expect(definition(line)).toBeNull();
  });

  it('removes definitions from the body and records their lines', () => {
    const a = parsedArticle(parseIssueMarkdown(article('see [1]', '', '[1]: https://lwn.net/Articles/1/', 'after')));
    expect(a.body).toBe('see [1]\n\nafter');
    expect(a.references).toEqual([{ label: '1', url: 'https://lwn.net/Articles/1/', title: null, line: HEADING_LINE + 3 }]);
  });

  it('keeps definition-like lines inside fenced code', () => {
    const a = parsedArticle(parseIssueMarkdown(article('```', '[1]: https://lwn.net/', '```')));
    expect(a.references).toEqual([]);
    expect(a.body).toContain('[1]: https://lwn.net/');
  });
});

describe('reference checks', () => {
  it('warns once per numeric label cited without definition, on the article heading line', () => {
    const result = parseIssueMarkdown(article('see [1], [2] and [1] again'));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { line: HEADING_LINE, message: 'article 1.1 cites [1] but defines no reference [1]', field: 'references' },
      { line: HEADING_LINE, message: 'article 1.1 cites [2] but defines no reference [2]', field: 'references' },
    ]);
  });

  it('ignores non-numeric brackets, link texts and code', () => {
    const result = parseIssueMarkdown(article('[PATCH V10 00/11] and [RFC] and [x](https://a.example) and `[7]`', '```', 'a[8]', '```'));
    expect(result.warnings).toEqual([]);
  });

  it('warns about a definition that is never cited', () => {
    const result = parseIssueMarkdown(article('no citation here', '[1]: https://lwn.net/Articles/1/', '[lwn]: <>'));
    expect(result.warnings).toEqual([
      { line: HEADING_LINE + 2, message: 'article 1.1: reference [1] is never cited', field: 'references' },
      { line: HEADING_LINE + 3, message: 'article 1.1: reference [lwn] is never cited', field: 'references' },
    ]);
  });

  it('does not warn when the definition URL appears inline in the body', () => {
    const result = parseIssueMarkdown(article('详细的功能可以看提交日志:https://lwn.net/Articles/826980/', '', '[1]: https://lwn.net/Articles/826980/'));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it.each(['...', '…'])('warns about a URL cut off with %s', (ellipsis) => {
    const url = `https://lore.kernel.org/lkml/1584200119-18594-1-git-send-${ellipsis}`;
    const result = parseIssueMarkdown(article('see [1]', `[1]: ${url}`));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ line: HEADING_LINE + 2, message: `article 1.1: reference [1] URL looks cut off: ${url}`, field: 'url' }]);
  });

  it.each(['ftp://example.com/x', 'javascript:alert(1)', 'not-a-url', 'https://'])('rejects the invalid URL %s', (url) => {
    const errors = errorsOf(parseIssueMarkdown(article('see [1]', `[1]: ${url}`)));
    expect(errors).toEqual([
      { line: HEADING_LINE + 2, message: `article 1.1: reference [1] has an invalid URL "${url}" (http or https only)`, field: 'url' },
    ]);
  });

  it('accepts `<>` as a reference without URL', () => {
    const result = parseIssueMarkdown(article('see [2]', '[2]: <> "GitHub - riscv/riscv-isa-manual"'));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(parsedArticle(result).references[0]).toMatchObject({ url: null, title: 'GitHub - riscv/riscv-isa-manual' });
  });

  it('rejects a label defined twice', () => {
    const errors = errorsOf(parseIssueMarkdown(article('see [1]', '[1]: https://a.example', '[1]: https://b.example')));
    expect(errors).toEqual([
      { line: HEADING_LINE + 3, message: `article 1.1: reference [1] is defined twice (first on line ${HEADING_LINE + 2})`, field: 'references' },
    ]);
  });

  it('checks each article separately', () => {
    const result = parseIssueMarkdown(article('see [1]', '[1]: https://a.example', '### 1.2 C', 'see [1]'));
    expect(result.warnings).toEqual([{ line: HEADING_LINE + 3, message: 'article 1.2 cites [1] but defines no reference [1]', field: 'references' }]);
  });
});

describe('citedLabels', () => {
  it('finds [1][2] side by side and skips link texts, definitions and code', () => {
    expect([...citedLabels('a[1][2] [x](u) [y]: z `[3]`\n```\n[4]\n```\n[5]')]).toEqual(['1', '2', '5']);
  });
});

describe('checkReferences', () => {
  it('can be called on a hand-built article', () => {
    const errors: ContentProblem[] = [];
    const warnings: ContentProblem[] = [];
    const a: ParsedArticle = { number: '2.2', slug: 's', title: 't', authors: [], tags: [], body: 'see [1]', line: 5, references: [{ label: '1', url: 'https://a.example', title: null, line: 9 }] };
    checkReferences(a, errors, warnings);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
