import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue, uniqueNumber, uniqueSlug } from '../support/factories';
import { SearchTestApp, startSearchApp } from '../support/search-app';

/** A word no other document contains, so search finds exactly what we put there. */
const word = () => `zq${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 8)}x`;

describe('edits reach search, webhooks and the public API only when the issue is published', () => {
  let t: SearchTestApp;
  let editor: Record<string, string>;
  const ok = async (query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await t.gql(query, variables, editor);
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const articleOf = async (issueId: string, number: string) =>
    (await t.dataSource.query('SELECT id, version FROM article WHERE issue_id = $1 AND number = $2', [issueId, number]))[0] as { id: string; version: number };
  const deliveries = async (objectId: string) =>
    (await t.dataSource.query(`SELECT event FROM webhook_delivery WHERE payload->'object'->>'id' = $1 ORDER BY created_at, event`, [objectId])).map((r: { event: string }) => r.event);
  const updateBody = async (id: string, version: number, body: string) =>
    ok('mutation($id: ID!, $v: Int!, $b: String!) { updateArticle(id: $id, input: { body: $b }, expectedVersion: $v) { version } }', { id, v: version, b: body });

  beforeAll(async () => {
    t = await startSearchApp();
    editor = await t.tokenFor('EDITOR');
    await t.dataSource.query(`INSERT INTO webhook (url, events, secret) VALUES ('https://hooks.example.org/editing', '{issue.updated,article.updated,article.deleted}', 'secret-0123456789abcdef')`);
  });
  afterAll(() => t.dispose());

  it('updateArticle on a published article is searchable after the outbox drains, and the old text is gone', async () => {
    const made = await makeIssue(t, { sections: [2] });
    const [before, after] = [word(), word()];
    const article = await articleOf(made.id, '1.2');
    const first = await updateBody(article.id, article.version, `正文 ${before}`);
    await t.drain();
    expect((await t.search(before)).numbers).toEqual(['1.2']);
    await updateBody(article.id, first.updateArticle.version, `正文 ${after}`);
    await t.drain();
    expect((await t.search(after)).numbers).toEqual(['1.2']);
    expect((await t.search(before)).body.data.search.totalHits).toBe(0);
    expect(await deliveries(article.id)).toEqual(['article.updated', 'article.updated']);
  });

  it('created, moved, referenced and deleted articles follow in search; section and issue edits too', async () => {
    const made = await makeIssue(t, { sections: [1, 1] });
    const sections = await t.dataSource.query('SELECT id FROM section WHERE issue_id = $1 ORDER BY number', [made.id]);
    const [fresh, cited, sectionWord] = [word(), word(), word()];
    const created = (await ok('mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }', { i: { sectionId: sections[0].id, number: '1.5', title: `新 ${fresh}`, body: '正文' } })).createArticle;
    await ok('mutation($id: ID!, $s: ID!) { moveArticle(id: $id, sectionId: $s, position: 0) { id } }', { id: created.id, s: sections[1].id });
    await ok('mutation($id: ID!, $r: [ReferenceInput!]!) { setArticleReferences(articleId: $id, references: $r) { id } }', { id: created.id, r: [{ label: '1', url: 'https://lwn.net/Articles/999/', title: `LWN ${cited}` }] });
    const [section] = await t.dataSource.query('SELECT id, version FROM section WHERE id = $1', [sections[1].id]);
    await ok('mutation($id: ID!, $v: Int!, $t: String!) { updateSection(id: $id, input: { title: $t }, expectedVersion: $v) { id } }', { id: section.id, v: section.version, t: `章节 ${sectionWord}` });
    const newSlug = uniqueSlug('moved');
    const [issue] = await t.dataSource.query('SELECT version FROM issue WHERE id = $1', [made.id]);
    await ok('mutation($id: ID!, $v: Int!, $s: String!) { updateIssue(id: $id, input: { slug: $s }, expectedVersion: $v) { id } }', { id: made.id, v: issue.version, s: newSlug });
    await t.drain();
    const found = await t.search(fresh, '', { filter: { sectionTitle: `章节 ${sectionWord}`, issueSlug: newSlug } });
    expect(found.body.data.search.hits.map((h: any) => [h.article.number, h.article.issue.slug])).toEqual([['1.5', newSlug]]);
    expect((await t.search(cited)).numbers).toEqual(['1.5']);
    expect(await deliveries(created.id)).toEqual(['article.updated', 'article.updated', 'article.updated']);
    expect(await deliveries(made.id)).toEqual(['issue.updated', 'issue.updated']);
    await ok('mutation($id: ID!) { deleteArticle(id: $id) { id } }', { id: created.id });
    await t.drain();
    expect((await t.search(fresh)).body.data.search.totalHits).toBe(0);
    expect(await deliveries(created.id)).toEqual(['article.updated', 'article.updated', 'article.updated', 'article.deleted']);
  });

  it('deleteSection with deleteArticles removes its articles from search and announces each', async () => {
    const marker = word();
    const made = await makeIssue(t, { sections: [1, 2] });
    const doomed = await t.dataSource.query(`SELECT a.id FROM article a JOIN section s ON s.id = a.section_id WHERE s.issue_id = $1 AND s.number = 2 ORDER BY a.number`, [made.id]);
    for (const a of doomed) await updateBody(a.id, 1, `正文 ${marker}`);
    await t.drain();
    expect((await t.search(marker)).numbers.sort()).toEqual(['2.1', '2.2']);
    const [section] = await t.dataSource.query('SELECT id FROM section WHERE issue_id = $1 AND number = 2', [made.id]);
    await ok('mutation($id: ID!) { deleteSection(id: $id, deleteArticles: true) { id } }', { id: section.id });
    await t.drain();
    expect((await t.search(marker)).body.data.search.totalHits).toBe(0);
    for (const a of doomed) expect(await deliveries(a.id)).toEqual(['article.updated', 'article.deleted']);
  });

  it('mergeContributors and renameContributor re-index: the article is found under the surviving author', async () => {
    const [from, into] = [`From ${uniqueSlug()}`, `Into ${uniqueSlug()}`];
    const made = await makeIssue(t, { sections: [1], authors: () => [from] });
    await makeIssue(t, { sections: [1], authors: () => [into] });
    const slugOf = async (name: string) => (await t.dataSource.query('SELECT slug FROM contributor WHERE name = $1', [name]))[0].slug as string;
    const [fromSlug, intoSlug] = [await slugOf(from), await slugOf(into)];
    await ok('mutation($f: String!, $i: String!) { mergeContributors(fromSlug: $f, intoSlug: $i) { slug } }', { f: fromSlug, i: intoSlug });
    const renamed = `Renamed ${word()}`;
    await ok('mutation($s: String!, $n: String!) { renameContributor(slug: $s, name: $n) { slug } }', { s: intoSlug, n: renamed });
    await t.drain();
    const byInto = await t.search('正文', '', { filter: { authorSlug: intoSlug, issueSlug: made.slug } });
    expect(byInto.numbers).toEqual(['1.1']);
    expect((await t.search('正文', '', { filter: { authorSlug: fromSlug } })).body.data.search.totalHits).toBe(0);
    expect((await t.search(renamed.split(' ')[1])).numbers.length).toBe(2);
    const [article] = await t.dataSource.query('SELECT id FROM article WHERE issue_id = $1', [made.id]);
    expect(await deliveries(article.id)).toEqual(['article.updated']);
  });

  it('an issue built and edited through mutations stays out of every public query, search and webhook until published', async () => {
    const secret = word();
    const slug = uniqueSlug('draft');
    const author = `Draft Author ${word()}`;
    const issue = (await ok('mutation($i: CreateIssueInput!) { createIssue(input: $i) { id version } }', { i: { slug, number: uniqueNumber(), title: `草稿 ${secret}`, period: '2024-03' } })).createIssue;
    const section = (await ok('mutation($id: ID!) { createSection(input: { issueId: $id, number: 1, title: "节" }) { id } }', { id: issue.id })).createSection;
    const article = (await ok('mutation($i: CreateArticleInput!) { createArticle(input: $i) { id slug version issue { slug } } }', {
      i: { sectionId: section.id, number: '1.1', title: `Secret ${secret}`, body: `正文 ${secret}`, authors: [author] },
    })).createArticle;
    // The editor who made it sees it in the mutation's answer...
    expect(article.issue.slug).toBe(slug);
    await updateBody(article.id, article.version, `更新 ${secret}`);
    await ok('mutation($id: ID!) { setArticleReferences(articleId: $id, references: [{ label: "1", url: "https://lwn.net/Articles/1/" }]) { id } }', { id: article.id });
    await t.drain();
    // ...and nobody else sees it anywhere.
    const pub = await t.gql(`query($s: String!, $id: ID!, $a: String!, $c: String!) { issue(slug: $s) { id } article(id: $id) { id } articleBySlug(issueSlug: $s, slug: $a) { id }
      issues(first: 100) { edges { node { slug } } } contributor(slug: $c) { id } latestIssue { slug } }`, { s: slug, id: article.id, a: article.slug, c: author.toLowerCase().replace(/[^a-z0-9]+/g, '-') });
    expect(pub.body.errors).toBeUndefined();
    expect(pub.body.data).toMatchObject({ issue: null, article: null, articleBySlug: null, contributor: null });
    expect(JSON.stringify(pub.body.data)).not.toContain(slug);
    expect((await t.search(secret)).body.data.search.totalHits).toBe(0);
    expect([...(await deliveries(issue.id)), ...(await deliveries(article.id))]).toEqual([]);
    // Publishing is what makes the same edits public.
    const publisher = await t.tokenFor('PUBLISHER');
    expect((await t.gql('mutation($id: ID!) { publishIssue(id: $id) { id } }', { id: issue.id }, publisher)).body.errors).toBeUndefined();
    await t.drain();
    expect((await t.search(secret)).numbers).toEqual(['1.1']);
  });
});
