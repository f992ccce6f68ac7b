import 'reflect-metadata';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.runner';
import { runMigrations } from '../src/database/migrations.runner';
import { testState } from './support/test-state';

/** One Postgres for the whole run (or DATABASE_URL's); both DB-backed jest projects share it. */
export default async function globalSetup(): Promise<void> {
  const state = testState();
  state.refs++;
  if (state.refs > 1) return;
  let url = process.env.DATABASE_URL;
  if (!url) {
    state.dir = mkdtempSync(join(tmpdir(), 'kernel-monthly-test-'));
    chmodSync(state.dir, 0o755); // the postgres system user must reach its data dir
    state.postgres = new EmbeddedPostgres(join(state.dir, 'postgres'));
    url = await state.postgres.start('kernel_monthly_test');
  }
  process.env.TEST_DATABASE_URL = url;
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
