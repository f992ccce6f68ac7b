import type { EmbeddedPostgres } from '../../src/database/embedded-postgres.runner';
import type { EmbeddedMeilisearch, MeiliEndpoint } from '../../src/search/embedded-meilisearch.runner';

interface TestState {
  refs: number;
  dir?: string;
  postgres?: EmbeddedPostgres;
  meili?: EmbeddedMeilisearch;
}

/** Shared by global setup and teardown, which jest runs in one process. */
export function testState(): TestState {
  const g = globalThis as { __kernelMonthlyTest?: TestState };
  g.__kernelMonthlyTest ??= { refs: 0 };
  return g.__kernelMonthlyTest;
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest so global setup starts Postgres');
  return url;
}

export function testMeili(): MeiliEndpoint {
  const url = process.env.TEST_MEILI_URL;
  const masterKey = process.env.TEST_MEILI_MASTER_KEY;
  if (!url || !masterKey) throw new Error('TEST_MEILI_URL is not set: run the tests through jest so global setup starts Meilisearch');
  return { url, masterKey };
}
