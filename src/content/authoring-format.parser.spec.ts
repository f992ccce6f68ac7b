import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIssueMarkdown } from './authoring-format.parser';
import { CONTENT_LIMITS, ContentProblem, ParsedIssue, ParseResult } from './authoring-format.types';

/** Front matter of 6 lines (1-6), so the body starts on line 7. */
const FRONT = ['---', 'slug: 2020-07', 'number: 2', 'title: Linux内核月报', 'period: 2020-07', '---'];
const BODY_START = FRONT.length + 1;

const doc = (...body: string[]) => [...FRONT, ...body].join('\n');

function parsed(result: ParseResult): ParsedIssue {
  if (!result.ok) throw new Error(`expected ok, got errors: ${JSON.stringify(result.errors)}`);
  return result.issue;
}

function errorsOf(result: ParseResult): ContentProblem[] {
  if (result.ok) throw new Error('expected the parse to fail');
  return result.errors;
}

const messages = (problems: ContentProblem[]) => problems.map((p) => p.message);

describe('parseIssueMarkdown: the real sample content/2020-07.md', () => {
  const result = parseIssueMarkdown(readFileSync(join(__dirname, '../../content/2020-07.md'), 'utf8'));
  const issue = parsed(result);

  it('reads the front matter', () => {
    expect(issue).toMatchObject({
      slug: '2020-07',
      number: 2,
      period: '2020-07',
      publisher: 'Linux阅码场',
      publishedOn: '2020-08-10',
      sourceUrl: null,
      editors: ['陈玮', '张健', '廖威雄'],
      previous: '2020-06',
    });
    expect(issue.summary).toMatch(/^Linux阅码场内核月报栏目/);
    expect(issue.summary).toMatch(/欢迎更多大牛加入月报贡献团队\)$/);
  });

  it('finds 3 sections and 14 articles, numbered in order', () => {
    expect(issue.sections.map((s) => [s.number, s.title, s.articles.length])).toEqual([
      [1, '虚拟化', 5],
      [2, '文件系统和Block Layer', 6],
      [3, '体系架构', 3],
    ]);
    expect(issue.sections.flatMap((s) => s.articles.map((a) => a.number))).toEqual(
      ['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '3.1', '3.2', '3.3'],
    );
  });

  it('keeps the section 3 intro and no intro for sections without one', () => {
    expect(issue.sections[0].intro).toBeNull();
    expect(issue.sections[2].intro).toMatch(/^本月,内核社区补丁很丰富/);
  });

  it('reads authors, tags, slugs and references of an article', () => {
    const a = issue.sections[0].articles[3];
    expect(a).toMatchObject({ slug: 'vfio-expose-virtual-shared-virtual-addressing-to-vms', authors: ['Liu Yi L'], tags: ['vfio', 'iommu', 'sva'] });
    expect(a.references.map((r) => [r.label, r.url, r.title])).toEqual([
      ['1', 'https://lkml.org/lkml/2020/3/20/1172', '[PATCH V10 00/11] Nested Shared Virtual Address (SVA) VT-d support'],
      ['2', 'https://github.com/luxis1999/linux-vsva.git', 'branch vsva-linux-5.6-rc6'],
      ['3', 'https://github.com/luxis1999/qemu.git', 'branch sva_vtd_v10_v1'],
    ]);
    expect(a.body).not.toContain('[1]: https://');
    expect(issue.sections[1].articles[0].authors).toEqual([]);
  });

  it('keeps `<>` as a reference without URL and drops the editorial HTML comment', () => {
    const riscv = issue.sections[2].articles[2];
    expect(riscv.references[1]).toMatchObject({ label: '2', url: null, title: expect.stringMatching(/^GitHub - riscv/) });
    expect(JSON.stringify(issue)).not.toContain('The source numbers this article 5.3');
  });

  it('reports exactly the expected warnings', () => {
    expect(result.warnings.map((w) => [w.line, w.message])).toEqual([
      ...[1, 2, 3, 4, 5].map((n) => [52, `article 1.2 cites [${n}] but defines no reference [${n}]`]),
      [106, 'article 1.3: reference [1] URL looks cut off: https://lore.kernel.org/lkml/1584200119-18594-1-git-send-...'],
      [170, 'article 1.5: reference [1] URL looks cut off: https://lkml.kernel.org/r/20200429220732.31602-1-yu-cheng...'],
    ]);
  });
});

