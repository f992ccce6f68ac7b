import 'reflect-metadata';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.runner';
import { runMigrations } from '../src/database/migrations.runner';
import { EmbeddedMeilisearch } from '../src/search/embedded-meilisearch.runner';
import { testState } from './support/test-state';

const PREFIX = 'kernel-monthly-test-';
const HOUR = 3_600_000;

/** A test run that was killed (Ctrl-C twice, a CI timeout) leaves its Postgres and data dir behind: clean them up. */
async function sweepAbandonedRuns(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    const postgres = await new EmbeddedPostgres(join(dir, 'postgres')).stopIfOrphaned().catch(() => false);
    const meili = await new EmbeddedMeilisearch(join(dir, 'meili')).stopIfOrphaned().catch(() => false);
    if (postgres || meili || Date.now() - statSync(dir).mtimeMs > HOUR) rmSync(dir, { recursive: true, force: true });
  }
}

/** MEILI_URL + MEILI_MASTER_KEY when set; otherwise one embedded Meilisearch for the run. */
async function startTestMeili(state: ReturnType<typeof testState>): Promise<void> {
  if (process.env.MEILI_URL && process.env.MEILI_MASTER_KEY) {
    process.env.TEST_MEILI_URL = process.env.MEILI_URL;
    process.env.TEST_MEILI_MASTER_KEY = process.env.MEILI_MASTER_KEY;
    return;
  }
  state.dir ??= mkdtempSync(join(tmpdir(), PREFIX));
  state.meili = new EmbeddedMeilisearch(join(state.dir, 'meili'));
  const endpoint = await state.meili.start();
  process.env.TEST_MEILI_URL = endpoint.url;
  process.env.TEST_MEILI_MASTER_KEY = endpoint.masterKey;
}

/** One Postgres for the whole run (or DATABASE_URL's); both DB-backed jest projects share it. */
export default async function globalSetup(): Promise<void> {
  const state = testState();
  state.refs++;
  if (state.refs > 1) return;
  let url = process.env.DATABASE_URL;
  if (!url) {
    await sweepAbandonedRuns();
    state.dir = mkdtempSync(join(tmpdir(), PREFIX));
    chmodSync(state.dir, 0o755); // the postgres system user must reach its data dir
    state.postgres = new EmbeddedPostgres(join(state.dir, 'postgres'));
    url = await state.postgres.start('kernel_monthly_test');
  }
  process.env.TEST_DATABASE_URL = url;
  await startTestMeili(state);
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
