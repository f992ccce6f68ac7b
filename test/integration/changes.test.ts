import { Role } from '../../src/auth/role';
import { ArticleEditingService } from '../../src/editing/article-editing.service';
import { ContributorEditingService } from '../../src/editing/contributor-editing.service';
import { IssueStatus } from '../../src/issues/issue.entity';
import { PublishingService } from '../../src/publishing/publishing.service';
import { issueMarkdown, makeIssue, uniqueSlug } from '../support/factories';
import { SearchTestApp, startSearchApp } from '../support/search-app';

const TEST_ADMIN = { id: null, name: 'test', role: Role.ADMIN };

type Seen = { kind: string; type: string; id: string; issueId: string | null };

const CHANGES = `query($after: String, $first: Int) { changes(after: $after, first: $first) {
  edges { cursor node { kind type id issueId changedAt } } pageInfo { hasNextPage endCursor } } }`;

/** Every change after `cursor`, page by page, through the public API. */
async function changesSince(t: SearchTestApp, cursor: string | null, first = 100): Promise<{ changes: Seen[]; cursor: string | null }> {
  const changes: Seen[] = [];
  for (;;) {
    const res = await t.gql(CHANGES, { after: cursor, first });
    expect(res.body.errors).toBeUndefined();
    const page = res.body.data!.changes;
    changes.push(...page.edges.map((e: { node: Seen }) => ({ kind: e.node.kind, type: e.node.type, id: e.node.id, issueId: e.node.issueId })));
    cursor = page.pageInfo.endCursor ?? cursor;
    if (!page.pageInfo.hasNextPage) return { changes, cursor };
  }
}

async function latest(t: SearchTestApp): Promise<string | null> {
  return (await t.gql('{ latestChangeCursor }')).body.data!.latestChangeCursor;
}

const keys = (changes: Seen[]) => changes.map((c) => `${c.kind} ${c.type} ${c.id}`).sort();
const ids = async (t: SearchTestApp, sql: string, params: unknown[]) => ((await t.dataSource.query(sql, params)) as Array<{ id: string }>).map((r) => r.id);

