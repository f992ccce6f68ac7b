import { toArticleDocument } from './article-document';
import { synonymMap } from './glossary';
import { FACETS, INDEX_SETTINGS, settingsHash } from './index-settings';

const documentKeys = Object.keys(
  toArticleDocument({
    id: 'a',
    issue: { id: 'i', slug: '2023-07', number: 1, period: '2023-07', publishedAt: new Date(0) },
    section: { number: 1, title: 's' },
    number: '1.1',
    position: 1,
    title: 't',
    body: 'b',
    tags: [],
    authors: [],
    references: [],
  }),
);

describe('INDEX_SETTINGS', () => {
  it('searches title, authors, sectionTitle, body and extra in that order, with keyterms above the section', () => {
    expect(INDEX_SETTINGS.searchableAttributes?.slice(0, 6)).toEqual(['title', 'authors', 'keyterms', 'sectionTitle', 'body', 'extra']);
  });

  it('breaks ties by reading order, never by internal ids', () => {
    expect(INDEX_SETTINGS.rankingRules?.slice(-3)).toEqual(['issueNumber:desc', 'sectionNumber:asc', 'position:asc']);
  });

  it('also searches grams, tags and refs', () => {
    expect(INDEX_SETTINGS.searchableAttributes).toEqual(expect.arrayContaining(['grams', 'tags', 'refs']));
  });

  it('disables typos on grams', () => {
    expect(INDEX_SETTINGS.typoTolerance?.disableOnAttributes).toContain('grams');
  });

  it('allows one typo from 4 characters', () => {
    expect(INDEX_SETTINGS.typoTolerance?.minWordSizeForTypos?.oneTypo).toBe(4);
  });

  it('can filter on the fields the search filter uses', () => {
    expect(INDEX_SETTINGS.filterableAttributes).toEqual(
      expect.arrayContaining(['id', 'issueId', 'issueSlug', 'year', 'sectionTitle', 'authorSlugs', 'tags']),
    );
  });

  it('can facet on every FACETS attribute', () => {
    for (const attribute of Object.values(FACETS)) expect(INDEX_SETTINGS.filterableAttributes).toContain(attribute);
  });

  it('names only attributes that documents have', () => {
    const named = [
      ...(INDEX_SETTINGS.searchableAttributes ?? []),
      ...((INDEX_SETTINGS.filterableAttributes ?? []) as string[]),
      ...(INDEX_SETTINGS.sortableAttributes ?? []),
      ...(INDEX_SETTINGS.typoTolerance?.disableOnAttributes ?? []),
    ];
    for (const attribute of named) expect(documentKeys).toContain(attribute);
  });

  it('uses the glossary as synonyms', () => {
    expect(INDEX_SETTINGS.synonyms).toEqual(synonymMap());
  });
});

describe('settingsHash', () => {
  it('hashes INDEX_SETTINGS by default', () => {
    expect(settingsHash()).toBe(settingsHash(INDEX_SETTINGS));
    expect(settingsHash()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is stable for equal settings', () => {
    expect(settingsHash(structuredClone(INDEX_SETTINGS))).toBe(settingsHash(INDEX_SETTINGS));
  });

  it('changes when the searchable attributes change', () => {
    const changed = { ...INDEX_SETTINGS, searchableAttributes: ['body', 'title'] };
    expect(settingsHash(changed)).not.toBe(settingsHash());
  });

  it('changes when the typo tolerance changes', () => {
    const changed = { ...INDEX_SETTINGS, typoTolerance: { ...INDEX_SETTINGS.typoTolerance, minWordSizeForTypos: { oneTypo: 5, twoTypos: 8 } } };
    expect(settingsHash(changed)).not.toBe(settingsHash());
  });

  it('changes when a synonym changes', () => {
    const changed = { ...INDEX_SETTINGS, synonyms: { ...INDEX_SETTINGS.synonyms, tlbi: ['tlb invalidate'] } };
    expect(settingsHash(changed)).not.toBe(settingsHash());
  });

  it('changes when a filterable attribute is added', () => {
    const changed = { ...INDEX_SETTINGS, filterableAttributes: [...(INDEX_SETTINGS.filterableAttributes ?? []), 'refs'] };
    expect(settingsHash(changed)).not.toBe(settingsHash());
  });

  it('does not mutate the settings', () => {
    const before = JSON.stringify(INDEX_SETTINGS);
    settingsHash();
    expect(JSON.stringify(INDEX_SETTINGS)).toBe(before);
  });
});
