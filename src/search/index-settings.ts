import { createHash } from 'node:crypto';
import type { Settings } from 'meilisearch';
import { DOCUMENT_VERSION } from './article-document';
import { synonymMap } from './glossary';

export const FACETS = { issues: 'issueSlug', years: 'year', sections: 'sectionTitle', authors: 'authorSlugs' } as const;

/** The index settings live in code; their hash, stored in Postgres, tells when a rebuild is due. */
export const INDEX_SETTINGS: Settings = {
  // keyterms sits above the section and body: what an article is about outranks an early passing mention.
  searchableAttributes: ['title', 'authors', 'keyterms', 'sectionTitle', 'body', 'extra', 'tags', 'refs', 'articleNumber', 'grams'],
  displayedAttributes: ['*'],
  filterableAttributes: ['id', 'issueId', 'issueSlug', 'year', 'sectionTitle', 'authorSlugs', 'tags'],
  sortableAttributes: ['publishedAt', 'issueNumber', 'sectionNumber', 'position'],
  // Equal scores fall back to reading order (newest issue first), never to Meilisearch's internal ids:
  // results are the same on every run and on every instance.
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'issueNumber:desc', 'sectionNumber:asc', 'position:asc'],
  localizedAttributes: [{ attributePatterns: ['body', 'sectionTitle', 'extra', 'keyterms'], locales: ['cmn'] }],
  // 4-letter acronyms (TLBI, SHSTK) get one typo; opaque bigram tokens get none.
  typoTolerance: { minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 }, disableOnAttributes: ['grams', 'articleNumber'] },
  synonyms: synonymMap(),
  pagination: { maxTotalHits: 1000 },
  faceting: { maxValuesPerFacet: 100 },
};

export function settingsHash(settings: Settings = INDEX_SETTINGS): string {
  return createHash('sha256').update(JSON.stringify([DOCUMENT_VERSION, settings])).digest('hex').slice(0, 32);
}
