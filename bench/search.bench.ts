/**
 * Search benchmark, in one run:
 *   1. GraphQL `search` against direct Meilisearch for a mix of queries (p50, p99, ratio, goal);
 *   2. publish-to-searchable latency through the importer, the outbox and the sync worker;
 *   3. SearchIndexer.rebuild() of a large synthetic corpus against plain addDocuments.
 *
 *   npm run bench:search
 *   BENCH_ROUNDS=3 BENCH_CORPUS=2000 npm run bench:search     # quick
 *
 * It starts its own world: Postgres (DATABASE_URL, else embedded) and Meilisearch (MEILI_URL and
 * MEILI_MASTER_KEY, else embedded), both under $DATA_DIR (default ./.data/bench-search), then the
 * service as a child process on its own index. It removes every row and index it wrote, and stops
 * all it started, also on errors and Ctrl-C.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { measureLatency } from './search-latency';
import { measurePublishLatency } from './search-publish';
import { measureSamplePublish } from './search-sample-publish';
import { insertCorpus } from './search-corpus';
import { measureReindex } from './search-reindex';
import { printReport, Report } from './search-report';
import type { DirectTarget } from './search-requests';
import { positiveIntFromEnv, progress, runBench } from './bench-runner';
import { Cleanup } from './cleanup';
import { SERVICE_INDEX, startWorld, World } from './search-world';

const PUBLISH_REPEATS = 5;

interface Settings {
  rounds: number;
  corpus: number;
}

function directTargets(world: World): Record<'direct' | 'directGzip', DirectTarget> {
  // The service's own search-only key: direct requests get exactly the service's permissions.
  const searchKey = world.meili.search.config.apiKey;
  if (!searchKey) throw new Error('connectMeili returned a search client without an API key');
  const target = { url: world.meiliUrl, index: SERVICE_INDEX, searchKey };
  return { direct: { ...target, acceptEncoding: 'identity' }, directGzip: { ...target, acceptEncoding: 'gzip, deflate, br' } };
}

async function serviceIndex(world: World): Promise<Report['serviceIndex']> {
  const { numberOfDocuments } = await world.meili.admin.index(SERVICE_INDEX).getStats();
  return { name: SERVICE_INDEX, documents: numberOfDocuments };
}

async function corpus(world: World, articles: number, signal: AbortSignal): Promise<Report['corpus']> {
  progress(`inserting ${articles} synthetic published articles`);
  const started = performance.now();
  const issues = await insertCorpus(world.dataSource, articles, signal);
  return { articles, issues, insertMs: performance.now() - started };
}

async function run(settings: Settings, cleanup: Cleanup, signal: AbortSignal): Promise<void> {
  const world = await startWorld(cleanup, signal);
  const meiliVersion = (await world.meili.admin.getVersion()).pkgVersion;
  const index = await serviceIndex(world);
  progress(`part 1: query latency, ${settings.rounds} rounds`);
  const latency = await measureLatency(world.service.baseUrl, directTargets(world), settings.rounds, signal);
  progress(`part 2: publish to searchable, ${PUBLISH_REPEATS} times`);
  const publish = await measurePublishLatency(world.dataSource, world.meili.admin, world.service.baseUrl, PUBLISH_REPEATS, signal);
  progress(`part 2b: publish to searchable for the sample issue 2020-07, ${PUBLISH_REPEATS} times`);
  const sample = await measureSamplePublish(world.dataSource, world.service.baseUrl, PUBLISH_REPEATS, signal);
  progress('part 3: bulk reindex');
  const inserted = await corpus(world, settings.corpus, signal);
  const reindex = await measureReindex(world.dataSource, world.meili.admin, signal);
  printReport({ meiliVersion, serviceIndex: index, rounds: settings.rounds, latency, publish, corpus: inserted, reindex });
  const sorted = [...sample].sort((a, b) => a - b);
  process.stdout.write(
    `\n  2b. Publish to searchable, the sample issue 2020-07 (14 articles; "TLBI RANGE" finds 3.1 again): ` +
      `${sample.map((ms) => ms.toFixed(0)).join(', ')} ms; median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms\n`,
  );
}

/** Progress goes to stderr; library logs (importer, indexer, embedded runners) would only bury it. */
Logger.overrideLogger(['error', 'warn']);
void runBench((cleanup, signal) =>
  run({ rounds: positiveIntFromEnv('BENCH_ROUNDS', 20), corpus: positiveIntFromEnv('BENCH_CORPUS', 20_000) }, cleanup, signal),
);

