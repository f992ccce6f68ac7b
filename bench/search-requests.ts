/**
 * The two ways the bench asks a question: through the service's GraphQL `search`, and straight to
 * Meilisearch with the very requests SearchService sends, so the difference is the API's own cost.
 */
import { performance } from 'node:perf_hooks';
import { FACETS } from '../src/search/index-settings';
import { normalizeQuery } from '../src/search/query-normalizer';
import { cjkBigrams, hasCjk } from '../src/search/search-text';

const GRAPHQL_SEARCH =
  'query Search($q: String!) { search(query: $q, first: 10) { totalHits fragmentFallback ' +
  'hits { article { id title } highlights { title snippet } } ' +
  'facets { issues { value count } years { value count } sections { value count } authors { value count } } ' +
  'pageInfo { hasNextPage endCursor } } }';
// No compression on the bench's side of either target: see DirectTarget.acceptEncoding.
const JSON_HEADERS = { 'content-type': 'application/json', 'accept-encoding': 'identity' };
const REQUEST_TIMEOUT_MS = 10_000;

type FacetList = Array<{ value: string; count: number }>;

export interface GraphqlSearchResult {
  totalHits: number;
  fragmentFallback: boolean;
  hits: Array<{ article: { id: string; title: string }; highlights: { title: string; snippet: string } }>;
  facets: Record<keyof typeof FACETS, FacetList>;
}

export interface MeiliHit {
  id: string;
  title: string;
  body: string;
  _formatted?: { title?: string; body?: string };
}

export interface MeiliResponse {
  hits: MeiliHit[];
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

/** A query's Meilisearch requests, serialised once up front so the timed loop sends bytes and nothing else. */
export interface DirectPlan {
  /** What SearchService searches for after normalizing (Traditional → Simplified, `=` and leading `-` removed). */
  text: string;
  first: string;
  /** Only for CJK queries: SearchService asks this when the first request finds nothing. */
  fallback?: string;
}

export interface DirectTarget {
  url: string;
  index: string;
  searchKey: string;
  /**
   * `identity` measures Meilisearch itself. `gzip, deflate, br` is what Node's fetch, and so the
   * meilisearch client inside the service, sends; Meilisearch then streams a gzip body in several
   * small writes, and on loopback that costs a delayed-ACK wait of about 40 ms.
   */
  acceptEncoding: 'identity' | 'gzip, deflate, br';
}

/**
 * Mirrors `SearchService.search` for page one without a filter. Its parameters are private to that
 * file, so they are restated here; the bench compares both answers before timing, so a drift shows.
 */
export function directPlan(query: string): DirectPlan {
  const text = normalizeQuery(query);
  const base = { offset: 0, limit: 10, filter: [], facets: Object.values(FACETS), attributesToRetrieve: ['id', 'title', 'body'] };
  const highlighting = {
    attributesToHighlight: ['title', 'body'],
    attributesToCrop: ['body'],
    cropLength: 40,
    cropMarker: '…',
    highlightPreTag: '<mark>',
    highlightPostTag: '</mark>',
  };
  const cjk = hasCjk(text);
  const first = JSON.stringify({ q: text, ...base, ...highlighting, ...(cjk ? { locales: ['cmn'] } : {}) });
  if (!cjk) return { text, first };
  const fallback = JSON.stringify({ q: cjkBigrams(text).join(' '), ...base, attributesToSearchOn: ['grams'], matchingStrategy: 'all' });
  return { text, first, fallback };
}

async function postJson<T>(url: string, body: string, headers: Record<string, string>): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST ${url} answered HTTP ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** The whole round trip, as a client sees it: request, response body and parse. */
export async function graphqlSearch(baseUrl: string, query: string): Promise<{ result: GraphqlSearchResult; ms: number }> {
  const body = JSON.stringify({ query: GRAPHQL_SEARCH, variables: { q: query } });
  const started = performance.now();
  const json = await postJson<{ data?: { search?: GraphqlSearchResult }; errors?: unknown }>(`${baseUrl}/graphql`, body, JSON_HEADERS);
  const ms = performance.now() - started;
  if (json.errors || !json.data?.search) throw new Error(`GraphQL search "${query}" failed: ${JSON.stringify(json.errors ?? json).slice(0, 500)}`);
  return { result: json.data.search, ms };
}

/** One or two requests, exactly as SearchService makes them; the time covers both. */
export async function directSearch(target: DirectTarget, plan: DirectPlan): Promise<{ result: MeiliResponse; fallback: boolean; ms: number }> {
  const url = `${target.url}/indexes/${encodeURIComponent(target.index)}/search`;
  const headers = { ...JSON_HEADERS, 'accept-encoding': target.acceptEncoding, authorization: `Bearer ${target.searchKey}` };
  const started = performance.now();
  const found = await postJson<MeiliResponse>(url, plan.first, headers);
  if ((found.estimatedTotalHits ?? 0) > 0 || !plan.fallback) return { result: found, fallback: false, ms: performance.now() - started };
  const fallback = await postJson<MeiliResponse>(url, plan.fallback, headers);
  return { result: fallback, fallback: true, ms: performance.now() - started };
}
