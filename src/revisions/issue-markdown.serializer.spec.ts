import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIssueMarkdown } from '../content/authoring-format.parser';
import type { ParseResult } from '../content/authoring-format.types';
import { contentOf, IssueContent, sameContent } from './issue-content';
import { renderMarkdown } from '../articles/markdown.renderer';
import { prose, quoteTitle, serializeIssue } from './issue-markdown.serializer';

function parsedContent(result: ParseResult): IssueContent {
  if (!result.ok) throw new Error(`expected the markdown to parse, got: ${JSON.stringify(result.errors)}`);
  return contentOf(result.issue);
}

const roundTrip = (content: IssueContent) => parsedContent(parseIssueMarkdown(serializeIssue(content)));

describe('serializeIssue: the real sample content/2020-07.md', () => {
  const original = parsedContent(parseIssueMarkdown(readFileSync(join(__dirname, '../../content/2020-07.md'), 'utf8')));
  const markdown = serializeIssue(original);
  const again = roundTrip(original);

  it('parses back to the same issue fields', () => {
    const { sections: _a, ...fields } = again;
    const { sections: _b, ...expected } = original;
    expect(fields).toEqual(expected);
    expect(fields).toMatchObject({ slug: '2020-07', number: 2, publishedOn: '2020-08-10', editors: ['陈玮', '张健', '廖威雄'], previous: '2020-06' });
  });

  it('parses back to the same sections, articles (authors, tags, body) and references', () => {
    expect(again.sections).toEqual(original.sections);
    expect(again.sections.flatMap((s) => s.articles)).toHaveLength(14);
    expect(again.sections.flatMap((s) => s.articles.flatMap((a) => a.references))).toHaveLength(17);
  });

  it('writes a reference without a URL as <> and keeps its title', () => {
    expect(markdown).toContain('[2]: <> "GitHub - riscv/riscv-isa-manual: RISC-V Instruction Set Manual');
  });

  it('is a fixed point: serializing the parsed result gives the same text', () => {
    expect(serializeIssue(again)).toBe(markdown);
  });

  it('uses the documented layout', () => {
    expect(markdown.startsWith('---\nslug: 2020-07\nnumber: 2\n')).toBe(true);
    expect(markdown).toContain('\n## 1. 虚拟化\n\n### 1.1 Enhance VHOST to enable SoC-to-SoC communication\nAuthors: Kishon Vijay Abraham I\nTags: vhost, rpmsg, pci, ntb\n\n');
    expect(markdown).toContain('\n[1]: https://lore.kernel.org/r/2cf00ec4-1ed6-f66e-6897-006d1a5\n');
  });
});

const article = (over: Partial<IssueContent['sections'][number]['articles'][number]>) => ({
  number: '1.1',
  title: 'A patch series',
  authors: [],
  tags: [],
  body: 'Body [1].',
  references: [],
  ...over,
});

/** Everything the format can express that the sample does not exercise. */
const TRICKY: IssueContent = {
  slug: 'tricky-1',
  number: 123,
  title: 'Linux: 内核 # 月报 "特刊" [RFC]',
  period: '2021-02',
  publisher: null,
  publishedOn: null,
  sourceUrl: 'https://example.com/a?b=c#d',
  editors: ['Alice Example', 'Bob, Jr.'],
  previous: null,
  summary: null,
  sections: [
    { number: 1, title: '123', intro: 'An intro with **bold**.\n\nTwo paragraphs.', articles: [] },
    {
      number: 3,
      title: 'Misnumbered: section',
      intro: null,
      articles: [
        article({
          number: '5.3',
          title: 'Title with "double" quotes',
          authors: ['李四', 'Jane Roe'],
          tags: ['x86', 'mm'],
          references: [
            { label: '1', url: 'https://lwn.net/Articles/1/', title: 'LWN: "quoted" title' },
            { label: '2', url: 'https://lwn.net/Articles/2/', title: "it's \"both\"" },
            { label: 'note', url: null, title: null },
            { label: '3', url: null, title: 'no URL (parenthesised)' },
          ],
        }),
        article({ number: '3.2', title: 'No metadata at all', body: 'Tags: this is prose, not metadata' }),
        article({ number: '3.3', title: 'Only authors', authors: ['X Y'], body: 'Authors: still prose' }),
        article({ number: '3.4', title: 'Empty body', body: '', references: [{ label: '1', url: 'https://lore.kernel.org/r/1', title: null }] }),
        article({
          number: '3.5',
          title: 'Code',
          body: 'Before.\n\n```\n## 9. not a section\n[9]: https://not.a/reference\n<!-- kept -->\n```\n\nAfter [1].',
          references: [{ label: '1', url: 'https://lwn.net/Articles/3/', title: null }],
        }),
      ],
    },
  ],
};