describe('the change stream', () => {
  let t: SearchTestApp;
  let publishing: PublishingService;
  let articles: ArticleEditingService;
  beforeAll(async () => {
    t = await startSearchApp();
    publishing = t.app.get(PublishingService);
    articles = t.app.get(ArticleEditingService);
  });
  afterAll(() => t.dispose());

  async function contentOf(issueId: string) {
    return {
      sections: await ids(t, 'SELECT id FROM section WHERE issue_id = $1', [issueId]),
      articles: await ids(t, 'SELECT id FROM article WHERE issue_id = $1', [issueId]),
      references: await ids(t, 'SELECT r.id FROM reference r JOIN article a ON a.id = r.article_id WHERE a.issue_id = $1', [issueId]),
      contributors: await ids(t, `SELECT contributor_id AS id FROM issue_contributor WHERE issue_id = $1
        UNION SELECT ac.contributor_id FROM article_contributor ac JOIN article a ON a.id = ac.article_id WHERE a.issue_id = $1`, [issueId]),
    };
  }

  it('publishing yields UPSERTs for the issue, its sections, articles, references and people', async () => {
    const from = await latest(t);
    const editor = `编辑 ${uniqueSlug()}`;
    const author = `作者 ${uniqueSlug()}`;
    const issue = await makeIssue(t, { sections: [2, 1], editors: [editor], authors: () => [author] });
    const c = await contentOf(issue.id);
    expect(c.contributors).toHaveLength(2);
    const { changes } = await changesSince(t, from);
    expect(keys(changes)).toEqual(
      [
        `UPSERT ISSUE ${issue.id}`,
        ...c.sections.map((id) => `UPSERT SECTION ${id}`),
        ...c.articles.map((id) => `UPSERT ARTICLE ${id}`),
        ...c.references.map((id) => `UPSERT REFERENCE ${id}`),
        ...c.contributors.map((id) => `UPSERT CONTRIBUTOR ${id}`),
      ].sort(),
    );
    expect(changes).toHaveLength(1 + 2 + 3 + 3 + 2);
    expect(changes.filter((x) => x.type !== 'CONTRIBUTOR').every((x) => x.issueId === issue.id)).toBe(true);
    expect(changes.filter((x) => x.type === 'CONTRIBUTOR').every((x) => x.issueId === null)).toBe(true);
  });

  it('never shows a draft: importing and editing one records nothing', async () => {
    const from = await latest(t);
    const draft = await makeIssue(t, { status: IssueStatus.DRAFT, authors: () => [`草稿作者 ${uniqueSlug()}`] });
    const [article] = await t.dataSource.query('SELECT id, version FROM article WHERE issue_id = $1 ORDER BY number LIMIT 1', [draft.id]);
    await articles.updateArticle(article.id, { body: '新的草稿正文 [1]' }, article.version, TEST_ADMIN);
    expect((await changesSince(t, from)).changes).toEqual([]);
    expect(await latest(t)).toBe(from);
    expect(await t.dataSource.query('SELECT 1 FROM change WHERE issue_id = $1', [draft.id])).toEqual([]);
  });

  it('editing a published article yields an UPSERT of that article only, new references replace the old ones', async () => {
    const issue = await makeIssue(t, { authors: () => [`作者 ${uniqueSlug()}`] });
    const [article] = await t.dataSource.query('SELECT id, version FROM article WHERE issue_id = $1 ORDER BY number LIMIT 1', [issue.id]);
    let from = await latest(t);
    const edited = await articles.updateArticle(article.id, { body: '改过的正文 cites [1].' }, article.version, TEST_ADMIN);
    expect(keys((await changesSince(t, from)).changes)).toEqual([`UPSERT ARTICLE ${article.id}`]);

    const oldRefs = await ids(t, 'SELECT id FROM reference WHERE article_id = $1', [article.id]);
    from = await latest(t);
    await articles.setArticleReferences(article.id, [{ label: '1', url: 'https://lwn.net/Articles/999999/' }], edited.version, TEST_ADMIN);
    const newRefs = await ids(t, 'SELECT id FROM reference WHERE article_id = $1', [article.id]);
    expect(keys((await changesSince(t, from)).changes)).toEqual([...oldRefs.map((id) => `DELETE REFERENCE ${id}`), ...newRefs.map((id) => `UPSERT REFERENCE ${id}`)].sort());
  });

  it('deleting an article yields DELETE tombstones for it and its references', async () => {
    const issue = await makeIssue(t, { sections: [2] });
    const [last] = await t.dataSource.query(`SELECT id FROM article WHERE issue_id = $1 AND number = '1.2'`, [issue.id]);
    const refs = await ids(t, 'SELECT id FROM reference WHERE article_id = $1', [last.id]);
    expect(refs).toHaveLength(1);
    const from = await latest(t);
    await publishing.deleteArticle(last.id, TEST_ADMIN);
    expect(keys((await changesSince(t, from)).changes)).toEqual([`DELETE ARTICLE ${last.id}`, ...refs.map((id) => `DELETE REFERENCE ${id}`)].sort());
  });

  it('unpublishing yields DELETEs for everything of the issue, and for people public only through it', async () => {
    const shared = `共同作者 ${uniqueSlug()}`;
    const only = `独有作者 ${uniqueSlug()}`;
    await makeIssue(t, { authors: () => [shared] });
    const issue = await makeIssue(t, { sections: [1, 1], authors: (s) => (s === 1 ? [shared] : [only]) });
    const c = await contentOf(issue.id);
    const [onlyId] = await ids(t, 'SELECT id FROM contributor WHERE name = $1', [only]);
    const from = await latest(t);
    await publishing.unpublishIssue(issue.id, TEST_ADMIN);
    const { changes } = await changesSince(t, from);
    expect(keys(changes)).toEqual(
      [
        `DELETE ISSUE ${issue.id}`,
        ...c.sections.map((id) => `DELETE SECTION ${id}`),
        ...c.articles.map((id) => `DELETE ARTICLE ${id}`),
        ...c.references.map((id) => `DELETE REFERENCE ${id}`),
        `DELETE CONTRIBUTOR ${onlyId}`,
      ].sort(),
    );
    // Tombstones come children first, so a mirror applying them in order never orphans a row.
    expect(changes.map((x) => x.type)).toEqual(['REFERENCE', 'REFERENCE', 'ARTICLE', 'ARTICLE', 'SECTION', 'SECTION', 'ISSUE', 'CONTRIBUTOR']);
  });

  it('renaming a public contributor yields an UPSERT of the contributor; merging one away yields its DELETE', async () => {
    const a = `甲 ${uniqueSlug()}`;
    const b = `乙 ${uniqueSlug()}`;
    const issue = await makeIssue(t, { sections: [2], authors: (_s, n) => (n === 1 ? [a] : [b]) });
    const [aRow] = await t.dataSource.query('SELECT id, slug FROM contributor WHERE name = $1', [a]);
    const [bRow] = await t.dataSource.query('SELECT id, slug FROM contributor WHERE name = $1', [b]);
    let from = await latest(t);
    await publishing.renameContributor(aRow.slug, `${a} 改名`, TEST_ADMIN);
    expect(keys((await changesSince(t, from)).changes)).toEqual([`UPSERT CONTRIBUTOR ${aRow.id}`]);

    from = await latest(t);
    await t.app.get(ContributorEditingService).mergeContributors(aRow.slug, bRow.slug, TEST_ADMIN);
    const [first] = await ids(t, `SELECT id FROM article WHERE issue_id = $1 AND number = '1.1'`, [issue.id]);
    // The article's author list now names b: it changed too.
    expect(keys((await changesSince(t, from)).changes)).toEqual([`DELETE CONTRIBUTOR ${aRow.id}`, `UPSERT ARTICLE ${first}`].sort());
  });

  it('republishing the same content after an unpublish brings it all back as UPSERTs', async () => {
    const { markdown } = issueMarkdown();
    const { issue } = await t.importer.importMarkdown(markdown, { publish: true });
    await publishing.unpublishIssue(issue.id, TEST_ADMIN);
    const from = await latest(t);
    await publishing.publishIssue(issue.id, TEST_ADMIN);
    const { changes } = await changesSince(t, from);
    expect(changes.every((x) => x.kind === 'UPSERT')).toBe(true);
    expect(changes.filter((x) => x.type === 'ISSUE').map((x) => x.id)).toEqual([issue.id]);
  });

  it('pages in id order with small pages and the same result as one big page', async () => {
    const all = await changesSince(t, null, 100);
    const small = await changesSince(t, null, 3);
    expect(small.changes).toEqual(all.changes);
    expect(small.cursor).toBe(await latest(t));
    const rows: Array<{ entity_id: string }> = await t.dataSource.query('SELECT entity_id FROM change ORDER BY id');
    expect(all.changes.map((c) => c.id)).toEqual(rows.map((r) => r.entity_id));
    expect(all.changes.length).toBeGreaterThan(3);
  });

  it.each([0, 101, -1])('rejects first: %d as BAD_USER_INPUT on first', async (first) => {
    const res = await t.gql(CHANGES, { first });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('rejects a cursor of another list as BAD_USER_INPUT on after', async () => {
    const res = await t.gql(CHANGES, { after: Buffer.from(JSON.stringify({ v: 1, k: ['x', 1] })).toString('base64url') });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
