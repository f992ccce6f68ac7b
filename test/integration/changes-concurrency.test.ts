import { QueryRunner } from 'typeorm';
import { recordPublicChanges } from '../../src/changes/change-recorder';
import { decodeCursor } from '../../src/common/graphql/cursor';
import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue } from '../support/factories';
import { SearchTestApp, startSearchApp } from '../support/search-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PAGE = `query($after: String) { changes(after: $after, first: 100) { edges { cursor } pageInfo { endCursor } } }`;

describe('the change stream under concurrent transactions', () => {
  let t: SearchTestApp;
  beforeAll(async () => {
    t = await startSearchApp();
  });
  afterAll(() => t.dispose());

  /** A transaction that has edited a published article of `issueId`, not yet recorded. */
  async function openEdit(issueId: string, body: string): Promise<QueryRunner> {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`UPDATE article SET body = $2 WHERE id = (SELECT id FROM article WHERE issue_id = $1 ORDER BY number LIMIT 1)`, [issueId, body]);
    return runner;
  }

  it('a reader paging by cursor never skips a change, even when the later recorder tries to commit first', async () => {
    const a = await makeIssue(t);
    const b = await makeIssue(t);
    const start: string | null = (await t.gql('{ latestChangeCursor }')).body.data!.latestChangeCursor;
    const startId = start ? (decodeCursor(start, ['number'])[0] as number) : 0;

    // The reader: polls from its last cursor and keeps every id it is shown, like a mirror would.
    const seen: number[] = [];
    let cursor = start;
    let stop = false;
    const poll = async () => {
      const res = await t.gql(PAGE, { after: cursor });
      for (const edge of res.body.data!.changes.edges) seen.push(decodeCursor(edge.cursor, ['number'])[0] as number);
      cursor = res.body.data!.changes.pageInfo.endCursor ?? cursor;
    };
    const reader = (async () => {
      while (!stop) {
        await poll();
        await sleep(10);
      }
      await poll();
    })();

    const t1 = await openEdit(a.id, 'T1 的正文');
    const t2 = await openEdit(b.id, 'T2 的正文');
    try {
      expect(await recordPublicChanges(t1.manager, [a.id])).toBe(1);
      // T2 records while T1 is open, and commits the moment its recording returns: without the lock it would
      // commit a higher id before T1's lower one, and the reader, already past it, would never see T1's change.
      let t2Recorded = false;
      const t2Done = recordPublicChanges(t2.manager, [b.id]).then(async (n) => {
        t2Recorded = true;
        await t2.commitTransaction();
        return n;
      });
      await sleep(400);
      const t2WaitedForT1 = !t2Recorded;
      await t1.commitTransaction();
      expect(await t2Done).toBe(1);
      await sleep(100);
      stop = true;
      await reader;

      const rows: Array<{ id: string; issue_id: string }> = await t.dataSource.query('SELECT id, issue_id FROM change WHERE id > $1 ORDER BY id', [startId]);
      const all = rows.map((r) => Number(r.id));
      expect(seen).toEqual(all);
      expect(rows.map((r) => r.issue_id)).toEqual([a.id, b.id]);
      expect(all[1]).toBeGreaterThan(all[0]);
      expect(t2WaitedForT1).toBe(true);
    } finally {
      stop = true;
      for (const runner of [t1, t2]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
    }
  });

  it('a transaction that records nothing public takes no lock: a draft edit is not held up by an open publisher', async () => {
    const published = await makeIssue(t);
    const draft = await makeIssue(t, { status: IssueStatus.DRAFT });
    const t1 = await openEdit(published.id, '持锁的事务');
    const t2 = await openEdit(draft.id, '草稿');
    try {
      expect(await recordPublicChanges(t1.manager, [published.id])).toBe(1);
      // Would hang until the test timeout if a draft edit waited for the lock.
      expect(await recordPublicChanges(t2.manager, [draft.id])).toBe(0);
      const [lock] = await t2.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`);
      expect(lock.n).toBe(0);
    } finally {
      for (const runner of [t1, t2]) {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }
  });
});
