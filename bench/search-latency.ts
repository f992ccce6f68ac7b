/**
 * Part 1: GraphQL `search` against direct Meilisearch for one mix of queries, sequentially, so each
 * number is one request's latency and not a queueing effect.
 */
import { safeHighlight } from '../src/search/highlight';
import { FACETS } from '../src/search/index-settings';
import { fragmentSnippet } from '../src/search/fragment-snippet';
import { cropStart } from '../src/search/search.service';
import { diffPaths } from './data-diff';
import { DirectPlan, DirectTarget, directPlan, directSearch, graphqlSearch, GraphqlSearchResult, MeiliResponse } from './search-requests';

export type Category = 'English' | 'identifier' | 'Chinese' | 'mixed' | 'Traditional' | 'typo';

/** Terms from the sample issue (2020-07), misspellings and a mid-word fragment, so every code path is timed. */
export const QUERY_MIX: Array<[Category, string[]]> = [
  ['English', ['TLBI RANGE', 'Nitro Enclaves', 'garbage collection', 'fast commits', 'shadow stack', 'virtual machine', 'mount notifications', 'temporary mappings']],
  ['identifier', ['mount_setattr', 'PAGE_SIZE', 'NE_START_ENCLAVE', 'virtio-vsock', 'f2fs', 'debugfs', 'arm64', 'RISC-V']],
  ['Chinese', ['挂载', '虚拟机', '文件系统', '垃圾回收', '内存', '拟机']], // 拟机 is mid-word: the fragment fallback
  ['mixed', ['ext4快速提交', 'KVM虚拟化', 'arm64 页表', 'vhost驱动']],
  ['Traditional', ['記憶體', '虛擬機', '檔案系統']],
  ['typo', ['TLIB', 'mount_setatr', 'Enclaevs', 'garbge collection', 'virtualisaton']],
];

interface PlannedQuery {
  category: Category;
  query: string;
  plan: DirectPlan;
}

/** GraphQL, direct Meilisearch without compression (the floor), and direct with gzip as Node's fetch asks. */
export const SIDES = ['graphql', 'direct', 'directGzip'] as const;
export type Side = (typeof SIDES)[number];

export interface LatencySamples {
  all: Record<Side, number[]>;
  byCategory: Map<Category, Record<Side, number[]>>;
  queries: number;
  /** Queries that took SearchService's second (fragment fallback) request. */
  fallbacks: number;
  /** Queries with at least one hit. */
  withHits: number;
}

export function plannedQueries(): PlannedQuery[] {
  return QUERY_MIX.flatMap(([category, queries]) => queries.map((query) => ({ category, query, plan: directPlan(query) })));
}

/** What the service would return, rebuilt from the raw Meilisearch answer with the service's own helpers. */
function expectedFromDirect(found: MeiliResponse, fallback: boolean, text: string) {
  const facet = (attribute: string) => found.facetDistribution?.[attribute] ?? {};
  return {
    totalHits: found.estimatedTotalHits ?? 0,
    fragmentFallback: fallback,
    hits: found.hits.map((h) => ({
      id: h.id,
      title: safeHighlight(h._formatted?.title ?? h.title),
      snippet: fallback ? fragmentSnippet(h.body, text) : safeHighlight(h._formatted?.body ?? cropStart(h.body)),
    })),
    facets: Object.fromEntries(Object.entries(FACETS).map(([name, attribute]) => [name, facet(attribute)])),
  };
}

function fromGraphql(result: GraphqlSearchResult) {
  const counts = (list: Array<{ value: string; count: number }>) => Object.fromEntries(list.map((f) => [f.value, f.count]));
  return {
    totalHits: result.totalHits,
    fragmentFallback: result.fragmentFallback,
    hits: result.hits.map((h) => ({ id: h.article.id, title: h.highlights.title, snippet: h.highlights.snippet })),
    facets: Object.fromEntries(Object.entries(result.facets).map(([name, list]) => [name, counts(list)])),
  };
}

/**
 * Before timing anything: both sides must give the same answer for every query, or the direct side is
 * not doing the service's work (e.g. SearchService's parameters changed) and the ratio means nothing.
 */
export async function checkSameAnswers(serviceUrl: string, target: DirectTarget, queries: PlannedQuery[]): Promise<void> {
  const problems: string[] = [];
  for (const q of queries) {
    const { result } = await graphqlSearch(serviceUrl, q.query);
    const direct = await directSearch(target, q.plan);
    const diffs = diffPaths(fromGraphql(result), expectedFromDirect(direct.result, direct.fallback, q.plan.text), '', [], 5);
    if (diffs.length > 0) problems.push(`"${q.query}": ${diffs.join('; ')}`);
  }
  if (problems.length > 0) throw new Error(`GraphQL and direct Meilisearch answer differently (GraphQL vs direct):\n  ${problems.join('\n  ')}`);
}

const emptySides = (): Record<Side, number[]> => ({ graphql: [], direct: [], directGzip: [] });

/** Counts what the mix exercises; doubles as the warm-up round for every side. */
async function warmUp(serviceUrl: string, targets: Record<'direct' | 'directGzip', DirectTarget>, queries: PlannedQuery[], samples: LatencySamples): Promise<void> {
  for (const q of queries) {
    await graphqlSearch(serviceUrl, q.query);
    await directSearch(targets.directGzip, q.plan);
    const { result, fallback } = await directSearch(targets.direct, q.plan);
    if (fallback) samples.fallbacks++;
    if (result.hits.length > 0) samples.withHits++;
  }
}

/**
 * One warm-up round, then `rounds` measured ones. Each round runs the whole mix on one side, then on
 * the next; the order rotates every round, so drift on a shared machine hits all sides alike.
 */
export async function measureLatency(serviceUrl: string, targets: Record<'direct' | 'directGzip', DirectTarget>, rounds: number, signal: AbortSignal): Promise<LatencySamples> {
  const queries = plannedQueries();
  const samples: LatencySamples = { all: emptySides(), byCategory: new Map(), queries: queries.length, fallbacks: 0, withHits: 0 };
  await warmUp(serviceUrl, targets, queries, samples);
  await checkSameAnswers(serviceUrl, targets.direct, queries);
  const time: Record<Side, (q: PlannedQuery) => Promise<number>> = {
    graphql: async (q) => (await graphqlSearch(serviceUrl, q.query)).ms,
    direct: async (q) => (await directSearch(targets.direct, q.plan)).ms,
    directGzip: async (q) => (await directSearch(targets.directGzip, q.plan)).ms,
  };
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < SIDES.length; i++) {
      const side = SIDES[(round + i) % SIDES.length];
      signal.throwIfAborted();
      for (const q of queries) record(samples, q.category, side, await time[side](q));
    }
  }
  return samples;
}

function record(samples: LatencySamples, category: Category, side: Side, ms: number): void {
  samples.all[side].push(ms);
  const bucket = samples.byCategory.get(category) ?? emptySides();
  bucket[side].push(ms);
  samples.byCategory.set(category, bucket);
}

/** Nearest-rank percentile: an observed latency, never an interpolation between two. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: number[]): number {
  return percentile(values, 50);
}
