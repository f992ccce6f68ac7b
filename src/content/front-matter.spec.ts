import { parseIssueMarkdown } from './authoring-format.parser';
import { ContentProblem, ParseResult } from './authoring-format.types';
import { parseFrontMatter, splitNames } from './front-matter';

const VALID: Record<string, string> = { slug: '2020-07', number: '2', title: 'Linux内核月报', period: '2020-07' };

/** Front matter lines from key/value pairs (a value of undefined drops the key), then a minimal body. */
function issueWith(overrides: Record<string, string | undefined>, extraLines: string[] = []): string {
  const entries = Object.entries({ ...VALID, ...overrides }).filter(([, v]) => v !== undefined);
  return ['---', ...entries.map(([k, v]) => `${k}: ${v}`), ...extraLines, '---', '## 1. A', '### 1.1 B', 'text'].join('\n');
}

function errorsOf(result: ParseResult): ContentProblem[] {
  if (result.ok) throw new Error('expected the parse to fail');
  return result.errors;
}

function frontMatter(yaml: string) {
  const errors: ContentProblem[] = [];
  return { value: parseFrontMatter(yaml, 2, errors), errors };
}

describe('front matter block', () => {
  it('requires the file to start with ---', () => {
    expect(errorsOf(parseIssueMarkdown('slug: x\n## 1. A'))).toEqual([
      { line: 1, message: 'the file must start with a "---" front matter block', field: 'frontMatter' },
    ]);
  });

  it('requires the block to be closed', () => {
    expect(errorsOf(parseIssueMarkdown('---\nslug: x\n## 1. A\n'))).toEqual([
      { line: 1, message: 'the front matter block is not closed by a "---" line', field: 'frontMatter' },
    ]);
  });

  it('accepts fences with trailing spaces', () => {
    expect(parseIssueMarkdown(issueWith({}).replace(/^---$/gm, '---  ')).ok).toBe(true);
  });

  it('reports YAML errors with their line', () => {
    const errors = errorsOf(parseIssueMarkdown(issueWith({}, ['slug: again'])));
    expect(errors).toEqual([expect.objectContaining({ line: 6, field: 'frontMatter', message: expect.stringMatching(/^front matter: .*unique/) })]);
  });

  it('reports YAML syntax errors without parsing further', () => {
    const errors = errorsOf(parseIssueMarkdown(issueWith({ title: '[unclosed', number: '0' })));
    expect(errors).toEqual([expect.objectContaining({ field: 'frontMatter', message: expect.stringMatching(/^front matter: /) })]);
  });

  it('requires a mapping', () => {
    const { value, errors } = frontMatter('- a\n- b');
    expect(value).toBeUndefined();
    expect(errors).toEqual([{ line: 2, message: 'front matter must be a YAML mapping of keys to values', field: 'frontMatter' }]);
  });

  it('rejects an unknown key on its line', () => {
    const errors = errorsOf(parseIssueMarkdown(issueWith({}, ['author: 陈玮'])));
    expect(errors).toEqual([expect.objectContaining({ line: 6, field: 'author', message: expect.stringMatching(/^unknown front matter key "author"/) })]);
  });

  it.each(['slug', 'number', 'title', 'period'])('requires %s', (key) => {
    const errors = errorsOf(parseIssueMarkdown(issueWith({ [key]: undefined })));
    expect(errors).toEqual([{ line: 2, message: `front matter key "${key}" is required`, field: key }]);
  });

  it('treats an empty value as missing', () => {
    expect(errorsOf(parseIssueMarkdown(issueWith({ title: '' })))).toEqual([expect.objectContaining({ field: 'title', message: 'front matter key "title" is required' })]);
  });

  it('reports every missing key at once', () => {
    expect(frontMatter('publisher: x').errors.map((e) => e.field)).toEqual(['slug', 'number', 'title', 'period']);
  });
});

