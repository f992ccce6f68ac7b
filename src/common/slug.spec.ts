import { isSlug, normalizeName, slugify, uniqueSlug } from './slug';

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('slugify', () => {
  it.each([
    ['Enhance VHOST to enable SoC-to-SoC communication', 'enhance-vhost-to-enable-soc-to-soc-communication'],
    ['Hyper-V: Support PAGE_SIZE larger than 4K', 'hyper-v-support-page-size-larger-than-4k'],
    ['fs: add mount_setattr()', 'fs-add-mount-setattr'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
    ['陈玮', '陈玮'],
    ['文件系统和Block Layer', '文件系统和block-layer'],
    ['ＡＢＣ１２３', 'abc123'],
    ['KVM:RISC-V(支持)', 'kvm-risc-v-支持'],
    ['!!!', ''],
    ['', ''],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('caps the length at 80 characters', () => {
    expect(slugify('a'.repeat(200))).toBe('a'.repeat(80));
    expect(slugify('中'.repeat(100))).toBe('中'.repeat(80));
  });

  it('leaves no trailing hyphen after the cut', () => {
    const slug = slugify(`${'a'.repeat(79)} tail`);
    expect(slug).toBe('a'.repeat(79));
    expect(isSlug(slug)).toBe(true);
  });

  it('produces slugs that isSlug accepts for ASCII and CJK titles', () => {
    for (const title of ['Use per-CPU temporary mappings for patching', '虚拟化', 'ext4: add fast commits feature', '廖威雄']) {
      expect(isSlug(slugify(title))).toBe(true);
    }
  });

  it('does not split a character outside the BMP at the 80-character cut', () => {
    // U+20000 (a CJK Extension B ideograph) is two UTF-16 code units; cutting between them leaves broken text.
    const slug = slugify(`${'a'.repeat(79)}𠀀`);
    expect(hasLoneSurrogate(slug)).toBe(false);
  });
});

describe('isSlug', () => {
  // A slug is canonical: exactly what slugify produces, so 'a--b' (slugify gives 'a-b') is refused.
  it.each(['2020-07', 'a', '陈玮', 'kvm-risc-v-support', 'a'.repeat(80), '佐々木'])('accepts %j', (slug) => {
    expect(isSlug(slug)).toBe(true);
  });

  it.each(['', 'A', 'Bad_Slug', '-a', 'a-', 'a b', 'a/b', 'a'.repeat(81), 'é'.normalize('NFD'), 'a--b'])('rejects %j', (slug) => {
    expect(isSlug(slug)).toBe(false);
  });
});

describe('uniqueSlug', () => {
  it('returns the base when it is free', () => {
    expect(uniqueSlug('mount', new Set(['other']))).toBe('mount');
  });

  it('adds the first free numeric suffix starting at 2', () => {
    expect(uniqueSlug('mount', new Set(['mount']))).toBe('mount-2');
    expect(uniqueSlug('mount', new Set(['mount', 'mount-2', 'mount-3']))).toBe('mount-4');
  });

  it('keeps suffixed slugs within 80 characters', () => {
    const base = 'a'.repeat(80);
    const taken = new Set([base, ...Array.from({ length: 8 }, (_, i) => `${'a'.repeat(78)}-${i + 2}`), `${'a'.repeat(77)}-10`]);
    const slug = uniqueSlug(base, taken);
    expect(slug).toBe(`${'a'.repeat(77)}-11`);
    expect(slug).toHaveLength(80);
    expect(isSlug(slug)).toBe(true);
  });
});

describe('normalizeName', () => {
  it.each([
    ['  Boqun   Feng ', 'Boqun Feng'],
    ['Liu\tYi\nL', 'Liu Yi L'],
    ['陈\u3000玮', '陈 玮'],
    ['Ｚｈｅｎｙｕ Ｙｅ', 'Zhenyu Ye'],
    ['陈玮', '陈玮'],
  ])('%j -> %j', (raw, normalized) => {
    expect(normalizeName(raw)).toBe(normalized);
  });
});
