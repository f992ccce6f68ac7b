import { CitationTarget, excerpt, renderMarkdown } from './markdown.renderer';

const REL = 'rel="noopener noreferrer nofollow"';
const refs: CitationTarget[] = [
  { label: '1', url: 'https://lkml.org/lkml/2020/3/20/1172' },
  { label: '2', url: null },
];
const citation = (href: string, label: string) => `<a href="${href}" class="citation" ${REL}>[${label}]</a>`;

/** Any HTML tag carrying an on* event handler attribute. */
const EVENT_HANDLER = /<[^>]*\son\w+\s*=/i;

describe('renderMarkdown: sanitizing', () => {
  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="https://a.example" onclick="alert(1)">x</a>',
    '<div onmouseover="alert(1)">x</div>',
  ])('escapes raw HTML %s instead of rendering it', (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<script|<img|<div|<a [^>]*onclick/i);
    expect(html).not.toMatch(EVENT_HANDLER);
    expect(html).toContain(source.slice(0, 4).replace('<', '&lt;'));
  });

  it.each(['[x](javascript:alert(1))', '<javascript:alert(1)>', '[x](JAVASCRIPT:alert(1))', '![x](javascript:alert(1))'])('never emits a javascript: URL for %s', (source) => {
    expect(renderMarkdown(source)).not.toMatch(/(href|src)="\s*javascript:/i);
  });

  it('drops a javascript: URL coming from a reference', () => {
    const html = renderMarkdown('see [1]', [{ label: '1', url: 'javascript:alert(1)' }]);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('keeps ordinary markdown', () => {
    const html = renderMarkdown('**bold** _em_ ~~gone~~\n\n```c\nfd = fsopen("nfs");\n```\n\n1. a\n2. b');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<s>gone</s>');
    expect(html).toContain('<code class="language-c">fd = fsopen("nfs");\n</code>');
    expect(html).toContain('<ol>');
  });

  it('adds rel noopener to every link and keeps the title', () => {
    expect(renderMarkdown('[LWN](https://lwn.net/Articles/1/ "A new API")')).toBe(`<p><a href="https://lwn.net/Articles/1/" title="A new API" ${REL}>LWN</a></p>\n`);
  });

  it('keeps images with http(s) sources only', () => {
    expect(renderMarkdown('![arch](https://a.example/x.png)')).toContain('<img src="https://a.example/x.png" alt="arch" />');
  });
});

describe('renderMarkdown: citations', () => {
  it('links [1] to the reference URL', () => {
    expect(renderMarkdown('原始讨论请看这里[1]', refs)).toBe(`<p>原始讨论请看这里${citation('https://lkml.org/lkml/2020/3/20/1172', '1')}</p>\n`);
  });

  it('links a reference without URL to #ref-N', () => {
    expect(renderMarkdown('开始[2]', refs)).toBe(`<p>开始${citation('#ref-2', '2')}</p>\n`);
  });

  it('links both of [1][2]', () => {
    expect(renderMarkdown('hugetlbfs[1][2]', refs)).toContain(`${citation('https://lkml.org/lkml/2020/3/20/1172', '1')}${citation('#ref-2', '2')}`);
  });

  it('leaves a citation without reference as text', () => {
    expect(renderMarkdown('see [9]', refs)).toBe('<p>see [9]</p>\n');
  });

  it('renders no citation links without references', () => {
    expect(renderMarkdown('see [1]')).toBe('<p>see [1]</p>\n');
  });

  it('leaves [PATCH V10 00/11] untouched', () => {
    expect(renderMarkdown('[PATCH V10 00/11] Nested SVA', refs)).toBe('<p>[PATCH V10 00/11] Nested SVA</p>\n');
  });

  it('leaves code spans and code blocks untouched', () => {
    expect(renderMarkdown('`a[1]`', refs)).toBe('<p><code>a[1]</code></p>\n');
    expect(renderMarkdown('```\nx[1]\n```', refs)).toBe('<pre><code>x[1]\n</code></pre>\n');
  });

  it('does not hijack ordinary links', () => {
    expect(renderMarkdown('[1](https://other.example)', refs)).toBe(`<p><a href="https://other.example" ${REL}>1</a></p>\n`);
  });
});

describe('renderMarkdown: bare URLs', () => {
  it('linkifies a bare URL', () => {
    expect(renderMarkdown('https://lwn.net/Articles/753473/')).toBe(`<p><a href="https://lwn.net/Articles/753473/" ${REL}>https://lwn.net/Articles/753473/</a></p>\n`);
  });

  it('linkifies a URL right after CJK text and a colon', () => {
    expect(renderMarkdown('补丁地址:https://lwn.net/Articles/825747/')).toContain(`<a href="https://lwn.net/Articles/825747/" ${REL}>`);
  });

  it('ends a URL before closing ASCII punctuation', () => {
    expect(renderMarkdown('原因 (https://patchwork.kernel.org/cover/10610615/),这里')).toContain('href="https://patchwork.kernel.org/cover/10610615/"');
  });

  it('ends a URL before full-width punctuation', () => {
    expect(renderMarkdown('见https://lwn.net/Articles/1/,以及其它')).toContain('href="https://lwn.net/Articles/1/"');
  });

  it('ends a URL before a trailing colon (content/2020-07.md, article 1.4)', () => {
    expect(renderMarkdown('https://github.com/luxis1999/linux-vsva.git: vsva-linux-5.6-rc6')).toContain('href="https://github.com/luxis1999/linux-vsva.git"');
  });
});

describe('excerpt', () => {
  it('returns plain text without markup', () => {
    expect(excerpt('# 标题\n\n**粗体** and `code` and [link](https://a.example) [1]\n\n- item')).toBe('标题 粗体 and code and link [1] item');
  });

  it('decodes entities', () => {
    expect(excerpt('Tom &amp; Jerry &lt;b&gt; "q" \'s\' &copy; 1 < 2')).toBe('Tom & Jerry <b> "q" \'s\' © 1 < 2');
  });

  it('does not double-decode', () => {
    expect(excerpt('&amp;lt;')).toBe('&lt;');
  });

  it('keeps short text whole', () => {
    const text = '中'.repeat(140);
    expect(excerpt(text)).toBe(text);
  });

  it('cuts CJK text at 140 characters and adds …', () => {
    const result = excerpt('中'.repeat(141));
    expect(result).toBe(`${'中'.repeat(140)}…`);
    expect([...result]).toHaveLength(141);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(excerpt('𠀀'.repeat(10), 5)).toBe(`${'𠀀'.repeat(5)}…`);
  });

  it('trims a space before the ellipsis and accepts a custom length', () => {
    expect(excerpt('abcd efgh', 5)).toBe('abcd…');
  });

  it('collapses whitespace across paragraphs', () => {
    expect(excerpt('第一段\n\n\n第二段\n  第三行')).toBe('第一段 第二段 第三行');
  });

  it('is empty for empty markdown', () => {
    expect(excerpt('')).toBe('');
  });
});
