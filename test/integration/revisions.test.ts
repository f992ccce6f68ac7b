import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIssueMarkdown } from '../../src/content/authoring-format.parser';
import { PublishingService } from '../../src/publishing/publishing.service';
import { sameContent } from '../../src/revisions/issue-content';
import { issueMarkdown, uniqueNumber, uniqueSlug } from '../support/factories';
import { createScratchDatabase } from '../support/scratch-database';
import { AS_ADMIN, startTestApp, TestApp } from '../support/test-app';

const SAMPLE = readFileSync(join(__dirname, '..', '..', 'content', '2020-07.md'), 'utf8');
const PUBLISH = 'mutation($id: ID!) { publishIssue(id: $id) { id } }';
const UNPUBLISH = 'mutation($id: ID!) { unpublishIssue(id: $id) { id } }';
const IMPORT = 'mutation($md: String!) { importIssue(markdown: $md, replacePublished: true) { issue { id } } }';
const RESTORE = 'mutation($id: ID!) { restoreIssueRevision(revisionId: $id) { id slug } }';
const LIST = `query($id: ID!, $first: Int, $after: String) {
  issueRevisions(issueId: $id, first: $first, after: $after) {
    edges { cursor node { id issueId issueVersion createdAt createdBy markdown } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function parsed(markdown: string) {
  const result = parseIssueMarkdown(markdown);
  if (!result.ok) throw new Error(`does not parse: ${JSON.stringify(result.errors)}`);
  return result.issue;
}

/** A database of its own: restores emit webhook events, which must not reach other specs' webhooks. */
describe('revisions', () => {
  let t: TestApp;
  let drop: () => Promise<void>;
  let editor: Record<string, string>;
  let publisher: Record<string, string>;

  beforeAll(async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    t = await startTestApp({}, scratch.url);
    editor = await t.tokenFor('EDITOR');
    publisher = await t.tokenFor('PUBLISHER');
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  const ok = async (query: string, variables: Record<string, unknown>, headers = AS_ADMIN) => {
    const { body } = await t.gql(query, variables, headers);
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const revisionsOf = (id: string): Promise<Array<{ id: string; issue_version: number; markdown: string; created_by: string }>> =>
    t.dataSource.query('SELECT id, issue_version, markdown, created_by FROM issue_revision WHERE issue_id = $1 ORDER BY issue_version', [id]);
  const row = async (id: string) => (await t.dataSource.query('SELECT status, version, published_at FROM issue WHERE id = $1', [id]))[0];
  const bodies = async (id: string) => (await t.dataSource.query('SELECT number, body FROM article WHERE issue_id = $1 ORDER BY number', [id])).map((a: { number: string; body: string }) => `${a.number}: ${a.body}`);

  /** Two published revisions: v1 as imported, v2 with every body rewritten (imported over the published issue). */
  async function twoRevisions() {
    const v1 = issueMarkdown({ sections: [2, 1] });
    const v2 = v1.markdown.replace(/正文 (\d\.\d)/g, 'Rewritten $1');
    const { issue } = await t.importer.importMarkdown(v1.markdown);
    await ok(PUBLISH, { id: issue.id });
    const v1Bodies = await bodies(issue.id);
    await ok(IMPORT, { md: v2 });
    await ok(UNPUBLISH, { id: issue.id });
    await ok(PUBLISH, { id: issue.id });
    const [first, second] = await revisionsOf(issue.id);
    return { id: issue.id, slug: v1.slug, v1Bodies, first, second };
  }

  it('every publish stores one revision that reads back as the whole issue', async () => {
    const slug = uniqueSlug('sample');
    const source = SAMPLE.replace('slug: 2020-07', `slug: ${slug}`).replace('number: 2\n', `number: ${uniqueNumber()}\n`);
    const { issue } = await t.importer.importMarkdown(source);
    expect(await revisionsOf(issue.id)).toEqual([]);
    await ok(PUBLISH, { id: issue.id });
    const [revision, ...more] = await revisionsOf(issue.id);
    expect(more).toEqual([]);
    expect(revision).toMatchObject({ issue_version: (await row(issue.id)).version, created_by: 'bootstrap admin' });
    expect(sameContent(parsed(revision.markdown), parsed(source))).toBe(true);
    // Publishing a published issue changes nothing and stores nothing.
    await ok(PUBLISH, { id: issue.id });
    expect(await revisionsOf(issue.id)).toHaveLength(1);
    await ok(UNPUBLISH, { id: issue.id });
    await ok(PUBLISH, { id: issue.id }, publisher);
    const versions = (await revisionsOf(issue.id)).map((r) => [r.issue_version, r.created_by]);
    expect(versions).toEqual([[revision.issue_version, 'bootstrap admin'], [(await row(issue.id)).version, expect.stringMatching(/^publisher-/)]]);
  });

  it('a publish that fails after the snapshot stores no revision', async () => {
    const { issue } = await t.importer.importMarkdown(issueMarkdown().markdown);
    let seenInside: unknown;
    t.app.get(PublishingService).onPublish(async (m, published) => {
      if (published.id !== issue.id) return;
      seenInside = await m.query('SELECT created_by FROM issue_revision WHERE issue_id = $1', [issue.id]);
      throw new Error('a later hook failed');
    });
    const { body } = await t.gql(PUBLISH, { id: issue.id }, AS_ADMIN);
    expect(body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect((await row(issue.id)).status).toBe('DRAFT');
    expect(seenInside).toEqual([{ created_by: 'bootstrap admin' }]);
    expect(await revisionsOf(issue.id)).toEqual([]);
  });

  it('issueRevisions lists them newest first, one page at a time, to an EDITOR', async () => {
    const { id, first, second } = await twoRevisions();
    const page1 = (await ok(LIST, { id, first: 1 }, editor)).issueRevisions;
    expect(page1.edges.map((e: any) => e.node)).toEqual([
      { id: second.id, issueId: id, issueVersion: second.issue_version, createdAt: expect.any(String), createdBy: 'bootstrap admin', markdown: second.markdown },
    ]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await ok(LIST, { id, first: 1, after: page1.pageInfo.endCursor }, editor)).issueRevisions;
    expect(page2.edges.map((e: any) => e.node.id)).toEqual([first.id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(first.issue_version).toBeLessThan(second.issue_version);
  });

  it('issueRevisions refuses bad arguments with codes', async () => {
    const { id } = await twoRevisions();
    const code = async (variables: Record<string, unknown>) => (await t.gql(LIST, variables, editor)).body.errors?.[0].extensions;
    expect(await code({ id, first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await code({ id, after: 'nonsense' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await code({ id: 'not-a-uuid' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issueId' });
    expect(await code({ id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'NOT_FOUND', field: 'issueId' });
  });

  it('restoring the first revision of a published issue brings its content back as a draft, in one audited change', async () => {
    const { id, slug, v1Bodies, first, second } = await twoRevisions();
    expect(await bodies(id)).not.toEqual(v1Bodies);
    await t.dataSource.query(`INSERT INTO webhook (url, events, secret) VALUES ('http://127.0.0.1:9/hook', '{issue.unpublished}', 'a-secret-of-some-length-0123456789')`);
    const unpublishEvents = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE event = 'issue.unpublished' AND payload->'object'->>'id' = $1`, [id]))[0].n;

    const data = await ok(RESTORE, { id: first.id }, publisher);
    expect(data.restoreIssueRevision).toEqual({ id, slug });
    expect(await bodies(id)).toEqual(v1Bodies);
    expect(await row(id)).toMatchObject({ status: 'DRAFT', published_at: null });
    expect((await t.gql('query($s: String!) { issue(slug: $s) { id } }', { s: slug })).body.data!.issue).toBeNull();
    expect(await unpublishEvents()).toBe(1);
    const [audit] = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE object_id = $1 ORDER BY id DESC LIMIT 1`, [id]);
    expect(audit).toEqual({ action: 'restoreIssueRevision', details: expect.objectContaining({ revisionId: first.id, issueVersion: first.issue_version, from: 'PUBLISHED' }) });
    // A restore stores no revision; publishing the restored draft stores one equal to the first.
    expect((await revisionsOf(id)).map((r) => r.id)).toEqual([first.id, second.id]);
    await ok(PUBLISH, { id });
    const third = (await revisionsOf(id))[2];
    expect(sameContent(parsed(third.markdown), parsed(first.markdown))).toBe(true);
    expect(sameContent(parsed(third.markdown), parsed(second.markdown))).toBe(false);
  });

  it('an EDITOR restores drafts only: a published or scheduled issue needs PUBLISHER, and a refused restore changes nothing', async () => {
    const { id, v1Bodies, first } = await twoRevisions();
    const v2Bodies = await bodies(id);
    const refused = async () => (await t.gql(RESTORE, { id: first.id }, editor)).body.errors?.[0].extensions?.code;
    expect(await refused()).toBe('FORBIDDEN');
    expect(await bodies(id)).toEqual(v2Bodies);
    expect((await row(id)).status).toBe('PUBLISHED');
    await t.dataSource.query(`UPDATE issue SET status = 'SCHEDULED', scheduled_at = now() + interval '1 day' WHERE id = $1`, [id]);
    expect(await refused()).toBe('FORBIDDEN');
    expect((await row(id)).status).toBe('SCHEDULED');
    await t.dataSource.query(`UPDATE issue SET status = 'DRAFT', scheduled_at = NULL WHERE id = $1`, [id]);
    await ok(RESTORE, { id: first.id }, editor);
    expect(await bodies(id)).toEqual(v1Bodies);
    const actions = await t.dataSource.query(`SELECT action FROM audit_log WHERE object_id = $1 AND action = 'restoreIssueRevision'`, [id]);
    expect(actions).toHaveLength(1);
  });

  it('restores into a renamed issue, which keeps its new slug', async () => {
    const { id, v1Bodies, first } = await twoRevisions();
    const renamed = uniqueSlug('renamed');
    await t.dataSource.query('UPDATE issue SET slug = $2 WHERE id = $1', [id, renamed]);
    const data = await ok(RESTORE, { id: first.id }, publisher);
    expect(data.restoreIssueRevision).toEqual({ id, slug: renamed });
    expect(await bodies(id)).toEqual(v1Bodies);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM issue WHERE slug = $1', [parsed(first.markdown).slug])).toEqual([{ n: 0 }]);
  });

  it('content edited outside the authoring format (a body with its own ## heading) still publishes and restores', async () => {
    const { id, first } = await twoRevisions();
    const body = 'Intro.\n\n## Background\n\nMore [1].';
    await t.dataSource.query(`UPDATE article SET body = $2 WHERE issue_id = $1 AND number = '1.1'`, [id, body]);
    await ok(UNPUBLISH, { id });
    await ok(PUBLISH, { id });
    const edited = (await revisionsOf(id))[2];
    await ok(RESTORE, { id: first.id }, publisher);
    await ok(RESTORE, { id: edited.id }, publisher);
    const [article] = await t.dataSource.query(`SELECT body FROM article WHERE issue_id = $1 AND number = '1.1'`, [id]);
    expect(article.body).toBe('Intro.\n\n ## Background\n\nMore [1].');
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM article WHERE issue_id = $1', [id]))[0].n).toBe(3);
  });

  it('needs a token, and names unknown or malformed revisions', async () => {
    const { id, first } = await twoRevisions();
    expect((await t.gql(LIST, { id })).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(RESTORE, { id: first.id })).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const restore = async (revisionId: string) => (await t.gql(RESTORE, { id: revisionId }, publisher)).body.errors?.[0].extensions;
    expect(await restore('00000000-0000-4000-8000-000000000000')).toMatchObject({ code: 'NOT_FOUND', field: 'revisionId' });
    expect(await restore('nope')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'revisionId' });
  });
});
