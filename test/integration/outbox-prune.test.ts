import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { runMigrations } from '../../src/database/migrations.runner';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApp } from '../support/test-app';

describe('outbox pruning', () => {
  it('deletes delivered rows older than a week and keeps recent and undelivered ones', async () => {
    const scratch = await createScratchDatabase();
    const ds = new DataSource(dataSourceOptions(scratch.url, 2));
    await ds.initialize();
    try {
      await runMigrations(ds);
      const id = '00000000-0000-4000-8000-000000000001';
      await ds.query(
        `INSERT INTO outbox (topic, aggregate_id, created_at, delivered_at) VALUES
           ('search.sync_issue', $1, now() - interval '9 days', now() - interval '8 days'),
           ('search.sync_issue', $1, now() - interval '2 days', now() - interval '2 days')`,
        [id],
      );
      const app = await startTestApp({}, scratch.url);
      try {
        // The worker prunes on its first idle pass after start.
        const deadline = Date.now() + 10_000;
        let ages: string[] = [];
        while (Date.now() < deadline) {
          ages = (await ds.query(`SELECT (now() - delivered_at > interval '7 days')::text AS old FROM outbox WHERE aggregate_id = $1 ORDER BY id`, [id])).map((r: { old: string }) => r.old);
          if (ages.length === 1) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(ages).toEqual(['false']);
      } finally {
        await app.close();
      }
    } finally {
      await ds.destroy();
      await scratch.drop();
    }
  });
});
