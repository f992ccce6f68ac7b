/**
 * Part 3: `SearchIndexer.rebuild()` over a large corpus, against the floor of adding the same
 * documents straight to a fresh index. The difference is what the rebuild spends on reading
 * Postgres, building documents in between batches, and the final swap.
 */
import { performance } from 'node:perf_hooks';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import type { ArticleDocument } from '../src/search/article-document';
import { INDEX_SETTINGS } from '../src/search/index-settings';
import { SearchIndexer, succeeded } from '../src/search/search-indexer';
import { allDocuments } from '../src/search/search-source';
import { progress } from './bench-runner';
import { EXTRA_INDEX_PREFIX, untilAborted } from './search-world';

const REBUILD_INDEX = `${EXTRA_INDEX_PREFIX}rebuild`;
const DIRECT_INDEX = `${EXTRA_INDEX_PREFIX}direct`;
const BATCH = 1000;

export interface ReindexResult {
  documents: number;
  rebuildMs: number;
  /** Reading Postgres and building documents for the direct run; not part of `directMs`. */
  buildMs: number;
  /** Create index, apply INDEX_SETTINGS, add every batch: what the rebuild does minus Postgres. */
  directMs: number;
}

async function timeRebuild(dataSource: DataSource, admin: Meilisearch, signal: AbortSignal): Promise<{ ms: number; documents: number }> {
  const started = performance.now();
  const documents = await untilAborted(new SearchIndexer(admin, REBUILD_INDEX).rebuild(dataSource), signal);
  return { ms: performance.now() - started, documents };
}

/** The same builder the rebuild uses, over the same published rows, so the documents are identical. */
async function buildDocuments(dataSource: DataSource): Promise<ArticleDocument[]> {
  const documents: ArticleDocument[] = [];
  for await (const page of allDocuments(dataSource.manager)) documents.push(...page);
  return documents;
}

/** Batch by batch, each awaited to success, exactly as the rebuild sends them. */
async function addDirectly(admin: Meilisearch, documents: ArticleDocument[], signal: AbortSignal): Promise<void> {
  await succeeded(admin.createIndex(DIRECT_INDEX, { primaryKey: 'id' }));
  await succeeded(admin.index(DIRECT_INDEX).updateSettings(INDEX_SETTINGS));
  for (let at = 0; at < documents.length; at += BATCH) {
    signal.throwIfAborted();
    await untilAborted(succeeded(admin.index(DIRECT_INDEX).addDocuments(documents.slice(at, at + BATCH), { primaryKey: 'id' })), signal);
  }
}

/** Both indexes must end with the same document count, or the two timings did not do the same work. */
async function checkSameSize(admin: Meilisearch, expected: number): Promise<void> {
  for (const uid of [REBUILD_INDEX, DIRECT_INDEX]) {
    const { numberOfDocuments } = await admin.index(uid).getStats();
    if (numberOfDocuments !== expected) throw new Error(`index ${uid} holds ${numberOfDocuments} documents, expected ${expected}`);
  }
}

export async function measureReindex(dataSource: DataSource, admin: Meilisearch, signal: AbortSignal): Promise<ReindexResult> {
  progress(`SearchIndexer.rebuild() into "${REBUILD_INDEX}"`);
  const rebuild = await timeRebuild(dataSource, admin, signal);
  progress(`rebuilt ${rebuild.documents} documents in ${(rebuild.ms / 1000).toFixed(1)} s; now addDocuments into "${DIRECT_INDEX}"`);
  let started = performance.now();
  const documents = await buildDocuments(dataSource);
  const buildMs = performance.now() - started;
  if (documents.length !== rebuild.documents) throw new Error(`rebuild indexed ${rebuild.documents} documents but allDocuments() built ${documents.length}`);
  started = performance.now();
  await addDirectly(admin, documents, signal);
  const directMs = performance.now() - started;
  await checkSameSize(admin, documents.length);
  return { documents: documents.length, rebuildMs: rebuild.ms, buildMs, directMs };
}
