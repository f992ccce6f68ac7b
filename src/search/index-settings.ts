import { createHash } from 'node:crypto';
import type { Settings } from 'meilisearch';
import { DOCUMENT_VERSION } from './article-document';
import { synonymMap } from './glossary';

export const FACETS = { issues: 'issueSlug', years: 'year', sections: 'sectionTitle', authors: 'authorSlugs' } as const;

/** The index settings live in code; their hash, stored in Postgres, tells when a rebuild is due. */
export const INDEX_SETTINGS: Settings = {
  searchableAttributes: ['title', 'authors', 'sectionTitle', 'body', 'extra', 'tags', 'refs', 'articleNumber', 'grams'],
  displayedAttributes: ['*'],
  filterableAttributes: ['id', 'issueId', 'issueSlug', 'year', 'sectionTitle', 'authorSlugs', 'tags'],
  sortableAttributes: ['publishedAt', 'issueNumber', 'sectionNumber', 'position'],
  localizedAttributes: [{ attributePatterns: ['body', 'sectionTitle', 'extra'], locales: ['cmn'] }],
  // 4-letter acronyms (TLBI, SHSTK) get one typo; opaque bigram tokens get none.
  typoTolerance: { minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 }, disableOnAttributes: ['grams', 'articleNumber'] },
  synonyms: synonymMap(),
  pagination: { maxTotalHits: 1000 },
  faceting: { maxValuesPerFacet: 100 },
};

export function settingsHash(settings: Settings = INDEX_SETTINGS): string {
  return createHash('sha256').update(JSON.stringify([DOCUMENT_VERSION, settings])).digest('hex').slice(0, 32);
}
