import { createHash } from 'node:crypto';
import { ArticleDocument, ArticleSource, contentHash, DOCUMENT_VERSION, toArticleDocument } from './article-document';
import { cjkBigrams } from './search-text';

const source = (over: Partial<ArticleSource> = {}): ArticleSource => ({
  id: '11111111-1111-4111-8111-111111111111',
  issue: { id: 'issue-1', slug: '2023-07', number: 42, period: '2023-07', publishedAt: new Date('2023-08-01T08:00:00.000Z') },
  section: { number: 2, title: '内存管理' },
  number: '2.3',
  position: 3,
  title: '虚拟机 debugfs=no-mount',
  body: '# 标题\n\n**粗体** 调用了162次，`PAGE_SIZE=64k` 见 [链接](https://example.org/a) 8MiB\n\n- 列表项\n- _斜体_',
  tags: ['mm', 'kvm'],
  authors: [
    { slug: 'chen-wei', name: '陈玮' },
    { slug: 'alice', name: 'Alice' },
  ],
  references: [
    { title: 'LWN: shadow stacks', externalId: null },
    { title: null, externalId: 'CVE-2023-0001' },
    { title: 'Patch v2', externalId: 'msgid-1' },
    { title: null, externalId: null },
  ],
  ...over,
});

const withoutHash = ({ contentHash: _hash, ...rest }: ArticleDocument) => rest;

describe('toArticleDocument', () => {
  const doc = toArticleDocument(source());

  it('copies the identifiers and positions', () => {
    expect(doc).toMatchObject({
      id: '11111111-1111-4111-8111-111111111111',
      issueId: 'issue-1',
      issueSlug: '2023-07',
      issueNumber: 42,
      issuePeriod: '2023-07',
      sectionNumber: 2,
      sectionTitle: '内存管理',
      articleNumber: '2.3',
      position: 3,
      title: '虚拟机 debugfs=no-mount',
      tags: ['mm', 'kvm'],
    });
  });

  it('takes the year from the period as a number', () => {
    expect(doc.year).toBe(2023);
    expect(toArticleDocument(source({ issue: { ...source().issue, period: '1999-12' } })).year).toBe(1999);
  });

  it('keeps authors and their slugs in the same order', () => {
    expect(doc.authors).toEqual(['陈玮', 'Alice']);
    expect(doc.authorSlugs).toEqual(['chen-wei', 'alice']);
    const reversed = toArticleDocument(source({ authors: [...source().authors].reverse() }));
    expect(reversed.authors).toEqual(['Alice', '陈玮']);
    expect(reversed.authorSlugs).toEqual(['alice', 'chen-wei']);
  });

  it('gives empty author lists when there are none', () => {
    const none = toArticleDocument(source({ authors: [] }));
    expect(none.authors).toEqual([]);
    expect(none.authorSlugs).toEqual([]);
  });

  it('takes refs from reference titles and external ids, in order, without nulls', () => {
    expect(doc.refs).toEqual(['LWN: shadow stacks', 'CVE-2023-0001', 'Patch v2', 'msgid-1']);
    expect(doc.refs).not.toContain(null);
    expect(toArticleDocument(source({ references: [] })).refs).toEqual([]);
  });

  it('indexes the body as plain text without Markdown', () => {
    expect(doc.body).toContain('标题');
    expect(doc.body).toContain('粗体');
    expect(doc.body).toContain('PAGE_SIZE=64k');
    expect(doc.body).toContain('链接');
    expect(doc.body).toContain('斜体');
    for (const markup of ['#', '*', '`', '](', 'https://example.org', '_斜体_', '- 列表项']) expect(doc.body).not.toContain(markup);
    expect(doc.body).not.toMatch(/<[a-z/]/);
    expect(doc.body).not.toMatch(/\s{2,}|\n/);
  });

  it('keeps characters that only look like HTML as text', () => {
    const d = toArticleDocument(source({ body: '比较 a < b && c > d' }));
    expect(d.body).toBe('比较 a < b && c > d');
  });

  it('fills extra with the tokens of title and body', () => {
    expect(doc.extra).toContain('debugfs no-mount');
    expect(doc.extra).toContain('PAGE_SIZE 64k');
    expect(doc.extra.split(' ')).toContain('162');
    expect(doc.extra).toContain('8 MiB');
  });

  it('fills grams with the bigrams of title, section title and body', () => {
    const grams = doc.grams.split(' ');
    for (const text of ['虚拟机', '内存管理', '粗体', '调用了']) {
      for (const g of cjkBigrams(text)) expect(grams).toContain(g);
    }
    expect(new Set(grams).size).toBe(grams.length);
    for (const g of grams) expect(g).toMatch(/^g[0-9a-z]{8}$/);
  });

  it('gives publishedAt in milliseconds', () => {
    expect(doc.publishedAt).toBe(Date.UTC(2023, 7, 1, 8));
    expect(doc.publishedAt).toBe(1690876800000);
  });

  it('stores the content hash of the rest of the document', () => {
    expect(doc.contentHash).toBe(contentHash(withoutHash(doc)));
    expect(doc.contentHash).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('contentHash', () => {
  it('is stable for equal input', () => {
    expect(toArticleDocument(source()).contentHash).toBe(toArticleDocument(source()).contentHash);
    expect(contentHash(withoutHash(toArticleDocument(source())))).toBe(contentHash(withoutHash(toArticleDocument(source()))));
  });

  it('hashes the document version with the fields (a version bump forces a rebuild)', () => {
    const doc = withoutHash(toArticleDocument(source()));
    const expected = createHash('sha256').update(JSON.stringify([DOCUMENT_VERSION, doc])).digest('hex').slice(0, 32);
    expect(contentHash(doc)).toBe(expected);
    const otherVersion = createHash('sha256').update(JSON.stringify([DOCUMENT_VERSION + 1, doc])).digest('hex').slice(0, 32);
    expect(contentHash(doc)).not.toBe(otherVersion);
  });

  it.each<[string, Partial<ArticleSource>]>([
    ['title', { title: '虚拟机 debugfs=mount' }],
    ['body', { body: '# 标题\n\n**粗体** 调用了163次' }],
    ['an author name', { authors: [{ slug: 'chen-wei', name: '陈伟' }, { slug: 'alice', name: 'Alice' }] }],
    ['an author slug', { authors: [{ slug: 'chen-wei-2', name: '陈玮' }, { slug: 'alice', name: 'Alice' }] }],
    ['the author order', { authors: [{ slug: 'alice', name: 'Alice' }, { slug: 'chen-wei', name: '陈玮' }] }],
    ['a tag', { tags: ['mm', 'kvm2'] }],
    ['an added tag', { tags: ['mm', 'kvm', 'x86'] }],
    ['a reference', { references: [{ title: 'LWN', externalId: null }] }],
    ['the section title', { section: { number: 2, title: '文件系统' } }],
    ['the position', { position: 4 }],
    ['the article number', { number: '2.4' }],
  ])('changes when %s changes', (_what, over) => {
    expect(toArticleDocument(source(over)).contentHash).not.toBe(toArticleDocument(source()).contentHash);
  });

  it('changes when any single field of the document changes', () => {
    const base = withoutHash(toArticleDocument(source()));
    const hash = contentHash(base);
    for (const key of Object.keys(base) as Array<keyof typeof base>) {
      const value = base[key];
      const changed =
        typeof value === 'number' ? value + 1 : typeof value === 'string' ? `${value}x` : Array.isArray(value) ? [...value, 'x'] : value;
      expect({ key, differs: contentHash({ ...base, [key]: changed }) !== hash }).toEqual({ key, differs: true });
    }
  });
});
