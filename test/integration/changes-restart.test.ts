import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue, uniqueSlug } from '../support/factories';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApp, TestApp } from '../support/test-app';

const PAGE = `query($after: String, $first: Int) { changes(after: $after, first: $first) {
  edges { node { kind type id } } pageInfo { hasNextPage endCursor } } }`;

async function page(t: TestApp, after: string | null, first: number) {
  const res = await t.gql(PAGE, { after, first });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.changes as { edges: Array<{ node: { kind: string; type: string; id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

async function readAll(t: TestApp, after: string | null): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const p = await page(t, after, 100);
    out.push(...p.edges.map((e) => `${e.node.kind} ${e.node.type} ${e.node.id}`));
    after = p.pageInfo.endCursor ?? after;
    if (!p.pageInfo.hasNextPage) return out;
  }
}

async function tableChanges(t: TestApp, skip = 0): Promise<string[]> {
  const rows: Array<{ kind: string; entity_type: string; entity_id: string }> = await t.dataSource.query('SELECT kind, entity_type, entity_id FROM change ORDER BY id OFFSET $1', [skip]);
  return rows.map((r) => `${r.kind} ${r.entity_type.toUpperCase()} ${r.entity_id}`);
}

describe('the change stream across restarts', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let t: TestApp | undefined;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await t?.close();
    await scratch.drop();
  });

  async function restart(): Promise<TestApp> {
    await t?.close();
    t = await startTestApp({}, scratch.url);
    return t;
  }

  it('a cursor from before a restart continues with exactly the remaining changes', async () => {
    let app = await restart();
    await makeIssue(app, { sections: [2, 2] });
    const first = await page(app, null, 5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const stored = first.pageInfo.endCursor;

    app = await restart();
    const later = await makeIssue(app);
    const rest = await readAll(app, stored);
    expect(rest).toEqual(await tableChanges(app, 5));
    expect(rest).toContain(`UPSERT ISSUE ${later.id}`);
  });

  it('a database filled before the stream existed gets its published content recorded once, at startup', async () => {
    let app = await restart();
    const published = await makeIssue(app, { sections: [1, 2], editors: [`编辑 ${uniqueSlug()}`], authors: () => [`作者 ${uniqueSlug()}`] });
    const draft = await makeIssue(app, { status: IssueStatus.DRAFT });
    // As the tables were when the migration added them to a database that already had content.
    await app.dataSource.query('TRUNCATE change, public_entity');

    app = await restart();
    const all = await readAll(app, null);
    const [{ n }] = await app.dataSource.query(
      `SELECT (SELECT count(*) FROM issue WHERE status = 'PUBLISHED') + (SELECT count(*) FROM section s JOIN issue i ON i.id = s.issue_id WHERE i.status = 'PUBLISHED')
        + (SELECT count(*) FROM article a JOIN issue i ON i.id = a.issue_id WHERE i.status = 'PUBLISHED')
        + (SELECT count(*) FROM reference r JOIN article a ON a.id = r.article_id JOIN issue i ON i.id = a.issue_id WHERE i.status = 'PUBLISHED')
        + (SELECT count(*) FROM (SELECT ic.contributor_id FROM issue_contributor ic JOIN issue i ON i.id = ic.issue_id WHERE i.status = 'PUBLISHED'
             UNION SELECT ac.contributor_id FROM article_contributor ac JOIN article a ON a.id = ac.article_id JOIN issue i ON i.id = a.issue_id WHERE i.status = 'PUBLISHED') p) AS n`,
    );
    expect(all).toHaveLength(Number(n));
    expect(all.every((c) => c.startsWith('UPSERT '))).toBe(true);
    expect(all).toContain(`UPSERT ISSUE ${published.id}`);
    expect(all).not.toContain(`UPSERT ISSUE ${draft.id}`);

    // Only once: a further restart finds public_entity filled and records nothing.
    app = await restart();
    expect(await readAll(app, null)).toEqual(all);
  });
});
