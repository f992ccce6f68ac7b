import { Injectable } from '@nestjs/common';
import { MeilisearchRequestError, MeilisearchRequestTimeOutError, type SearchParams, type SearchResponse } from 'meilisearch';
import { checkPageSize } from '../common/graphql/connection';
import { decodeCursor, encodeCursor } from '../common/graphql/cursor';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import type { ArticleDocument } from './article-document';
import { safeHighlight } from './highlight';
import { FACETS } from './index-settings';
import { MeiliGateway } from './meili.gateway';
import { MAX_QUERY_LENGTH, normalizeQuery } from './query-normalizer';
import { buildFilter, SearchFilterInput } from './search-filter';
import { cjkBigrams, hasCjk } from './search-text';
import { fragmentSnippet } from './fragment-snippet';

export interface RawHit {
  id: string;
  title: string;
  snippet: string;
}

export interface RawSearchResult {
  hits: RawHit[];
  totalHits: number;
  processingTimeMs: number;
  offset: number;
  facets: Record<keyof typeof FACETS, Array<{ value: string; count: number }>>;
  fragmentFallback: boolean;
}

const CROP_TOKENS = 40; // CJK tokens are words of 1-3 characters: about 80 characters of context

@Injectable()
export class SearchService {
  constructor(private readonly meili: MeiliGateway) {}

  async search(query: string, first: number, after: string | null | undefined, filter: SearchFilterInput | null | undefined): Promise<RawSearchResult> {
    const text = checkQuery(query);
    checkPageSize(first);
    const offset = after ? (decodeCursor(after, ['number'])[0] as number) : 0;
    const base: SearchParams = { offset, limit: first, filter: buildFilter(filter), facets: Object.values(FACETS), attributesToRetrieve: ['id', 'title', 'body'] };
    try {
      const { search, indexName } = await this.meili.clients();
      const index = search.index<ArticleDocument>(indexName);
      const found = await index.search(text, { ...base, ...highlighting(), ...(hasCjk(text) ? { locales: ['cmn'] } : {}) });
      if ((found.estimatedTotalHits ?? 0) > 0 || offset > 0 || !hasCjk(text)) return toResult(found, offset, false, highlightedSnippet);
      const grams = cjkBigrams(text);
      const fallback = await index.search(grams.join(' '), { ...base, attributesToSearchOn: ['grams'], matchingStrategy: 'all' });
      return toResult(fallback, offset, true, (h) => fragmentSnippet(h.body, text));
    } catch (error) {
      if (error instanceof MeilisearchRequestTimeOutError || error instanceof MeilisearchRequestError) {
        throw new DomainError(ErrorCode.SEARCH_UNAVAILABLE, 'search is temporarily unavailable; please retry', { retryable: true });
      }
      throw error;
    }
  }
}

function checkQuery(query: string): string {
  if ([...query].length > MAX_QUERY_LENGTH) throw badInput('query', `query must be at most ${MAX_QUERY_LENGTH} characters`);
  const text = normalizeQuery(query);
  if (text.length === 0) throw badInput('query', 'query must not be empty');
  return text;
}

function highlighting(): SearchParams {
  return {
    attributesToHighlight: ['title', 'body'],
    attributesToCrop: ['body'],
    cropLength: CROP_TOKENS,
    cropMarker: '…',
    highlightPreTag: '<mark>',
    highlightPostTag: '</mark>',
  };
}

type Formatted = { id: string; title: string; body: string; _formatted?: Partial<Record<'title' | 'body', string>> };

const highlightedSnippet = (h: Formatted) => safeHighlight(h._formatted?.body ?? cropStart(h.body));

function toResult(found: SearchResponse<ArticleDocument>, offset: number, fragmentFallback: boolean, snippetOf: (hit: Formatted) => string): RawSearchResult {
  const facet = (name: string) =>
    Object.entries(found.facetDistribution?.[name] ?? {})
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const hits = (found.hits as unknown as Formatted[]).map((h) => ({ id: h.id, title: safeHighlight(h._formatted?.title ?? h.title), snippet: snippetOf(h) }));
  return {
    hits,
    totalHits: found.estimatedTotalHits ?? 0,
    processingTimeMs: found.processingTimeMs ?? 0,
    offset,
    facets: { issues: facet(FACETS.issues), years: facet(FACETS.years), sections: facet(FACETS.sections), authors: facet(FACETS.authors) },
    fragmentFallback,
  };
}

export function cropStart(body: string): string {
  const chars = [...body];
  return chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : body;
}

export function nextCursor(result: RawSearchResult): string | null {
  const next = result.offset + result.hits.length;
  return next < result.totalHits && result.hits.length > 0 ? encodeCursor([next]) : null;
}
