import { fragmentSnippet } from './fragment-snippet';

const pad = (n: number, c = '甲') => c.repeat(n);
const hasLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('fragmentSnippet', () => {
  it('marks the fragment in a short body without ellipses', () => {
    expect(fragmentSnippet('在虚拟机中运行', '拟机')).toBe('在虚<mark>拟机</mark>中运行');
  });

  it('marks the first query fragment that occurs in the body', () => {
    expect(fragmentSnippet('只有内存管理', '虚拟机 内存')).toBe('只有<mark>内存</mark>管理');
  });

  it('marks the first occurrence of the fragment', () => {
    expect(fragmentSnippet('内存一和内存二', '内存')).toBe('<mark>内存</mark>一和内存二');
  });

  it('crops 40 characters either side with ellipses', () => {
    const body = `${pad(100, '前')}虚拟机${pad(100, '后')}`;
    expect(fragmentSnippet(body, '虚拟机')).toBe(`…${pad(40, '前')}<mark>虚拟机</mark>${pad(40, '后')}…`);
  });

  it('adds an ellipsis only on the cropped side', () => {
    expect(fragmentSnippet(`虚拟机${pad(100)}`, '虚拟机')).toBe(`<mark>虚拟机</mark>${pad(40)}…`);
    expect(fragmentSnippet(`${pad(100)}虚拟机`, '虚拟机')).toBe(`…${pad(40)}<mark>虚拟机</mark>`);
  });

  it('does not crop at exactly 40 characters of context', () => {
    expect(fragmentSnippet(`${pad(40)}虚拟机${pad(40)}`, '虚拟机')).toBe(`${pad(40)}<mark>虚拟机</mark>${pad(40)}`);
    expect(fragmentSnippet(`${pad(41)}虚拟机${pad(41)}`, '虚拟机')).toBe(`…${pad(40)}<mark>虚拟机</mark>${pad(40)}…`);
  });

  it('escapes HTML around and inside the mark', () => {
    expect(fragmentSnippet('<b>"a" & 内存</b>', '内存')).toBe('&lt;b&gt;&quot;a&quot; &amp; <mark>内存</mark>&lt;/b&gt;');
    expect(fragmentSnippet('x <i>y</i> z', '<i>y</i>')).toBe('x <mark>&lt;i&gt;y&lt;/i&gt;</mark> z');
  });

  it('leaves no raw markup except the mark', () => {
    const out = fragmentSnippet(`${pad(30)}<script>alert("x")</script>虚拟机<img src=x>`, '虚拟机');
    expect(out.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
  });

  it('falls back to the first 80 characters, escaped, when no fragment is found', () => {
    expect(fragmentSnippet('短正文', '虚拟机')).toBe('短正文');
    expect(fragmentSnippet(pad(200), '虚拟机')).toBe(pad(80));
    expect(fragmentSnippet('a < b & "c"', '虚拟机')).toBe('a &lt; b &amp; &quot;c&quot;');
    expect(fragmentSnippet('正文', '')).toBe('正文');
    expect(fragmentSnippet('正文', '   ')).toBe('正文');
  });

  it('counts the fallback in characters, not UTF-16 units', () => {
    const out = fragmentSnippet('😀'.repeat(100), '虚拟机');
    expect([...out]).toHaveLength(80);
    expect(hasLoneSurrogate(out)).toBe(false);
  });

  it('never contains a mark in the fallback', () => {
    expect(fragmentSnippet('<mark>x</mark>', '虚拟机')).toBe('&lt;mark&gt;x&lt;/mark&gt;');
  });

  // Regression: cropping in UTF-16 units cut a character outside the BMP in half at the crop edge.
  it('does not split a character outside the BMP at the crop edge', () => {
    for (const body of [`${'😀'.repeat(30)}甲虚拟机`, `虚拟机甲${'😀'.repeat(30)}`]) {
      const out = fragmentSnippet(body, '虚拟机');
      expect(out).toContain('<mark>虚拟机</mark>');
      expect(hasLoneSurrogate(out)).toBe(false);
    }
  });

  // Regression: normalizeQuery keeps quoted phrases, and the fragment was looked up with its quotes.
  it('marks a fragment the reader put in quotes', () => {
    expect(fragmentSnippet('在虚拟机中运行', '"拟机"')).toBe('在虚<mark>拟机</mark>中运行');
  });
});