describe('serializeIssue: cases the sample does not cover', () => {
  it('round-trips quotes, YAML specials, missing URLs, misnumbered articles, code blocks and meta-like prose', () => {
    expect(roundTrip(TRICKY)).toEqual(TRICKY);
  });

  it('fences off a body that starts like a metadata line', () => {
    const markdown = serializeIssue(TRICKY);
    expect(markdown).toContain('### 3.2 No metadata at all\nTags:\n\nTags: this is prose, not metadata');
    expect(markdown).toContain('### 3.3 Only authors\nAuthors: X Y\n\nAuthors: still prose');
  });

  it('omits absent front matter keys and writes editors as a YAML list', () => {
    const front = serializeIssue(TRICKY).split('---')[1];
    expect(front).not.toMatch(/publisher|publishedOn|previous/);
    expect(front).toContain('editors:\n  - Alice Example\n  - Bob, Jr.\n');
  });

  it('sameContent tells a changed body apart', () => {
    const changed = structuredClone(TRICKY);
    changed.sections[1].articles[1].body += '!';
    expect(sameContent(TRICKY, structuredClone(TRICKY))).toBe(true);
    expect(sameContent(TRICKY, changed)).toBe(false);
  });
});

describe('serializeIssue: Markdown written through the editing API', () => {
  const body = 'Intro.\n\n## Background\n\n### 9.9 Not an article\n\n```c\n## kept in code\n```\n\nText.';
  const edited = structuredClone(TRICKY);
  edited.sections[1].articles[1].body = body;
  edited.summary = '## A summary heading';

  it('keeps its own headings out of the issue structure, rendering the same', () => {
    const again = roundTrip(edited);
    expect(again.sections.map((s) => s.articles.length)).toEqual([0, 5]);
    const restored = again.sections[1].articles[1].body;
    expect(restored).toBe('Intro.\n\n ## Background\n\n ### 9.9 Not an article\n\n```c\n## kept in code\n```\n\nText.');
    expect(renderMarkdown(restored)).toBe(renderMarkdown(body));
    expect(again.summary).toBe(' ## A summary heading');
  });

  it('closes a fence left open, so it cannot swallow the articles after it', () => {
    const open = structuredClone(TRICKY);
    open.sections[1].articles[0].body = 'Code:\n\n~~~~\n## 2. inside';
    const again = roundTrip(open);
    expect(again.sections[1].articles.map((a) => a.number)).toEqual(['5.3', '3.2', '3.3', '3.4', '3.5']);
    expect(again.sections[1].articles[0].body).toBe('Code:\n\n~~~~\n## 2. inside\n~~~~');
    // The same code block; a closed fence only adds the final newline inside it.
    const html = (markdown: string) => renderMarkdown(markdown).replace('\n</code>', '</code>');
    expect(html(again.sections[1].articles[0].body)).toBe(html('Code:\n\n~~~~\n## 2. inside'));
  });

  it('fences off meta-like prose even after leading blank lines', () => {
    const blank = structuredClone(TRICKY);
    blank.sections[1].articles[1].body = '\n\nTags: prose';
    const again = roundTrip(blank).sections[1].articles[1];
    expect([again.tags, again.body]).toEqual([[], 'Tags: prose']);
  });

  it('leaves imported text alone', () => {
    expect(prose('#### four\n##no-space\n ## already indented')).toBe('#### four\n##no-space\n ## already indented');
  });
});

describe('quoteTitle', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', `'say "hi"'`],
    [`it's "x"`, `(it's "x")`],
    [`it's "x" (y)`, `"it's ”x” (y)"`],
  ])('%s → %s', (title, quoted) => {
    expect(quoteTitle(title)).toBe(quoted);
  });
});
