import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue, uniqueNumber, uniqueSlug } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const ID = '00000000-0000-4000-8000-000000000000';
/** Valid values, so a missing guard would show up as a row. */
const SLUG = uniqueSlug('unauth');
const NAME = `Unauth ${SLUG}`;

/** Every editing operation, with arguments of the right shape: the guard answers before any of them is read. */
const OPERATIONS: Array<[string, string]> = [
  ['createIssue', `mutation { createIssue(input: { slug: "${SLUG}", number: ${uniqueNumber()}, title: "x", period: "2024-01" }) { id } }`],
  ['updateIssue', `mutation { updateIssue(id: "${ID}", input: { title: "x" }, expectedVersion: 1) { id } }`],
  ['createSection', `mutation { createSection(input: { issueId: "${ID}", number: 1, title: "x" }) { id } }`],
  ['updateSection', `mutation { updateSection(id: "${ID}", input: { title: "x" }, expectedVersion: 1) { id } }`],
  ['deleteSection', `mutation { deleteSection(id: "${ID}") { id } }`],
  ['createArticle', `mutation { createArticle(input: { sectionId: "${ID}", number: "1.1", title: "x" }) { id } }`],
  ['updateArticle', `mutation { updateArticle(id: "${ID}", input: { body: "x" }, expectedVersion: 1) { id } }`],
  ['deleteArticle', `mutation { deleteArticle(id: "${ID}") { id } }`],
  ['moveArticle', `mutation { moveArticle(id: "${ID}", sectionId: "${ID}", position: 0) { id } }`],
  ['setArticleReferences', `mutation { setArticleReferences(articleId: "${ID}", references: []) { id } }`],
  ['upsertContributor', `mutation { upsertContributor(input: { name: "${NAME}" }) { id } }`],
  ['renameContributor', 'mutation { renameContributor(slug: "x", name: "y") { id } }'],
  ['mergeContributors', 'mutation { mergeContributors(fromSlug: "x", intoSlug: "y") { id } }'],
  ['editableIssue', `{ editableIssue(id: "${ID}") { id } }`],
  ['editableSection', `{ editableSection(id: "${ID}") { id } }`],
  ['editableArticle', `{ editableArticle(id: "${ID}") { id } }`],
];

describe('editing permissions', () => {
  let t: TestApp;
  // Many deliberate failures below: keep the per-address limiter out of this spec's way.
  beforeAll(async () => (t = await startTestApp({ AUTH_FAILURES_PER_MINUTE: '1000' })));
  afterAll(() => t.close());

  it.each(OPERATIONS)('%s without a token, with an unknown one or a non-bearer one is UNAUTHENTICATED and writes nothing', async (_name, query) => {
    for (const headers of [{}, { authorization: 'Bearer km_not-a-real-token' }, { authorization: 'Basic abc' }]) {
      const { body } = await t.gql(query, {}, headers);
      expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      for (const value of Object.values(body.data ?? {})) expect(value).toBeNull();
    }
    expect(await t.dataSource.query('SELECT id FROM issue WHERE slug = $1 UNION ALL SELECT id FROM contributor WHERE name = $2', [SLUG, NAME])).toEqual([]);
  });

  it('EDITOR, the lowest role, may run every editing operation (so no FORBIDDEN case exists)', async () => {
    const editor = await t.tokenFor('EDITOR');
    const [{ start }] = await t.dataSource.query('SELECT coalesce(max(id), 0)::int AS start FROM audit_log');
    const run = async (query: string, variables: Record<string, unknown> = {}) => {
      const { body } = await t.gql(query, variables, editor);
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    const issue = (await run('mutation($i: CreateIssueInput!) { createIssue(input: $i) { id version } }', { i: { slug: uniqueSlug('auth'), number: uniqueNumber(), title: 'x', period: '2024-01' } })).createIssue;
    await run('mutation($id: ID!) { updateIssue(id: $id, input: { title: "y" }, expectedVersion: 1) { id } }', { id: issue.id });
    const section = (await run('mutation($id: ID!) { createSection(input: { issueId: $id, number: 1, title: "s" }) { id } }', { id: issue.id })).createSection;
    const other = (await run('mutation($id: ID!) { createSection(input: { issueId: $id, number: 2, title: "t" }) { id } }', { id: issue.id })).createSection;
    await run('mutation($id: ID!) { updateSection(id: $id, input: { title: "s2" }, expectedVersion: 1) { id } }', { id: section.id });
    const name = `Auth Person ${uniqueSlug()}`;
    const article = (await run('mutation($s: ID!, $n: String!) { createArticle(input: { sectionId: $s, number: "1.1", title: "a", authors: [$n] }) { id } }', { s: section.id, n: name })).createArticle;
    await run('mutation($id: ID!) { updateArticle(id: $id, input: { body: "b" }, expectedVersion: 1) { id } }', { id: article.id });
    await run('mutation($id: ID!, $s: ID!) { moveArticle(id: $id, sectionId: $s, position: 0) { id } }', { id: article.id, s: other.id });
    await run('mutation($id: ID!) { setArticleReferences(articleId: $id, references: [{ label: "1", url: "https://lwn.net/Articles/1/" }]) { id } }', { id: article.id });
    await run('query($i: ID!, $s: ID!, $a: ID!) { editableIssue(id: $i) { id } editableSection(id: $s) { id } editableArticle(id: $a) { id } }', { i: issue.id, s: other.id, a: article.id });
    const slugs = [uniqueSlug('p'), uniqueSlug('q')];
    await run('mutation($n: String!, $s: String!) { upsertContributor(input: { name: $n, slug: $s }) { id } }', { n: name, s: slugs[0] });
    await run('mutation($n: String!, $s: String!) { upsertContributor(input: { name: $n, slug: $s }) { id } }', { n: `${name} 2`, s: slugs[1] });
    await run('mutation($s: String!, $n: String!) { renameContributor(slug: $s, name: $n) { id } }', { s: slugs[1], n: `${name} II` });
    await run('mutation($f: String!, $i: String!) { mergeContributors(fromSlug: $f, intoSlug: $i) { id } }', { f: slugs[1], i: slugs[0] });
    await run('mutation($id: ID!) { deleteArticle(id: $id) { id } }', { id: article.id });
    await run('mutation($id: ID!) { deleteSection(id: $id) { id } }', { id: other.id });
    const actions = await t.dataSource.query(`SELECT DISTINCT action FROM audit_log WHERE id > $1 AND token_name LIKE 'editor-%' AND action = ANY($2)`, [start, OPERATIONS.map(([op]) => op)]);
    expect(actions.map((a: { action: string }) => a.action).sort()).toEqual(OPERATIONS.map(([op]) => op).filter((op) => !op.startsWith('editable')).sort());
  });

  it('higher roles include EDITOR: PUBLISHER and ADMIN tokens edit too', async () => {
    const made = await makeIssue(t, { status: IssueStatus.DRAFT });
    for (const role of ['PUBLISHER', 'ADMIN'] as const) {
      const headers = await t.tokenFor(role);
      const [{ version }] = await t.dataSource.query('SELECT version FROM issue WHERE id = $1', [made.id]);
      const { body } = await t.gql('mutation($id: ID!, $v: Int!, $t: String!) { updateIssue(id: $id, input: { title: $t }, expectedVersion: $v) { title version } }', { id: made.id, v: version, t: role }, headers);
      expect(body).toEqual({ data: { updateIssue: { title: role, version: version + 1 } } });
    }
  });
});
