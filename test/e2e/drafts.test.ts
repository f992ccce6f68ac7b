import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue, uniqueSlug } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Numbers far above what other specs use, so latestIssue is decided by this spec's own rows. */
const TOP = 2_100_000_000 + (process.pid % 1000) * 1000;

describe('drafts and scheduled issues are invisible to every public field', () => {
  let t: TestApp;
  const secret = `Secret Author ${uniqueSlug()}`;
  const hidden: Record<string, { id: string; slug: string; articleId: string; articleSlug: string }> = {};
  let published: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    published = await makeIssue(t, { number: TOP + 1 });
    for (const [status, offset] of [[IssueStatus.DRAFT, 3], [IssueStatus.SCHEDULED, 2]] as const) {
      const made = await makeIssue(t, { status, number: TOP + offset, previous: published.slug, authors: () => [secret], editors: [secret] });
      const [article] = await t.dataSource.query('SELECT id, slug FROM article WHERE issue_id = $1 ORDER BY position LIMIT 1', [made.id]);
      hidden[status] = { ...made, articleId: article.id, articleSlug: article.slug };
    }
  });
  afterAll(() => t.close());

  it.each([IssueStatus.DRAFT, IssueStatus.SCHEDULED])('%s: issue, article and articleBySlug are null', async (status) => {
    const h = hidden[status];
    const { body } = await t.gql('query($s: String!, $id: ID!, $a: String!) { issue(slug: $s) { id } article(id: $id) { id } articleBySlug(issueSlug: $s, slug: $a) { id } }', {
      s: h.slug,
      id: h.articleId,
      a: h.articleSlug,
    });
    expect(body).toEqual({ data: { issue: null, article: null, articleBySlug: null } });
  });

  it('latestIssue and next skip unpublished issues', async () => {
    const { body } = await t.gql('query($s: String!) { latestIssue { slug } issue(slug: $s) { next { slug } } }', { s: published.slug });
    expect(body.data).toEqual({ latestIssue: { slug: published.slug }, issue: { next: null } });
  });

  it('issues lists no unpublished issue', async () => {
    const { body } = await t.gql('{ issues(first: 100) { edges { node { slug } } } }');
    const slugs = body.data!.issues.edges.map((e: { node: { slug: string } }) => e.node.slug);
    expect(slugs).toContain(published.slug);
    expect(slugs).not.toContain(hidden.DRAFT.slug);
    expect(slugs).not.toContain(hidden.SCHEDULED.slug);
  });

  it('a contributor seen only in unpublished issues does not exist publicly, nor do their articles', async () => {
    const slug = secret.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const { body } = await t.gql('query($s: String!) { contributor(slug: $s) { id } contributors(first: 100) { edges { node { slug } } } }', { s: slug });
    expect(body.data!.contributor).toBeNull();
    expect(body.data!.contributors.edges.map((e: { node: { slug: string } }) => e.node.slug)).not.toContain(slug);
  });

  it("a published contributor's articles and edited issues leave out unpublished ones", async () => {
    const name = `Mixed Person ${uniqueSlug()}`;
    const open = await makeIssue(t, { authors: () => [name], editors: [name] });
    await makeIssue(t, { status: IssueStatus.DRAFT, authors: () => [name], editors: [name] });
    const { body } = await t.gql('query($s: String!) { contributor(slug: $s) { articles { edges { node { issue { slug } } } } editedIssues { edges { node { slug } } } } }', {
      s: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    });
    const c = body.data!.contributor;
    expect(new Set(c.articles.edges.map((e: any) => e.node.issue.slug))).toEqual(new Set([open.slug]));
    expect(c.editedIssues.edges).toEqual([{ node: { slug: open.slug } }]);
  });
});