describe('parseIssueMarkdown: structure', () => {
  it('extracts summary, section intro and article body', () => {
    const issue = parsed(parseIssueMarkdown(doc('', 'Summary line.', '', '## 1. 虚拟化', '', 'Intro.', '', '### 1.1 First', 'Body text.', '')));
    expect(issue.summary).toBe('Summary line.');
    expect(issue.sections[0]).toMatchObject({ number: 1, title: '虚拟化', intro: 'Intro.', line: BODY_START + 3 });
    expect(issue.sections[0].articles[0]).toMatchObject({ number: '1.1', title: 'First', slug: 'first', body: 'Body text.', line: BODY_START + 7 });
  });

  it('gives null summary and intro when they are blank', () => {
    const issue = parsed(parseIssueMarkdown(doc('', '## 1. A', '', '### 1.1 B', 'x')));
    expect(issue.summary).toBeNull();
    expect(issue.sections[0].intro).toBeNull();
  });

  it('requires at least one section', () => {
    expect(errorsOf(parseIssueMarkdown(doc('only a summary')))).toEqual([expect.objectContaining({ field: 'sections' })]);
  });

  it.each([
    ['## 1 Title', '## N. Title'],
    ['## 1.Title', '## N. Title'],
    ['## A. Title', '## N. Title'],
    ['## 1.1 Title', '## N. Title'],
    ['### 1. Title', '### N.M Title'],
    ['### 1.1Title', '### N.M Title'],
    ['### 1.1', '### N.M Title'],
  ])('reports the malformed heading %j', (heading, expected) => {
    const errors = errorsOf(parseIssueMarkdown(doc('## 1. A', '### 1.1 B', 'x', heading, 'y')));
    expect(errors).toEqual([{ line: BODY_START + 3, message: `malformed heading: expected "${expected}"`, field: 'heading' }]);
  });

  it('keeps #### sub-headings as body text', () => {
    const issue = parsed(parseIssueMarkdown(doc('## 1. A', '### 1.1 B', '#### Details', 'x')));
    expect(issue.sections[0].articles[0].body).toBe('#### Details\nx');
  });

  it('rejects an article before any section', () => {
    const errors = errorsOf(parseIssueMarkdown(doc('### 1.1 Early', '## 1. A', '### 1.2 B')));
    expect(errors).toEqual([expect.objectContaining({ line: BODY_START, message: expect.stringContaining('before any'), field: 'heading' })]);
  });

  it('rejects a duplicate section number with the first line', () => {
    const errors = errorsOf(parseIssueMarkdown(doc('## 1. A', '### 1.1 B', '## 1. C', '### 1.2 D')));
    expect(errors).toEqual([{ line: BODY_START + 2, message: `section number 1 is used twice (first on line ${BODY_START})`, field: 'number' }]);
  });

  it('warns about a duplicate article number', () => {
    const result = parseIssueMarkdown(doc('## 1. A', '### 1.1 B', '### 1.1 C'));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ line: BODY_START + 2, message: `article number 1.1 is used twice (first on line ${BODY_START + 1})`, field: 'number' }]);
  });

  it('warns about duplicate slugs and suffixes -2, -3', () => {
    const result = parseIssueMarkdown(doc('## 1. A', '### 1.1 Same Title', '### 1.2 Same title!', '### 1.3 same TITLE'));
    expect(parsed(result).sections[0].articles.map((a) => a.slug)).toEqual(['same-title', 'same-title-2', 'same-title-3']);
    expect(result.warnings).toEqual([
      { line: BODY_START + 2, message: 'article slug "same-title" is used twice; this one becomes "same-title-2"', field: 'slug' },
      { line: BODY_START + 3, message: 'article slug "same-title" is used twice; this one becomes "same-title-3"', field: 'slug' },
    ]);
  });

  it('falls back to article-N-M when the title has no letters', () => {
    expect(parsed(parseIssueMarkdown(doc('## 1. A', '### 1.2 !!!'))).sections[0].articles[0].slug).toBe('article-1-2');
  });

  it('warns about an article numbered outside its section (### 5.3 under ## 3.)', () => {
    const result = parseIssueMarkdown(doc('## 3. 体系架构', '### 3.2 Fine', '### 5.3 KVM RISC-V Support'));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ line: BODY_START + 2, message: 'article 5.3 is numbered outside its section 3', field: 'number' }]);
  });

  it('rejects a title over 300 characters', () => {
    const errors = errorsOf(parseIssueMarkdown(doc('## 1. A', `### 1.1 ${'x'.repeat(CONTENT_LIMITS.title + 1)}`)));
    expect(errors).toEqual([{ line: BODY_START + 1, message: 'article title is longer than 300 characters', field: 'title' }]);
  });

  it('does not confuse section 1 with article 11.1', () => {
    expect(parseIssueMarkdown(doc('## 1. A', '### 11.1 B')).warnings).toEqual([expect.objectContaining({ message: 'article 11.1 is numbered outside its section 1' })]);
  });
});

