import { MAX_QUERY_LENGTH, normalizeQuery } from './query-normalizer';

describe('normalizeQuery', () => {
  describe('Traditional → Simplified', () => {
    it.each([
      ['虛擬機', '虚拟机'],
      ['記憶體', '内存'],
      ['檔案系統', '文件系统'],
      ['掛載點', '挂载点'],
      ['記憶體管理', '内存管理'],
    ])('converts %s to %s with Taiwan phrases', (input, expected) => {
      expect(normalizeQuery(input)).toBe(expected);
    });

    it('converts a query mixing Simplified and Traditional words', () => {
      expect(normalizeQuery('内存 記憶體')).toBe('内存 内存');
      expect(normalizeQuery('KVM 虛擬機')).toBe('KVM 虚拟机');
    });

    it('converts Traditional characters adjacent to Simplified ones in one word', () => {
      expect(normalizeQuery('虚拟機')).toBe('虚拟机');
    });
  });

  describe('Simplified and English queries', () => {
    it.each(['虚拟机', '内存管理', '文件系统 挂载点', '程式', 'TLBI RANGE', 'mount_setattr()', 'no-mount', 'x86_64', 'v6.8-rc1'])(
      'keeps %s unchanged',
      (input) => {
        expect(normalizeQuery(input)).toBe(input);
      },
    );

    // Regression: detecting with the OpenCC tw→cn table rewrote 著 → 着 even in correct Simplified words.
    it.each(['显著', '性能显著提升', '土著'])('keeps the Simplified word %s unchanged (著 is also Simplified)', (input) => {
      expect(normalizeQuery(input)).toBe(input);
    });

    it('keeps case (the engine is case-insensitive anyway, the query is not lowercased)', () => {
      expect(normalizeQuery('Tlbi range')).toBe('Tlbi range');
    });
  });

  describe('leading dash', () => {
    it('removes a leading - so a word is not read as NOT', () => {
      expect(normalizeQuery('-EPERM')).toBe('EPERM');
      expect(normalizeQuery('mount -EPERM')).toBe('mount EPERM');
    });

    it('removes several leading dashes', () => {
      expect(normalizeQuery('--force')).toBe('force');
    });

    it('keeps dashes inside a word', () => {
      expect(normalizeQuery('no-mount')).toBe('no-mount');
      expect(normalizeQuery('-no-mount')).toBe('no-mount');
    });

    it('removes the dash before a quoted phrase (a negated phrase)', () => {
      expect(normalizeQuery('x -"y z"')).toBe('x "y z"');
    });

    it('keeps a quoted phrase that starts with a dash', () => {
      expect(normalizeQuery('"-EPERM returned"')).toBe('"-EPERM returned"');
    });

    it('drops a lone dash', () => {
      expect(normalizeQuery('a - b')).toBe('a b');
    });

    it('removes a full-width leading dash too (NFKC first)', () => {
      expect(normalizeQuery('－EPERM')).toBe('EPERM');
    });

    // Regression: splitting `=` after the dash removal left `-1000` as a new word, which Meilisearch reads as NOT.
    it.each([
      ['oom_score_adj=-1000', 'oom_score_adj 1000'],
      ['nice=-20', 'nice 20'],
    ])('does not leave a leading dash after splitting %s on =', (input, expected) => {
      const out = normalizeQuery(input);
      expect(out.split(' ').filter((w) => w.startsWith('-'))).toEqual([]);
      expect(out).toBe(expected);
    });
  });

  describe('= splitting', () => {
    it.each([
      ['debugfs=no-mount', 'debugfs no-mount'],
      ['PAGE_SIZE=64k', 'PAGE_SIZE 64k'],
      ['a=b=c', 'a b c'],
      ['x = y', 'x y'],
      ['Ｘ＝Ｙ', 'X Y'],
    ])('%s → %s', (input, expected) => {
      expect(normalizeQuery(input)).toBe(expected);
    });

    it('leaves no = in the output', () => {
      expect(normalizeQuery('a==b c= =d')).not.toContain('=');
    });
  });

  describe('NFKC and whitespace', () => {
    it('folds full-width letters', () => {
      expect(normalizeQuery('ＴＬＢＩ')).toBe('TLBI');
      expect(normalizeQuery('ＴＬＢＩ ＲＡＮＧＥ')).toBe('TLBI RANGE');
    });

    it('folds full-width digits and parentheses', () => {
      expect(normalizeQuery('ｍｏｕｎｔ＿ｓｅｔａｔｔｒ（）')).toBe('mount_setattr()');
    });

    it('collapses runs of whitespace (tabs, newlines, ideographic and no-break spaces) and trims', () => {
      expect(normalizeQuery('  a \t\n b  ')).toBe('a b');
      expect(normalizeQuery('a\u3000b')).toBe('a b');
      expect(normalizeQuery('\u00a0a\u00a0\u00a0b\u00a0')).toBe('a b');
    });

    it('keeps quoted phrases, folding the spaces inside them', () => {
      expect(normalizeQuery('"shadow  stack" x86')).toBe('"shadow stack" x86');
    });

    it('returns an empty string for blank or dash-only input', () => {
      expect(normalizeQuery('')).toBe('');
      expect(normalizeQuery(' \t\n ')).toBe('');
      expect(normalizeQuery(' - -- ')).toBe('');
      expect(normalizeQuery('=')).toBe('');
    });

    it('is idempotent on already normalized queries', () => {
      for (const q of ['虛擬機 -EPERM debugfs=no-mount', 'ＴＬＢＩ  RANGE', '"a b" -c']) {
        const once = normalizeQuery(q);
        expect(normalizeQuery(once)).toBe(once);
      }
    });
  });

  it('MAX_QUERY_LENGTH is 512', () => {
    expect(MAX_QUERY_LENGTH).toBe(512);
  });
});
