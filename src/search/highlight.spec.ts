import { safeHighlight } from './highlight';

/** The text with every `<mark>`/`</mark>` removed: what remains must hold no raw `<`, `>` or `"`. */
const withoutMarks = (html: string) => html.replace(/<\/?mark>/g, '');

describe('safeHighlight', () => {
  describe('escaping', () => {
    it('escapes a script tag', () => {
      expect(safeHighlight('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('escapes &, < , > and "', () => {
      expect(safeHighlight('a & b "c" <d>')).toBe('a &amp; b &quot;c&quot; &lt;d&gt;');
    });

    it('escapes an existing entity instead of passing it through', () => {
      expect(safeHighlight('&lt;mark&gt;x&lt;/mark&gt;')).toBe('&amp;lt;mark&amp;gt;x&amp;lt;/mark&amp;gt;');
    });

    it('escapes text inside a mark', () => {
      expect(safeHighlight('<mark><img src=x onerror=alert(1)></mark>')).toBe('<mark>&lt;img src=x onerror=alert(1)&gt;</mark>');
    });

    it('does not treat other spellings of mark as ours', () => {
      expect(safeHighlight('<MARK>x</MARK>')).toBe('&lt;MARK&gt;x&lt;/MARK&gt;');
      expect(safeHighlight('<mark class="x">y</mark>')).toBe('&lt;mark class=&quot;x&quot;&gt;y</mark>');
    });

    it('leaves no raw markup other than mark tags', () => {
      const out = safeHighlight('<mark>a</mark><b onclick="x">"\'</b>&<mark>b</mark>');
      expect(withoutMarks(out)).not.toMatch(/[<>"]/);
      expect(out.match(/<mark>/g)).toHaveLength(2);
    });

    it('keeps plain CJK text unchanged', () => {
      expect(safeHighlight('虚拟机与内存管理')).toBe('虚拟机与内存管理');
    });
  });

  describe('marks', () => {
    it('keeps our mark tags', () => {
      expect(safeHighlight('a <mark>TLBI</mark> b')).toBe('a <mark>TLBI</mark> b');
    });

    it('merges adjacent marks', () => {
      expect(safeHighlight('<mark>虚拟</mark><mark>机</mark>')).toBe('<mark>虚拟机</mark>');
    });

    it('merges a run of several marks', () => {
      expect(safeHighlight('在<mark>共享</mark><mark>虚拟</mark><mark>地址</mark>中')).toBe('在<mark>共享虚拟地址</mark>中');
    });

    it('merges marks separated only by whitespace, keeping the whitespace', () => {
      expect(safeHighlight('<mark>shadow</mark> <mark>stack</mark>')).toBe('<mark>shadow stack</mark>');
      expect(safeHighlight('<mark>a</mark>\n\t<mark>b</mark>')).toBe('<mark>a\n\tb</mark>');
    });

    it('does not merge marks separated by text', () => {
      expect(safeHighlight('<mark>a</mark> x <mark>b</mark>')).toBe('<mark>a</mark> x <mark>b</mark>');
      expect(safeHighlight('<mark>虚拟</mark>的<mark>机</mark>')).toBe('<mark>虚拟</mark>的<mark>机</mark>');
    });

    it('does not merge marks separated by an escaped character', () => {
      expect(safeHighlight('<mark>a</mark>&<mark>b</mark>')).toBe('<mark>a</mark>&amp;<mark>b</mark>');
    });
  });

  describe('control characters', () => {
    it('cannot forge a mark from \\u0001 and \\u0002', () => {
      const out = safeHighlight('\u0001evil\u0002');
      expect(out).toBe('evil');
      expect(out).not.toContain('<mark>');
    });

    it('removes the control characters around real marks without changing them', () => {
      expect(safeHighlight('x\u0001<mark>y</mark>\u0002z')).toBe('x<mark>y</mark>z');
    });

    it('cannot merge marks or forge a closing tag through control characters', () => {
      expect(safeHighlight('<mark>a</mark>\u0002 \u0001<mark>b</mark>')).toBe('<mark>a b</mark>');
      expect(safeHighlight('\u0001<script>\u0002')).toBe('&lt;script&gt;');
    });

    it('never outputs the control characters', () => {
      expect(safeHighlight('\u0001\u0002<mark>\u0001x\u0002</mark>')).not.toMatch(/[\u0001\u0002]/);
    });
  });

  it('returns an empty string for empty input', () => {
    expect(safeHighlight('')).toBe('');
  });
});
