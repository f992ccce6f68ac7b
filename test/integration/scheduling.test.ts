import { IssueStatus } from '../../src/issues/issue.entity';
import { PublishingService } from '../../src/publishing/publishing.service';
import { Scheduler } from '../../src/scheduling/scheduler';
import { makeIssue } from '../support/factories';
import { createScratchDatabase } from '../support/scratch-database';
import { AS_ADMIN, startTestApp, TestApp } from '../support/test-app';

const SCHEDULE = 'mutation($id: ID!, $at: DateTime!, $v: Int) { scheduleIssue(id: $id, at: $at, expectedVersion: $v) { id slug } }';
const UNSCHEDULE = 'mutation($id: ID!) { unscheduleIssue(id: $id) { id slug } }';
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** One app on a database of its own: no other spec's scheduler can publish these issues first. */
describe('scheduleIssue, unscheduleIssue and the scheduler', () => {
  let t: TestApp;
  let drop: () => Promise<void>;
  let publisher: Record<string, string>;
  let editor: Record<string, string>;
  let scheduler: Scheduler;

  beforeAll(async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    t = await startTestApp({}, scratch.url);
    scheduler = t.app.get(Scheduler);
    publisher = await t.tokenFor('PUBLISHER');
    editor = await t.tokenFor('EDITOR');
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  const draft = () => makeIssue(t, { status: IssueStatus.DRAFT, sections: [2, 1] });
  const row = async (id: string) => (await t.dataSource.query('SELECT status, scheduled_at, published_at, version FROM issue WHERE id = $1', [id]))[0];
  const actions = async (id: string): Promise<Array<{ action: string; token_name: string; details: any }>> =>
    t.dataSource.query(`SELECT action, token_name, details FROM audit_log WHERE object_type = 'issue' AND object_id = $1 ORDER BY id`, [id]);
  const isPublic = async (slug: string) => (await t.gql('query($s: String!) { issue(slug: $s) { id } }', { s: slug })).body.data!.issue !== null;
  const schedule = (id: string, at: string, headers = publisher, v?: number) => t.gql(SCHEDULE, { id, at, v }, headers);

  async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('schedules a complete draft: SCHEDULED at the given time, audited, still not public', async () => {
    const issue = await draft();
    const at = inSeconds(3600);
    const { body } = await schedule(issue.id, at);
    expect(body).toEqual({ data: { scheduleIssue: { id: issue.id, slug: issue.slug } } });
    const after = await row(issue.id);
    expect(after.status).toBe('SCHEDULED');
    expect(after.scheduled_at.toISOString()).toBe(at);
    expect((await actions(issue.id)).map((a) => [a.action, a.token_name.split('-')[0]])).toEqual([['scheduleIssue', 'publisher']]);
    expect(await isPublic(issue.slug)).toBe(false);
    await scheduler.runDue();
    expect((await row(issue.id)).status).toBe('SCHEDULED');
  });

  it('the background loop publishes it once it is due, not before, as "scheduler", with a revision', async () => {
    const issue = await draft();
    const at = inSeconds(1.5);
    expect((await schedule(issue.id, at)).body.errors).toBeUndefined();
    await waitFor(async () => (await row(issue.id)).status === 'PUBLISHED');
    const published = await row(issue.id);
    expect(published.published_at.getTime()).toBeGreaterThanOrEqual(new Date(at).getTime());
    expect(published.scheduled_at).toBeNull();
    expect(await isPublic(issue.slug)).toBe(true);
    expect((await actions(issue.id)).map((a) => [a.action, a.token_name])).toEqual([
      ['scheduleIssue', expect.stringMatching(/^publisher-/)],
      ['scheduledPublish', 'scheduler'],
    ]);
    const revisions = await t.dataSource.query('SELECT created_by, issue_version FROM issue_revision WHERE issue_id = $1', [issue.id]);
    expect(revisions).toEqual([{ created_by: 'scheduler', issue_version: published.version }]);
  });

  it('unscheduleIssue cancels: a draft again, and nothing publishes it when the time comes', async () => {
    const issue = await draft();
    const at = inSeconds(1);
    await schedule(issue.id, at);
    const { body } = await t.gql(UNSCHEDULE, { id: issue.id }, publisher);
    expect(body).toEqual({ data: { unscheduleIssue: { id: issue.id, slug: issue.slug } } });
    expect(await row(issue.id)).toMatchObject({ status: 'DRAFT', scheduled_at: null });
    await waitFor(async () => Date.now() > new Date(at).getTime() + 300);
    await scheduler.runDue();
    expect((await row(issue.id)).status).toBe('DRAFT');
    expect((await actions(issue.id)).map((a) => a.action)).toEqual(['scheduleIssue', 'unscheduleIssue']);
    const { version } = await row(issue.id);
    expect((await t.gql(UNSCHEDULE, { id: issue.id }, publisher)).body.errors).toBeUndefined();
    expect((await row(issue.id)).version).toBe(version);
  });

  it('refuses a time that is not in the future, on field at', async () => {
    const issue = await draft();
    const before = await row(issue.id);
    const { body } = await schedule(issue.id, inSeconds(-60));
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
    expect(await row(issue.id)).toEqual(before);
  });

  it('refuses an issue that publishing would refuse, listing the problems', async () => {
    const issue = await draft();
    await t.dataSource.query('DELETE FROM article WHERE section_id = (SELECT id FROM section WHERE issue_id = $1 AND number = 2)', [issue.id]);
    const { body } = await schedule(issue.id, inSeconds(3600));
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', problems: ['section 2 has no articles'] });
    expect((await row(issue.id)).status).toBe('DRAFT');
  });

  it('refuses a published issue with CONFLICT, both to schedule and to unschedule', async () => {
    const issue = await makeIssue(t);
    for (const res of [await schedule(issue.id, inSeconds(3600)), await t.gql(UNSCHEDULE, { id: issue.id }, publisher)]) {
      expect(res.body.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(res.body.errors?.[0].message).toMatch(/already published/);
    }
    expect((await row(issue.id)).status).toBe('PUBLISHED');
  });

  it('a stale expectedVersion is a CONFLICT; the current one is accepted', async () => {
    const issue = await draft();
    const { version } = await row(issue.id);
    const stale = await schedule(issue.id, inSeconds(3600), publisher, version - 1);
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion', currentVersion: version });
    expect((await schedule(issue.id, inSeconds(3600), publisher, version)).body.errors).toBeUndefined();
    expect(await row(issue.id)).toMatchObject({ status: 'SCHEDULED', version: version + 1 });
  });

  it('needs PUBLISHER: EDITOR is FORBIDDEN, no token is UNAUTHENTICATED', async () => {
    const issue = await draft();
    for (const [headers, code] of [[editor, 'FORBIDDEN'], [{}, 'UNAUTHENTICATED']] as const) {
      expect((await schedule(issue.id, inSeconds(3600), headers)).body.errors?.[0].extensions?.code).toBe(code);
      expect((await t.gql(UNSCHEDULE, { id: issue.id }, headers)).body.errors?.[0].extensions?.code).toBe(code);
    }
    expect((await schedule(issue.id, inSeconds(3600), AS_ADMIN)).body.errors).toBeUndefined();
  });

  it('a due issue that has become incomplete goes back to DRAFT with the reasons audited, and does not hold up the others', async () => {
    const good = await draft();
    const bad = await draft();
    await schedule(good.id, inSeconds(3600));
    await schedule(bad.id, inSeconds(3600));
    await t.dataSource.query('DELETE FROM article WHERE section_id = (SELECT id FROM section WHERE issue_id = $1 AND number = 2)', [bad.id]);
    // The broken one comes first in the batch.
    await t.dataSource.query(`UPDATE issue SET scheduled_at = now() - CASE WHEN id = $1 THEN interval '2 minutes' ELSE interval '1 minute' END WHERE id IN ($1, $2)`, [bad.id, good.id]);
    await scheduler.runDue();
    expect((await row(good.id)).status).toBe('PUBLISHED');
    expect(await row(bad.id)).toMatchObject({ status: 'DRAFT', scheduled_at: null, published_at: null });
    const audit = await actions(bad.id);
    expect(audit.map((a) => [a.action, a.token_name])).toEqual([['scheduleIssue', expect.any(String)], ['scheduledPublishFailed', 'scheduler']]);
    expect(audit[1].details.problems).toEqual(['section 2 has no articles']);
    expect(await t.dataSource.query('SELECT id FROM issue_revision WHERE issue_id = $1', [bad.id])).toEqual([]);
  });

  it('an unexpected failure keeps the issue SCHEDULED and retries it at a later run, while others publish', async () => {
    const failing = await draft();
    const other = await draft();
    const failFor = new Set([failing.id]);
    t.app.get(PublishingService).onPublish(async (_m, issue) => {
      if (failFor.has(issue.id)) throw new Error('a hook failed');
    });
    await schedule(failing.id, inSeconds(3600));
    await schedule(other.id, inSeconds(3600));
    await t.dataSource.query(`UPDATE issue SET scheduled_at = now() - interval '1 minute' WHERE id IN ($1, $2)`, [failing.id, other.id]);
    await scheduler.runDue();
    await waitFor(async () => (await row(other.id)).status === 'PUBLISHED');
    expect((await row(failing.id)).status).toBe('SCHEDULED');
    expect((await actions(failing.id)).map((a) => a.action)).toEqual(['scheduleIssue']);
    failFor.clear();
    await scheduler.runDue();
    await waitFor(async () => (await row(failing.id)).status === 'PUBLISHED');
    expect((await actions(failing.id)).map((a) => a.action)).toEqual(['scheduleIssue', 'scheduledPublish']);
  });
});