describe('front matter values', () => {
  it('parses a complete block', () => {
    const result = parseIssueMarkdown(
      issueWith({ publisher: 'Linux阅码场', publishedOn: '2020-08-10', sourceUrl: 'https://example.com/a', editors: '[陈玮, 张健]', previous: '2020-06' }),
    );
    expect(result.ok && result.issue).toMatchObject({
      slug: '2020-07',
      number: 2,
      title: 'Linux内核月报',
      period: '2020-07',
      publisher: 'Linux阅码场',
      publishedOn: '2020-08-10',
      sourceUrl: 'https://example.com/a',
      editors: ['陈玮', '张健'],
      previous: '2020-06',
    });
  });

  it('defaults the optional keys', () => {
    const result = parseIssueMarkdown(issueWith({}));
    expect(result.ok && result.issue).toMatchObject({ publisher: null, publishedOn: null, sourceUrl: null, editors: [], previous: null });
  });

  it.each([
    ['slug', 'Bad_Slug', 'slug must be lowercase letters, digits and hyphens'],
    ['slug', '-2020-07', 'slug must be lowercase letters, digits and hyphens'],
    ['period', '2020-13', 'period must be YYYY-MM'],
    ['period', '2020-7', 'period must be YYYY-MM'],
    ['publishedOn', '2020-02-30', 'publishedOn must be a date YYYY-MM-DD'],
    ['publishedOn', '10/08/2020', 'publishedOn must be a date YYYY-MM-DD'],
    ['sourceUrl', 'ftp://example.com/x', 'sourceUrl must be an http(s) URL'],
    ['sourceUrl', 'not a url', 'sourceUrl must be an http(s) URL'],
    ['number', '0', 'number must be a positive whole number'],
    ['number', '-1', 'number must be a positive whole number'],
    ['number', '1.5', 'number must be a positive whole number'],
    ['number', '"2"', 'number must be a positive whole number'],
    ['number', '3000000000', 'number must be a positive whole number'],
    ['previous', 'June 2020', 'previous must be an issue slug'],
    ['editors', '5', 'editors must be a list of names of 1 to 200 characters'],
    ['editors', '[a, ""]', 'editors must be a list of names of 1 to 200 characters'],
    ['title', '{a: 1}', 'title must be text'],
  ])('rejects %s: %s on its line', (key, value, message) => {
    const errors = errorsOf(parseIssueMarkdown(issueWith({ [key]: value })));
    const line = Object.keys({ ...VALID, [key]: value }).indexOf(key) + 2;
    expect(errors).toEqual([{ line, message, field: key }]);
  });

  it('accepts a leap day', () => {
    expect(parseIssueMarkdown(issueWith({ publishedOn: '2020-02-29' })).ok).toBe(true);
  });

  it('accepts http and https source URLs', () => {
    expect(parseIssueMarkdown(issueWith({ sourceUrl: 'http://example.com' })).ok).toBe(true);
  });

  it.each([
    ['a YAML list', '[陈玮, 张健, 廖威雄]'],
    ['a block list', undefined],
    ['a comma string', '陈玮, 张健,廖威雄'],
    ['an 、 string', '陈玮、张健、 廖威雄'],
  ])('reads editors as %s', (_name, value) => {
    const source = value === undefined ? issueWith({}, ['editors:', '  - 陈玮', '  - 张健', '  - 廖威雄']) : issueWith({ editors: value });
    const result = parseIssueMarkdown(source);
    expect(result.ok && result.issue.editors).toEqual(['陈玮', '张健', '廖威雄']);
  });
});

describe('splitNames', () => {
  it('splits on ASCII and full-width commas and 、, trimming and dropping empty parts', () => {
    expect(splitNames(' a ,b,c、 d ,, ')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitNames('Kishon Vijay Abraham I')).toEqual(['Kishon Vijay Abraham I']);
    expect(splitNames('')).toEqual([]);
  });
});
