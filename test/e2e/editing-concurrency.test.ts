import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue, uniqueNumber, uniqueSlug } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const CLIENTS = 20;
const UPDATE = 'mutation($id: ID!, $v: Int!, $i: UpdateArticleInput!) { updateArticle(id: $id, input: $i, expectedVersion: $v) { body version } }';
const READ = 'query($id: ID!) { editableArticle(id: $id) { body version } }';

type Errors = Array<{ extensions?: Record<string, any> }> | undefined;
const codes = (results: Array<{ body: { errors?: Errors } }>) => results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK');
const count = (list: string[], value: string) => list.filter((x) => x === value).length;

describe('editing under concurrency: optimistic versions, locks and constraints', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  const articleOf = async (issueId: string, number = '1.1') =>
    (await t.dataSource.query('SELECT id, body, version FROM article WHERE issue_id = $1 AND number = $2', [issueId, number]))[0] as { id: string; body: string; version: number };

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.tokenFor('EDITOR');
  });
  afterAll(() => t.close());

  it(`${CLIENTS} updates with the same expectedVersion: exactly one lands, the rest get CONFLICT with the current version`, async () => {
    const made = await makeIssue(t, { status: IssueStatus.DRAFT });
    const start = await articleOf(made.id);
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => t.gql(UPDATE, { id: start.id, v: start.version, i: { body: `edit by client ${i}` } }, editor)),
    );
    const outcome = codes(results);
    expect(count(outcome, 'OK')).toBe(1);
    expect(count(outcome, 'CONFLICT')).toBe(CLIENTS - 1);
    const winner = results.find((r) => !r.body.errors)!.body.data!.updateArticle;
    expect(winner.version).toBe(start.version + 1);
    for (const loser of results.filter((r) => r.body.errors)) {
      expect(loser.body.errors![0].extensions).toMatchObject({ field: 'expectedVersion', currentVersion: start.version + 1 });
    }
    // The stored body is the winner's, and nobody else's write happened behind it.
    expect(await articleOf(made.id)).toMatchObject({ body: winner.body, version: start.version + 1 });
    const audits = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'updateArticle' AND object_id = $1`, [start.id]);
    expect(audits[0].n).toBe(1);
  });

  it(`${CLIENTS} clients that re-read and retry on CONFLICT all land their edit, none lost`, async () => {
    const made = await makeIssue(t, { status: IssueStatus.DRAFT });
    const start = await articleOf(made.id);
    const attempts: number[] = [];
    const client = async (i: number) => {
      for (let attempt = 1; attempt <= 100; attempt++) {
        const read = (await t.gql(READ, { id: start.id }, editor)).body.data!.editableArticle;
        const res = await t.gql(UPDATE, { id: start.id, v: read.version, i: { body: `${read.body}\n[client-${i}]` } }, editor);
        if (!res.body.errors) return attempts.push(attempt);
        expect(res.body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: expect.any(Number) });
      }
      throw new Error(`client ${i} never landed its edit`);
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const end = await articleOf(made.id);
    expect(end.version).toBe(start.version + CLIENTS);
    for (let i = 0; i < CLIENTS; i++) expect(end.body.split(`[client-${i}]`)).toHaveLength(2);
    expect(end.body.startsWith(start.body)).toBe(true);
    // Had every client landed first time, there was no contention and this test proved nothing.
    expect(Math.max(...attempts)).toBeGreaterThan(1);
  });

  it('concurrent creates with one article number: the issue lock lets exactly one through', async () => {
    const made = await makeIssue(t, { status: IssueStatus.DRAFT, sections: [1, 1] });
    const sections = await t.dataSource.query('SELECT id FROM section WHERE issue_id = $1 ORDER BY number', [made.id]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.gql('mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }', { i: { sectionId: sections[i % 2].id, number: '3.1', title: `Racer ${i}` } }, editor),
      ),
    );
    expect(codes(results).sort()).toEqual(['OK', ...Array(9).fill('BAD_USER_INPUT')].sort());
    for (const r of results.filter((x) => x.body.errors)) expect(r.body.errors![0].extensions!.field).toBe('input.number');
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM article WHERE issue_id = $1 AND number = '3.1'`, [made.id]);
    expect(rows[0].n).toBe(1);
  });

  it('concurrent createIssue with one slug: one lands, the others get BAD_USER_INPUT on input.slug, never a 500', async () => {
    const slug = uniqueSlug('race');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.gql('mutation($i: CreateIssueInput!) { createIssue(input: $i) { id } }', { i: { slug, number: uniqueNumber(), title: 'Race', period: '2024-05' } }, editor),
      ),
    );
    expect(codes(results).sort()).toEqual(['OK', ...Array(9).fill('BAD_USER_INPUT')].sort());
    for (const r of results.filter((x) => x.body.errors)) expect(r.body.errors![0].extensions!.field).toBe('input.slug');
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM issue WHERE slug = $1', [slug]))[0].n).toBe(1);
  });

  it('edits racing deleteArticle (which locks article before issue) end cleanly and consistently, never a 500', async () => {
    const made = await makeIssue(t, { status: IssueStatus.DRAFT, sections: [6] });
    const articles: Array<{ id: string; version: number }> = await t.dataSource.query('SELECT id, version FROM article WHERE issue_id = $1', [made.id]);
    const results = await Promise.all(
      articles.flatMap((a) => [
        t.gql(UPDATE, { id: a.id, v: a.version, i: { body: 'racing' } }, editor),
        t.gql('mutation($id: ID!) { deleteArticle(id: $id) { id } }', { id: a.id }, editor),
        t.gql('mutation($id: ID!) { setArticleReferences(articleId: $id, references: [{ label: "1" }]) { id } }', { id: a.id }, editor),
      ]),
    );
    const outcome = codes(results);
    // Losing a deadlock is retried; one that keeps losing is a CONFLICT ("retry"), never a masked 500.
    expect(outcome.filter((c) => !['OK', 'NOT_FOUND', 'CONFLICT'].includes(c))).toEqual([]);
    const deleted = outcome.filter((c, i) => i % 3 === 1 && c === 'OK').length;
    expect(deleted).toBeGreaterThan(0);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM article WHERE issue_id = $1', [made.id]))[0].n).toBe(articles.length - deleted);
  });

  it('concurrent moves within and across sections keep every section densely numbered', async () => {
    const made = await makeIssue(t, { status: IssueStatus.DRAFT, sections: [5, 5] });
    const sections: Array<{ id: string }> = await t.dataSource.query('SELECT id FROM section WHERE issue_id = $1 ORDER BY number', [made.id]);
    const articles: Array<{ id: string }> = await t.dataSource.query('SELECT id FROM article WHERE issue_id = $1 ORDER BY number', [made.id]);
    const moves = articles.map((a, i) =>
      t.gql('mutation($id: ID!, $s: ID!, $p: Int!) { moveArticle(id: $id, sectionId: $s, position: $p) { id } }', { id: a.id, s: sections[(i + 1) % 2].id, p: 0 }, editor),
    );
    expect(codes(await Promise.all(moves))).toEqual(Array(articles.length).fill('OK'));
    const positions = await t.dataSource.query('SELECT section_id, array_agg(position ORDER BY position) AS p FROM article WHERE issue_id = $1 GROUP BY section_id', [made.id]);
    for (const { p } of positions) expect(p).toEqual(Array.from({ length: p.length }, (_, i) => i));
    expect(positions.reduce((n: number, s: { p: number[] }) => n + s.p.length, 0)).toBe(articles.length);
  });
});
