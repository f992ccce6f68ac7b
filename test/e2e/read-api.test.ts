import { makeIssue, uniqueNumber, uniqueSlug } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const made_suffix = uniqueSlug('a');
const ARTICLE_FIELDS = 'id number slug title body bodyHtml excerpt tags language authors { slug name } references { label url title kind externalId } section { number } issue { slug }';

describe('public read API over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('issue(slug) returns the issue tree with sections, articles, editors and articleCount', async () => {
    const editor = `编辑 ${uniqueSlug()}`;
    const made = await makeIssue(t, { sections: [2, 1], editors: [editor], authors: (s, a) => [`Author ${s}${a} ${made_suffix}`] });
    const { body } = await t.gql(`query($slug: String!) { issue(slug: $slug) { slug number title period articleCount editors { name }
      sections { number title issue { slug } articles { number position slug authors { name } references { label url kind externalId } } } } }`, { slug: made.slug });
    expect(body.errors).toBeUndefined();
    const issue = body.data!.issue;
    expect(issue).toMatchObject({ slug: made.slug, number: made.number, period: '2021-01', articleCount: 3, editors: [{ name: editor }] });
    expect(issue.sections.map((s: { number: number; articles: unknown[] }) => [s.number, s.articles.length])).toEqual([[1, 2], [2, 1]]);
    expect(issue.sections[0].issue.slug).toBe(made.slug);
    expect(issue.sections[0].articles[1]).toMatchObject({ number: '1.2', position: 1, authors: [{ name: `Author 12 ${made_suffix}` }] });
    expect(issue.sections[0].articles[0].references).toEqual([{ label: '1', url: 'https://lwn.net/Articles/800001/', kind: 'LWN', externalId: '800001' }]);
  });

  it('issue(slug) is null for an unknown slug', async () => {
    const { body } = await t.gql('{ issue(slug: "no-such-issue") { id } }');
    expect(body).toEqual({ data: { issue: null } });
  });

  it('article(id) and articleBySlug return the same article with rendered, sanitized HTML', async () => {
    const made = await makeIssue(t, { sections: [1] });
    const tree = await t.gql(`query($slug: String!) { issue(slug: $slug) { sections { articles { id slug } } } }`, { slug: made.slug });
    const { id, slug } = tree.body.data!.issue.sections[0].articles[0];
    const byId = await t.gql(`query($id: ID!) { article(id: $id) { ${ARTICLE_FIELDS} } }`, { id });
    const bySlug = await t.gql(`query($i: String!, $s: String!) { articleBySlug(issueSlug: $i, slug: $s) { ${ARTICLE_FIELDS} } }`, { i: made.slug, s: slug });
    expect(byId.body.data!.article).toEqual(bySlug.body.data!.articleBySlug);
    const article = byId.body.data!.article;
    expect(article).toMatchObject({ number: '1.1', language: 'zh-Hans', tags: ['test'], section: { number: 1 }, issue: { slug: made.slug } });
    expect(article.bodyHtml).toContain('<a href="https://lwn.net/Articles/800001/" class="citation" rel="noopener noreferrer nofollow">[1]</a>');
    expect(article.excerpt).toBe('正文 1.1 cites [1].');
  });

  it('bodyHtml never carries scripts or event handlers from the Markdown', async () => {
    const slug = uniqueSlug('xss');
    const markdown = `---\nslug: ${slug}\nnumber: ${Date.now() % 1_000_000_000}\ntitle: XSS\nperiod: 2021-02\n---\n## 1. S\n### 1.1 Evil\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) <a href="#" onclick="alert(4)">y</a>\n`;
    await t.importer.importMarkdown(markdown, { publish: true });
    const { body } = await t.gql(`{ articleBySlug(issueSlug: "${slug}", slug: "evil") { bodyHtml } }`);
    const html: string = body.data!.articleBySlug.bodyHtml;
    const tags = html.match(/<[^>]*>/g) ?? [];
    expect(tags).toEqual(['<p>', '</p>']);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('article lookups are null for unknown ids and slugs, and a malformed id is a bad input, not a 500', async () => {
    const unknown = await t.gql('{ article(id: "00000000-0000-4000-8000-000000000000") { id } articleBySlug(issueSlug: "nope", slug: "nope") { id } }');
    expect(unknown.body).toEqual({ data: { article: null, articleBySlug: null } });
    const malformed = await t.gql('{ article(id: "not-a-uuid") { id } }');
    expect(malformed.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('previous and next follow the slug links between published issues', async () => {
    const older = await makeIssue(t);
    const newer = await makeIssue(t, { previous: older.slug });
    const { body } = await t.gql(`query($a: String!, $b: String!) { a: issue(slug: $a) { next { slug } previous { slug } } b: issue(slug: $b) { previous { slug } next { slug } } }`, {
      a: older.slug,
      b: newer.slug,
    });
    expect(body.data).toEqual({ a: { next: { slug: newer.slug }, previous: null }, b: { previous: { slug: older.slug }, next: null } });
  });

  it('contributor(slug) lists their published articles and edited issues as connections', async () => {
    const name = `Paging Person ${uniqueSlug()}`;
    const base = uniqueNumber();
    const first = await makeIssue(t, { number: base, sections: [2], editors: [name], authors: () => [name] });
    const second = await makeIssue(t, { number: base + 1, sections: [1], authors: () => [name] }); // newer: listed first
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const page = (after?: string) =>
      t.gql(`query($s: String!, $after: String) { contributor(slug: $s) { name articles(first: 2, after: $after) { edges { node { number issue { slug } } } pageInfo { hasNextPage endCursor } } editedIssues { edges { node { slug } } } } }`, { s: slug, after });
    const one = (await page()).body.data!.contributor;
    expect(one.name).toBe(name);
    expect(one.editedIssues.edges).toEqual([{ node: { slug: first.slug } }]);
    expect(one.articles.edges.map((e: any) => `${e.node.issue.slug}/${e.node.number}`)).toEqual([`${second.slug}/1.1`, `${first.slug}/1.1`]);
    expect(one.articles.pageInfo.hasNextPage).toBe(true);
    const two = (await page(one.articles.pageInfo.endCursor)).body.data!.contributor;
    expect(two.articles.edges.map((e: any) => `${e.node.issue.slug}/${e.node.number}`)).toEqual([`${first.slug}/1.2`]);
    expect(two.articles.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
  });

  it('contributor(slug) is null for an unknown slug', async () => {
    expect((await t.gql('{ contributor(slug: "nobody-at-all") { id } }')).body).toEqual({ data: { contributor: null } });
  });
});