describe('parseIssueMarkdown: fenced code and HTML comments', () => {
  it('treats headings inside fenced code as body text', () => {
    const issue = parsed(parseIssueMarkdown(doc('## 1. A', '### 1.1 B', '```md', '## 2. Not a section', '### 9.9 Nor an article', '```', '~~~', '## x', '~~~')));
    expect(issue.sections).toHaveLength(1);
    expect(issue.sections[0].articles[0].body).toBe('```md\n## 2. Not a section\n### 9.9 Nor an article\n```\n~~~\n## x\n~~~');
  });

  it('strips single-line, inline and multi-line comments, keeping line numbers', () => {
    const result = parseIssueMarkdown(doc('<!-- note -->', '## 1. A <!-- fix title -->', '### 1.1 B', 'keep <!-- drop --> this', '<!--', '## 2. hidden', '-->', 'after', '### bad'));
    const errors = errorsOf(result);
    expect(errors).toEqual([expect.objectContaining({ line: BODY_START + 8, field: 'heading' })]);
  });

  it('removes comment text from the parsed body', () => {
    const issue = parsed(parseIssueMarkdown(doc('## 1. A <!-- fix title -->', '### 1.1 B', 'keep <!-- drop --> this', '<!--', '## 2. hidden', '-->', 'after')));
    expect(issue.sections.map((s) => s.title)).toEqual(['A']);
    expect(issue.sections[0].articles[0].body).toBe('keep  this\n\n\n\nafter');
  });

  it('keeps comments that are inside fenced code', () => {
    const issue = parsed(parseIssueMarkdown(doc('## 1. A', '### 1.1 B', '```html', '<!-- shown -->', '```')));
    expect(issue.sections[0].articles[0].body).toBe('```html\n<!-- shown -->\n```');
  });

  it('does not let a fence marker inside an HTML comment open a code block', () => {
    // A ``` written inside an editorial comment must not swallow the rest of the file as code.
    const result = parseIssueMarkdown(doc('<!-- example:', '```', '-->', '## 1. A', '### 1.1 B', 'text'));
    expect(parsed(result).sections.map((s) => s.number)).toEqual([1]);
  });
});

describe('parseIssueMarkdown: Authors and Tags lines', () => {
  const article = (...lines: string[]) => parsed(parseIssueMarkdown(doc('## 1. A', '### 1.1 B', ...lines))).sections[0].articles[0];

  it('reads both lines in either order, after blank lines', () => {
    expect(article('', 'Tags: kvm, x86', 'Authors: Yang Weijiang', 'text')).toMatchObject({ authors: ['Yang Weijiang'], tags: ['kvm', 'x86'], body: 'text' });
    expect(article('Authors: A', 'Tags: t', 'text')).toMatchObject({ authors: ['A'], tags: ['t'], body: 'text' });
  });

  it('accepts the full-width colon and splits names on , , and 、', () => {
    expect(article('Authors:陈玮, 张健,廖威雄、 Boqun Feng', 'Tags:Vfio, vfio, C++')).toMatchObject({
      authors: ['陈玮', '张健', '廖威雄', 'Boqun Feng'],
      tags: ['vfio', 'c++'],
    });
  });

  it('treats Authors lines after the body as body text', () => {
    expect(article('text', 'Authors: X')).toMatchObject({ authors: [], body: 'text\nAuthors: X' });
  });

  it('rejects an invalid tag and a second Tags line', () => {
    const errors = errorsOf(parseIssueMarkdown(doc('## 1. A', '### 1.1 B', 'Tags: good, 内核, has space', 'Tags: again')));
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [BODY_START + 2, 'tags'],
      [BODY_START + 2, 'tags'],
      [BODY_START + 3, 'tags'],
    ]);
    expect(messages(errors)[0]).toBe('tag "内核" must be 1-40 lowercase letters, digits or . _ + -');
    expect(messages(errors)[2]).toBe('article 1.1 has a second Tags line');
  });
});

describe('parseIssueMarkdown: encoding, size and line numbers', () => {
  it('accepts CRLF line endings and a BOM with the same line numbers', () => {
    const lf = parseIssueMarkdown(doc('## 1. A', '### 1.1 B', 'see [1]'));
    const crlf = parseIssueMarkdown('\uFEFF' + doc('## 1. A', '### 1.1 B', 'see [1]').replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(lf);
    expect(parsed(crlf).sections[0].articles[0].body).toBe('see [1]');
    expect(crlf.warnings).toEqual([expect.objectContaining({ line: BODY_START + 1 })]);
  });

  it('reports a NUL byte with its line', () => {
    const errors = errorsOf(parseIssueMarkdown(doc('## 1. A', '### 1.1 B', 'bad\0byte')));
    expect(errors).toEqual([{ line: BODY_START + 2, message: 'contains a NUL byte', field: 'markdown' }]);
  });

  it('rejects a file over 2 MB', () => {
    const big = doc('## 1. A', '### 1.1 B', 'x'.repeat(CONTENT_LIMITS.fileBytes));
    expect(errorsOf(parseIssueMarkdown(big))).toEqual([{ line: 1, message: `file is larger than ${CONTENT_LIMITS.fileBytes} bytes`, field: 'markdown' }]);
  });

  it('sorts errors from front matter and body by line', () => {
    const source = ['---', 'slug: Bad', 'number: 0', 'title: t', 'period: 2020-07', '---', '### 1.1 Early', '## 1. A', '### 1.2 B', '[1]: ftp://x', '## 1. Again'].join('\n');
    expect(errorsOf(parseIssueMarkdown(source)).map((e) => e.line)).toEqual([2, 3, 7, 10, 11]);
  });

  it('sorts errors by line even when the front matter is missing', () => {
    const errors = errorsOf(parseIssueMarkdown('no front matter\nbad\0byte'));
    expect(errors.map((e) => e.line)).toEqual([1, 2]);
  });
});
