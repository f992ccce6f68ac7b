import { Client } from 'pg';
import { IssueStatus } from '../../src/issues/issue.entity';
import { Scheduler } from '../../src/scheduling/scheduler';
import { makeIssue } from '../support/factories';
import { createScratchDatabase } from '../support/scratch-database';
import { AS_ADMIN, startTestApp, TestApp } from '../support/test-app';

const SCHEDULE = 'mutation($id: ID!, $at: DateTime!) { scheduleIssue(id: $id, at: $at) { id } }';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Each test owns a database, so the only schedulers on it are the instances it starts. */
describe('the schedule lives in Postgres', () => {
  it('survives a restart: scheduled by one app, published by the next one on the same database', async () => {
    const scratch = await createScratchDatabase();
    try {
      const first = await startTestApp({}, scratch.url);
      const issue = await makeIssue(first, { status: IssueStatus.DRAFT });
      expect((await first.gql(SCHEDULE, { id: issue.id, at: new Date(Date.now() + 3_600_000).toISOString() }, AS_ADMIN)).body.errors).toBeUndefined();
      await first.close();
      // While no instance runs, the issue falls due.
      const status = await withClient(scratch.url, async (c) => {
        await c.query(`UPDATE issue SET scheduled_at = now() - interval '1 minute' WHERE id = $1`, [issue.id]);
        return (await c.query('SELECT status FROM issue WHERE id = $1', [issue.id])).rows[0].status;
      });
      expect(status).toBe('SCHEDULED');
      const second = await startTestApp({}, scratch.url);
      try {
        // No runDue call: the new instance's own loop must find it.
        await waitFor(async () => (await second.dataSource.query('SELECT status FROM issue WHERE id = $1', [issue.id]))[0].status === 'PUBLISHED');
        const audit = await second.dataSource.query(`SELECT action, token_name FROM audit_log WHERE object_id = $1 ORDER BY id`, [issue.id]);
        expect(audit).toEqual([
          { action: 'scheduleIssue', token_name: 'bootstrap admin' },
          { action: 'scheduledPublish', token_name: 'scheduler' },
        ]);
      } finally {
        await second.close();
      }
    } finally {
      await scratch.drop();
    }
  });

  it('publishes each due issue exactly once with two instances racing on one database', async () => {
    const scratch = await createScratchDatabase();
    const apps: TestApp[] = [];
    try {
      apps.push(await startTestApp({ SCHEDULER_POLL_MS: '50' }, scratch.url), await startTestApp({ SCHEDULER_POLL_MS: '50' }, scratch.url));
      const ids: string[] = [];
      for (let i = 0; i < 45; i++) ids.push((await makeIssue(apps[i % 2], { status: IssueStatus.DRAFT })).id);
      // All due at once; both loops poll every 50 ms while both instances also run many passes in parallel.
      const before: Array<{ id: string; version: number }> = await apps[0].dataSource.query(
        `UPDATE issue SET status = 'SCHEDULED', scheduled_at = now() WHERE id = ANY($1) RETURNING id, version`,
        [ids],
      ).then(([rows]) => rows);
      const schedulers = apps.map((a) => a.app.get(Scheduler));
      const counts = await Promise.all(Array.from({ length: 12 }, (_, i) => schedulers[i % 2].runDue()));
      await waitFor(async () => (await apps[0].dataSource.query(`SELECT count(*)::int AS n FROM issue WHERE id = ANY($1) AND status = 'PUBLISHED'`, [ids]))[0].n === ids.length);

      const perIssue = async (sql: string, extra: unknown[] = []) => new Map((await apps[1].dataSource.query(sql, [ids, ...extra])).map((r: { id: string; n: number }) => [r.id, r.n]));
      const publishes = await perIssue(`SELECT object_id AS id, count(*)::int AS n FROM audit_log WHERE action = 'scheduledPublish' AND object_id = ANY($1) GROUP BY object_id`);
      const revisions = await perIssue(`SELECT issue_id::text AS id, count(*)::int AS n FROM issue_revision WHERE issue_id = ANY($1) GROUP BY issue_id`);
      // Each publish bumps the version once: a second publish would show as +2.
      const bumps = await perIssue(`SELECT i.id::text AS id, (i.version - b.version)::int AS n FROM issue i JOIN jsonb_to_recordset($2::jsonb) AS b(id uuid, version int) ON b.id = i.id WHERE i.id = ANY($1)`, [JSON.stringify(before)]);
      for (const id of ids) {
        expect([id, publishes.get(id)]).toEqual([id, 1]);
        expect([id, revisions.get(id)]).toEqual([id, 1]);
        expect([id, bumps.get(id)]).toEqual([id, 1]);
      }
      expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(ids.length);
    } finally {
      for (const app of apps) await app.close();
      await scratch.drop();
    }
  });
});
