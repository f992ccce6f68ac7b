/** The search bench's printed report: one block per part, numbers first, caveats last. */
import { cpus } from 'node:os';
import { LatencySamples, median, percentile } from './search-latency';
import type { PublishSample } from './search-publish';
import type { ReindexResult } from './search-reindex';

/** GraphQL p50 may be at most this many times the direct p50. */
export const P50_GOAL = 1.5;

export interface Report {
  meiliVersion: string;
  serviceIndex: { name: string; documents: number };
  rounds: number;
  latency: LatencySamples;
  publish: PublishSample[];
  corpus: { articles: number; issues: number; insertMs: number };
  reindex: ReindexResult;
}

function fmt(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Right-aligned columns after a left-aligned first one, indented under its part's heading. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => '    ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const mean = (ms: number[]) => ms.reduce((a, b) => a + b, 0) / ms.length;

function latencyTable(r: Report): string[] {
  const { graphql, direct, directGzip } = r.latency.all;
  const row = (name: string, ms: number[]) => [name, String(ms.length), fmt(median(ms)), fmt(percentile(ms, 99)), fmt(mean(ms))];
  const ratio = ['GraphQL / Meilisearch direct', '', `${fmt(median(graphql) / median(direct))}x`, `${fmt(percentile(graphql, 99) / percentile(direct, 99))}x`, ''];
  return table(
    ['target', 'requests', 'p50 ms', 'p99 ms', 'mean ms'],
    [row('GraphQL search (POST /graphql)', graphql), row('Meilisearch direct (search key)', direct), ratio, row('Meilisearch direct, gzip requested *', directGzip)],
  );
}

function categoryTable(r: Report): string[] {
  const rows = [...r.latency.byCategory].map(([category, s]) => [
    category,
    String(s.graphql.length / r.rounds),
    fmt(median(s.graphql)),
    fmt(median(s.direct)),
    `${fmt(median(s.graphql) / median(s.direct))}x`,
    fmt(median(s.directGzip)),
  ]);
  return table(['by category', 'queries', 'GraphQL p50', 'direct p50', 'ratio', 'direct gzip p50 *'], rows);
}

function latencyPart(r: Report): string[] {
  const { graphql, direct, directGzip } = r.latency.all;
  const p50 = median(graphql) / median(direct);
  return [
    `1. Query latency: ${r.latency.queries} queries x ${r.rounds} rounds per target, sequential, after a warm-up round`,
    `   index "${r.serviceIndex.name}" holds ${r.serviceIndex.documents} documents; ${r.latency.withHits} queries have hits, ${r.latency.fallbacks} take the fragment fallback`,
    '',
    ...latencyTable(r),
    '',
    ...categoryTable(r),
    '',
    `    goal GraphQL p50 <= ${P50_GOAL} x direct p50: ${p50 <= P50_GOAL ? 'MET' : 'NOT MET'} (${fmt(p50)}x; the API adds ${fmt(median(graphql) - median(direct))} ms at p50)`,
    '    Direct sends the requests SearchService sends (normalized query, highlight, crop, facets, no filter, and the',
    '    second fragment-fallback request where the service makes one); both answers were checked equal before timing.',
    `    * The same requests with "accept-encoding: gzip, deflate, br", as Node's fetch (and so the meilisearch client`,
    `      in the service) sends by default: Meilisearch then streams a chunked gzip body, and the p50 moves by`,
    `      ${fmt(median(directGzip) - median(direct))} ms (a delayed-ACK wait on loopback). Not part of the goal; it shows where the API's time goes.`,
  ];
}

function publishPart(r: Report): string[] {
  const ms = r.publish.map((s) => s.ms);
  return [
    `2. Publish to searchable: importer (DRAFT) -> PublishingService.publishIssue() commit -> first GraphQL hit, polled every 10 ms`,
    '',
    ...table(
      ['run', 'ms', 'polls', 'of which Meilisearch indexing ms'],
      r.publish.map((s, i) => [String(i + 1), fmt(s.ms, 1), String(s.polls), s.indexTaskMs === undefined ? '?' : fmt(s.indexTaskMs, 0)]),
    ),
    '',
    `    median ${fmt(median(ms), 1)} ms (min ${fmt(Math.min(...ms), 1)}, max ${fmt(Math.max(...ms), 1)})`,
    '    Each poll is a whole GraphQL search (see part 1), so a time is only as fine as one poll plus the 10 ms pause.',
  ];
}

function reindexPart(r: Report): string[] {
  const { documents, rebuildMs, directMs, buildMs } = r.reindex;
  const perSecond = (ms: number) => fmt(documents / (ms / 1000), 0);
  return [
    `3. Bulk reindex: ${documents.toLocaleString('en-US')} documents (${r.corpus.articles.toLocaleString('en-US')} synthetic articles in ${r.corpus.issues} issues, inserted in ${fmt(r.corpus.insertMs / 1000, 1)} s, plus the published rest)`,
    '',
    ...table(
      ['method', 'seconds', 'docs/s'],
      [
        ['SearchIndexer.rebuild() (Postgres -> build -> add, swap)', fmt(rebuildMs / 1000), perSecond(rebuildMs)],
        ['direct addDocuments, batches of 1000, each awaited', fmt(directMs / 1000), perSecond(directMs)],
      ],
    ),
    '',
    `    rebuild / direct: ${fmt(rebuildMs / directMs)}x  (building the documents for the direct run took ${fmt(buildMs / 1000)} s, not counted;`,
    `    rebuild / (build + direct): ${fmt(rebuildMs / (buildMs + directMs))}x)`,
  ];
}

export function printReport(r: Report): void {
  const cpu = cpus();
  const out = [
    '',
    'Search benchmark',
    `  Node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Meilisearch ${r.meiliVersion}`,
    '',
    ...latencyPart(r).map((l) => `  ${l}`),
    '',
    ...publishPart(r).map((l) => `  ${l}`),
    '',
    ...reindexPart(r).map((l) => `  ${l}`),
    '',
    '  Note: the client, the service, Meilisearch and Postgres share this machine; on a shared 2-core machine the',
    '  numbers are noisy and only comparable within one run (use the ratios, not the absolute times).',
    '',
  ];
  process.stdout.write(out.join('\n'));
}
