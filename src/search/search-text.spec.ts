import { cjkBigrams, extraTokens, hasCjk, keyTerms } from './search-text';

const words = (s: string) => s.split(' ').filter(Boolean);

describe('extraTokens', () => {
  it('writes out both sides of key=value', () => {
    expect(extraTokens('挂载时使用 debugfs=no-mount 选项')).toContain('debugfs no-mount');
    expect(extraTokens('PAGE_SIZE=64k')).toContain('PAGE_SIZE 64k');
  });

  it('keeps dots, dashes and plus signs inside key and value', () => {
    expect(extraTokens('kvm.nx_huge_pages=off-by+1.5')).toContain('kvm.nx_huge_pages off-by+1.5');
  });

  it.each([
    ['调用了162次', ['162']],
    ['性能提升了34.4%至192.2%', ['34.4', '192.2']],
    ['内核5.10版本', ['5.10']],
    ['2020年', ['2020']],
    ['中文100%', ['100']],
    ['提升1.5倍', ['1.5']],
  ])('writes out numbers glued to CJK text in %s', (text, expected) => {
    const tokens = words(extraTokens(text));
    for (const t of expected) expect(tokens).toContain(t);
    expect(tokens.some((t) => t.includes('%'))).toBe(false);
  });

  it('splits a number from its unit', () => {
    expect(extraTokens('8MiB')).toBe('8 MiB');
    expect(extraTokens('频率 3.7GHz')).toBe('3.7 GHz');
    expect(words(extraTokens('4KiB页面'))).toEqual(expect.arrayContaining(['4', 'KiB']));
  });

  it('writes out each token once', () => {
    expect(extraTokens('8MiB 8MiB')).toBe('8 MiB');
    expect(extraTokens('162次 又162次')).toBe('162');
    expect(extraTokens('debugfs=no-mount, debugfs=no-mount')).toBe('debugfs no-mount');
  });

  it('has no duplicate words for a mixed text', () => {
    const out = extraTokens('调用了162次，PAGE_SIZE=64k 与 8MiB 和 8MiB，又调用了162次');
    const parts = out.split(' ');
    expect(out).toContain('PAGE_SIZE 64k');
    expect(out).toContain('8 MiB');
    expect(parts).toContain('162');
    expect(parts.filter((p) => p === '162')).toHaveLength(1);
    expect(parts.filter((p) => p === 'MiB')).toHaveLength(1);
  });

  it('returns an empty string when nothing needs writing out', () => {
    expect(extraTokens('')).toBe('');
    expect(extraTokens('plain English text about TLBI')).toBe('');
    expect(extraTokens('纯中文文本')).toBe('');
    expect(extraTokens('x86_64 0x1000')).toBe('');
  });
});

describe('cjkBigrams', () => {
  it('gives one gram per adjacent pair', () => {
    expect(cjkBigrams('虚拟机')).toHaveLength(2);
    expect(cjkBigrams('虚拟')).toHaveLength(1);
    expect(cjkBigrams('共享虚拟地址')).toHaveLength(5);
  });

  it('gives no gram for a single character or none', () => {
    expect(cjkBigrams('虚')).toEqual([]);
    expect(cjkBigrams('')).toEqual([]);
  });

  it('lists the same pair once', () => {
    const grams = cjkBigrams('虚拟虚拟');
    expect(grams).toHaveLength(2); // 虚拟, 拟虚
    expect(new Set(grams).size).toBe(grams.length);
    expect(cjkBigrams('虚拟 和 虚拟')).toEqual(cjkBigrams('虚拟'));
  });

  it('ignores non-CJK text and does not pair across it', () => {
    expect(cjkBigrams('TLBI range 64k')).toEqual([]);
    expect(cjkBigrams('虚 拟')).toEqual([]);
    expect(cjkBigrams('虚a拟')).toEqual([]);
    expect(cjkBigrams('虚，拟')).toEqual([]);
    expect(cjkBigrams('KVM 虚拟机 guest')).toEqual(cjkBigrams('虚拟机'));
  });

  it('produces opaque ASCII tokens: g and 8 base36 characters', () => {
    const grams = cjkBigrams('虚拟机的内存管理㐀㐁豈更');
    expect(grams.length).toBeGreaterThan(0);
    for (const g of grams) expect(g).toMatch(/^g[0-9a-z]{8}$/);
  });

  it('encodes the pair in order', () => {
    expect(cjkBigrams('虚拟')).not.toEqual(cjkBigrams('拟虚'));
    expect(cjkBigrams('虚拟')).not.toEqual(cjkBigrams('拟机'));
  });

  it('is deterministic', () => {
    expect(cjkBigrams('虚拟机')).toEqual(cjkBigrams('虚拟机'));
  });

  it('makes the grams of a fragment a subset of the grams of the word', () => {
    const word = new Set(cjkBigrams('虚拟机'));
    const fragment = cjkBigrams('拟机');
    expect(fragment).toHaveLength(1);
    for (const g of fragment) expect(word.has(g)).toBe(true);
  });

  it('finds a mid-word fragment in a longer body', () => {
    const body = new Set(cjkBigrams('在 KVM 虚拟机中使用共享虚拟地址'));
    for (const g of cjkBigrams('拟机中')) expect(body.has(g)).toBe(true);
    expect(cjkBigrams('机拟').every((g) => body.has(g))).toBe(false);
  });
});

describe('hasCjk', () => {
  it.each(['虚拟机', 'KVM 虚拟机', 'a内', '㐀', '豈'])('is true for %s', (text) => {
    expect(hasCjk(text)).toBe(true);
  });

  it.each(['', 'TLBI RANGE', 'ＴＬＢＩ', '，。', '8MiB 162%'])('is false for %j', (text) => {
    expect(hasCjk(text)).toBe(false);
  });

  it('agrees with cjkBigrams: a text with a CJK pair has CJK', () => {
    for (const text of ['虚拟', 'x 内存 y']) {
      expect(cjkBigrams(text).length).toBeGreaterThan(0);
      expect(hasCjk(text)).toBe(true);
    }
  });
});

describe('keyTerms', () => {
  const groups = [
    ['内存', 'memory'],
    ['虚拟机', 'vm'],
    ['寄存器', 'register'],
  ];

  it('keeps concepts named at least three times, in either language, most frequent first', () => {
    expect(keyTerms('内存 memory 内存 虚拟机 VM vm 虚拟机 虚拟机', 3, 4, groups)).toBe('虚拟机 vm 内存 memory');
  });

  it('drops a concept mentioned once or twice, however early', () => {
    expect(keyTerms('共享虚拟内存 Shared Virtual Memory', 3, 4, groups)).toBe('');
  });

  it('matches ASCII terms as whole words only', () => {
    expect(keyTerms('registers register_map vmalloc kvm VM', 1, 4, groups)).toBe('虚拟机 vm');
  });

  it('keeps at most `top` concepts', () => {
    expect(keyTerms('内存 内存 内存 虚拟机 虚拟机 虚拟机 虚拟机 寄存器 寄存器 寄存器 寄存器 寄存器', 3, 2, groups)).toBe('寄存器 register 虚拟机 vm');
  });
});
