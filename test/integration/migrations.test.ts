import { DataSource } from 'typeorm';
import { assertReachable } from '../../src/database/database.bootstrap';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { runMigrations } from '../../src/database/migrations.runner';
import { createScratchDatabase } from '../support/scratch-database';

const PART1 = ['article', 'article_contributor', 'contributor', 'issue', 'issue_contributor', 'reference', 'section'];
const PART2 = [...PART1, 'outbox', 'search_index_state'].sort();
const PART3 = [...PART2, 'api_token', 'audit_log', 'issue_revision', 'webhook', 'webhook_delivery'].sort();
const TABLES = [...PART3, 'change', 'mirror_state', 'public_entity'].sort();
const ALL = ['InitialContentSchema1764100000000', 'OutboxAndSearchState1764200000000', 'AdminPublishing1764300000000', 'ChangeStream1764400000000'];

describe('migrations against Postgres', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    dataSource = new DataSource(dataSourceOptions(scratch.url, 4));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await scratch.drop();
  });

  const tables = async () =>
    (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migration' ORDER BY 1`)).map(
      (r: { table_name: string }) => r.table_name,
    );

  it('applies every migration once, even when instances start together', async () => {
    const results = await Promise.all([runMigrations(dataSource), runMigrations(dataSource), runMigrations(dataSource)]);
    expect(results.flat()).toEqual(ALL);
    expect(await tables()).toEqual(TABLES);
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('names constraints explicitly, in snake_case', async () => {
    const names: string[] = (await dataSource.query(`SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' AND conrelid::regclass::text <> 'typeorm_migration'`)).map(
      (r: { conname: string }) => r.conname,
    );
    expect(names).toEqual(expect.arrayContaining(['issue_pkey', 'issue_slug_uq', 'article_issue_id_slug_uq', 'article_section_id_fkey', 'section_issue_id_number_uq']));
    expect(names.filter((n) => !/^[a-z][a-z0-9_]*_(pkey|uq|fkey|check)$/.test(n))).toEqual([]);
  });

  it('has a down() for each migration that removes everything, and up again works', async () => {
    await dataSource.undoLastMigration({ transaction: 'all' });
    expect(await tables()).toEqual(PART3);
    await dataSource.undoLastMigration({ transaction: 'all' });
    expect(await tables()).toEqual(PART2);
    await dataSource.undoLastMigration({ transaction: 'all' });
    expect(await tables()).toEqual(PART1);
    await dataSource.undoLastMigration({ transaction: 'all' });
    expect(await tables()).toEqual([]);
    expect(await runMigrations(dataSource)).toEqual(ALL);
    expect(await tables()).toEqual(TABLES);
  });
});

describe('an unreachable DATABASE_URL', () => {
  it('fails fast with a message naming the server', async () => {
    const started = Date.now();
    await expect(assertReachable('postgres://u:p@127.0.0.1:1/nothing')).rejects.toThrow(/Cannot reach the Postgres server in DATABASE_URL \(127\.0\.0\.1:1\/nothing\)/);
    expect(Date.now() - started).toBeLessThan(6000);
  });
});
