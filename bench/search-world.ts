import { progress } from './bench-runner';
import { Cleanup } from './cleanup';
import { randomBytes } from 'node:crypto';
/**
 * The search bench's world: Postgres, Meilisearch and the service as a child process, plus the
 * bench's own connections to both stores. Everything started here registers its own teardown.
 */
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { freePort } from '../src/common/free-port';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source.options';
import { startDatabase } from '../src/database/database.bootstrap';
import { connectMeili, MeiliClients } from '../src/search/meili-clients';
import { startSearch } from '../src/search/search.bootstrap';
import { succeeded } from '../src/search/search-indexer';
import { settingsHash } from '../src/search/index-settings';
import { quote } from '../src/search/search-filter';
import { ChildServer, startChildServer, stopChildServer, waitUntilReady } from './child-server';
import { graphqlSearch } from './search-requests';

const ROOT = join(__dirname, '..', '..');
/** The service's index. Its own rebuilds use `${SERVICE_INDEX}_build_<ms>` while they run. */
export const SERVICE_INDEX = 'bench_search';
/**
 * Every index the bench itself makes starts with this. It must not be a prefix of the service's build
 * indexes: deleting one of those mid-rebuild makes the service's next addDocuments recreate it without
 * settings, and that bare index is then swapped in.
 */
export const EXTRA_INDEX_PREFIX = 'bench_reindex_';
/** Slug prefixes of the rows the bench writes; cleanup deletes exactly these. */
export const PROBE_SLUG_PREFIX = 'bench-search-';
export const CORPUS_SLUG_PREFIX = 'bench-corpus-';
export const BENCH_ADMIN_TOKEN = `bench-${randomBytes(24).toString('hex')}`;

// The first run on a fresh DATA_DIR runs migrations, seeds and indexes the sample before it answers.
const READY_TIMEOUT_MS = 120_000;
const READY_PROBE = 'TLBI RANGE';

export interface World {
  service: ChildServer;
  dataSource: DataSource;
  /** Derived the way the service derives them: `search` holds the same search-only key the service queries with. */
  meili: MeiliClients;
  meiliUrl: string;
}



export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));


/**
 * Resolves with `work`, or rejects as soon as the bench is interrupted: a long rebuild must not hold
 * up Ctrl-C. The abandoned promise's late failure (its index is deleted under it) is swallowed.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export async function startWorld(cleanup: Cleanup, signal: AbortSignal): Promise<World> {
  // Its own DATA_DIR, so it never fights `npm start` (./.data) or bench:read (./.data/bench).
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(ROOT, '.data', 'bench-search') });
  progress(config.databaseUrl ? 'using the Postgres in DATABASE_URL' : `starting embedded Postgres in ${join(config.dataDir, 'postgres')}`);
  const database = await startDatabase(config);
  cleanup.add(() => database.stop());
  signal.throwIfAborted();
  progress(config.meiliUrl ? 'using the Meilisearch in MEILI_URL' : `starting embedded Meilisearch in ${join(config.dataDir, 'meili')}`);
  const search = await startSearch(config);
  cleanup.add(() => search.stop());
  signal.throwIfAborted();

  const env = {
    DATABASE_URL: database.url,
    MEILI_URL: search.url,
    MEILI_MASTER_KEY: search.masterKey,
    MEILI_INDEX: SERVICE_INDEX,
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    SEED_SAMPLE: 'true',
    // Given, so the child never writes generated secrets into a DATA_DIR of its own.
    ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    PREVIEW_SECRET: BENCH_ADMIN_TOKEN,
  };
  const service = startChildServer('GraphQL service', join(ROOT, 'dist', 'src', 'main.js'), await freePort(), env, ROOT);
  cleanup.add(() => stopChildServer(service));
  await waitUntilReady(service, READY_TIMEOUT_MS, signal);

  const dataSource = new DataSource(dataSourceOptions(database.url, 4));
  await dataSource.initialize();
  cleanup.add(() => dataSource.destroy());
  const meili = await connectMeili(search, SERVICE_INDEX, 2000);
  await waitUntilSearchable(service, dataSource, meili.admin, signal);
  // Leftovers of an interrupted run go first; the same purge runs again at the end.
  await purgeBenchData(dataSource, meili.admin);
  cleanup.add(() => purgeBenchData(dataSource, meili.admin));
  progress(`GraphQL service at ${service.baseUrl}, Meilisearch at ${search.url}, index "${SERVICE_INDEX}"`);
  return { service, dataSource, meili, meiliUrl: search.url };
}

/** Why the service's index is not ready for timing yet, or undefined when it is. */
async function notSearchableYet(service: ChildServer, dataSource: DataSource, admin: Meilisearch): Promise<string | undefined> {
  const { result } = await graphqlSearch(service.baseUrl, READY_PROBE);
  if (result.hits.length === 0) return `"${READY_PROBE}" has ${result.totalHits} hits`;
  // After a settings change the old index keeps answering while the service rebuilds a new one.
  const [state] = await dataSource.query('SELECT settings_hash FROM search_index_state WHERE index_name = $1', [SERVICE_INDEX]);
  if (state?.settings_hash !== settingsHash()) return 'the index settings are out of date (a rebuild is due)';
  const { results } = await admin.getIndexes({ limit: 1000 });
  const building = results.find((i) => i.uid.startsWith(`${SERVICE_INDEX}_build_`));
  return building ? `the service is rebuilding into ${building.uid}` : undefined;
}

/** /ready says nothing about the index: the service builds it in the background after boot, and timing must wait. */
async function waitUntilSearchable(service: ChildServer, dataSource: DataSource, admin: Meilisearch, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last: string | undefined = 'no answer yet';
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    last = await notSearchableYet(service, dataSource, admin).catch((error: Error) => error.message);
    if (last === undefined) return;
    await sleep(250);
  }
  throw new Error(`the service's index was not ready within ${READY_TIMEOUT_MS} ms (last: ${last}). Service output:\n${service.output()}`);
}

/** Removes every row and index the bench writes; safe to run at any point, and twice. */
export async function purgeBenchData(dataSource: DataSource, admin: Meilisearch): Promise<void> {
  const probes: Array<{ id: string }> = await dataSource.query('SELECT id FROM issue WHERE starts_with(slug, $1)', [PROBE_SLUG_PREFIX]);
  if (probes.length > 0) {
    // Their documents went into the service's index through its outbox; deleting rows does not enqueue a sync.
    const ids = probes.map((p) => quote(p.id)).join(', ');
    await succeeded(admin.index(SERVICE_INDEX).deleteDocuments({ filter: `issueId IN [${ids}]` }));
  }
  const { results } = await admin.getIndexes({ limit: 1000 });
  for (const index of results.filter((i) => i.uid.startsWith(EXTRA_INDEX_PREFIX))) await succeeded(admin.deleteIndex(index.uid));
  await dataSource.transaction(async (m) => {
    const bench = `SELECT id FROM issue WHERE starts_with(slug, $1) OR starts_with(slug, $2)`;
    await m.query(`DELETE FROM outbox WHERE aggregate_id IN (${bench})`, [PROBE_SLUG_PREFIX, CORPUS_SLUG_PREFIX]);
    await m.query(`DELETE FROM issue WHERE id IN (${bench})`, [PROBE_SLUG_PREFIX, CORPUS_SLUG_PREFIX]);
    await m.query('DELETE FROM contributor WHERE starts_with(slug, $1)', [CORPUS_SLUG_PREFIX]);
    await m.query('DELETE FROM search_index_state WHERE starts_with(index_name, $1)', [EXTRA_INDEX_PREFIX]);
  });
}
