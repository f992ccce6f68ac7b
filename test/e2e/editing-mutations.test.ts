import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue, uniqueNumber, uniqueSlug } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Names made from it slugify predictably: `Old Name n1a2b…` → `old-name-n1a2b…`. */
const made_suffix = uniqueSlug('n').replace('-', '');
const ISSUE = 'id slug number title period publisher summary publishedOn sourceUrl version editors { name slug }';
const SECTION = 'id number title intro version issue { id }';
const ARTICLE = 'id number position slug title body tags version authors { name slug } references { label url title kind externalId } section { id } issue { id }';

describe('editing mutations: happy paths', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  /** Runs as EDITOR and fails the test on any GraphQL error. */
  const ok = async (query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await t.gql(query, variables, editor);
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const order = async (sectionId: string) =>
    (await t.dataSource.query('SELECT number, position FROM article WHERE section_id = $1 ORDER BY position', [sectionId])).map((r: { number: string; position: number }) => `${r.position}:${r.number}`);
  const version = async (table: string, id: string) => (await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version;
  const audit = async (objectId: string) => (await t.dataSource.query('SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id', [objectId])).map((r: { action: string }) => r.action);
  const outbox = async (issueId: string) => (await t.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1', [issueId]))[0].n;

  let issue: { id: string; slug: string; version: number };
  let sections: Array<{ id: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.tokenFor('EDITOR');
  });
  afterAll(() => t.close());

  it('createIssue makes a DRAFT with every field, its editors, a search sync and an audit entry', async () => {
    const slug = uniqueSlug('ed');
    const number = uniqueNumber();
    const data = await ok(`mutation($i: CreateIssueInput!) { createIssue(input: $i) { ${ISSUE} } }`, {
      i: { slug, number, title: ' 内核月报 ', period: '2024-02', publisher: '泰晓科技', summary: '本期 **摘要**', publishedOn: '2024-02-29', sourceUrl: 'https://example.org/2024-02', previous: 'older-issue', editors: ['陈玮', 'Ann  Lee', '陈玮'] },
    });
    issue = data.createIssue;
    expect(issue).toEqual({
      id: expect.any(String), slug, number, title: '内核月报', period: '2024-02', publisher: '泰晓科技', summary: '本期 **摘要**', publishedOn: '2024-02-29', sourceUrl: 'https://example.org/2024-02', version: 1,
      editors: [{ name: '陈玮', slug: expect.any(String) }, { name: 'Ann Lee', slug: expect.any(String) }],
    });
    const [row] = await t.dataSource.query('SELECT status, previous_slug FROM issue WHERE id = $1', [issue.id]);
    expect(row).toEqual({ status: 'DRAFT', previous_slug: 'older-issue' });
    expect(await outbox(issue.id)).toBe(1);
    expect(await audit(issue.id)).toEqual(['createIssue']);
  });

  it('updateIssue changes only the given fields, clears with null, replaces editors and bumps the version', async () => {
    const data = await ok(`mutation($id: ID!, $i: UpdateIssueInput!, $v: Int!) { updateIssue(id: $id, input: $i, expectedVersion: $v) { ${ISSUE} } }`, {
      id: issue.id, v: 1, i: { title: '内核月报 二月', publisher: null, editors: ['Ann Lee'] },
    });
    expect(data.updateIssue).toMatchObject({ slug: issue.slug, title: '内核月报 二月', publisher: null, summary: '本期 **摘要**', version: 2, editors: [{ name: 'Ann Lee' }] });
    expect(await version('issue', issue.id)).toBe(2);
    expect(await audit(issue.id)).toEqual(['createIssue', 'updateIssue']);
  });

  it('renaming an issue slug repoints the issue that named it as previous', async () => {
    const next = await makeIssue(t, { status: IssueStatus.DRAFT, previous: issue.slug });
    const slug = uniqueSlug('renamed');
    const data = await ok(`mutation($id: ID!, $v: Int!, $s: String!) { updateIssue(id: $id, input: { slug: $s }, expectedVersion: $v) { slug version } }`, { id: issue.id, v: 2, s: slug });
    expect(data.updateIssue).toEqual({ slug, version: 3 });
    expect((await t.dataSource.query('SELECT previous_slug FROM issue WHERE id = $1', [next.id]))[0].previous_slug).toBe(slug);
    issue = { ...issue, slug, version: 3 };
  });

  it('createSection adds numbered sections, bumping the issue; updateSection edits one', async () => {
    sections = [];
    for (const [number, title] of [[1, '虚拟化'], [2, '内存管理']] as const) {
      const data = await ok(`mutation($i: CreateSectionInput!) { createSection(input: $i) { ${SECTION} } }`, { i: { issueId: issue.id, number, title, intro: `intro ${number}` } });
      expect(data.createSection).toMatchObject({ number, title, intro: `intro ${number}`, version: 1, issue: { id: issue.id } });
      sections.push(data.createSection);
    }
    expect(await version('issue', issue.id)).toBe(5);
    const updated = await ok(`mutation($id: ID!, $v: Int!) { updateSection(id: $id, input: { title: "存储", intro: null }, expectedVersion: $v) { ${SECTION} } }`, { id: sections[1].id, v: 1 });
    expect(updated.updateSection).toMatchObject({ number: 2, title: '存储', intro: null, version: 2 });
    expect(await audit(sections[1].id)).toEqual(['createSection', 'updateSection']);
  });

  it('createArticle derives a unique slug from the title, appends or inserts at a position, and links authors', async () => {
    const create = (i: Record<string, unknown>) => ok(`mutation($i: CreateArticleInput!) { createArticle(input: $i) { ${ARTICLE} } }`, { i: { sectionId: sections[0].id, ...i } });
    const a = (await create({ number: '1.1', title: 'KVM: TDX support', body: '正文 [1]', tags: ['KVM', 'x86'], authors: ['Sean Christopherson'] })).createArticle;
    expect(a).toMatchObject({ number: '1.1', position: 0, slug: 'kvm-tdx-support', tags: ['kvm', 'x86'], version: 1, authors: [{ name: 'Sean Christopherson' }], section: { id: sections[0].id }, issue: { id: issue.id } });
    const b = (await create({ number: '1.2', title: 'KVM: TDX support' })).createArticle;
    expect(b).toMatchObject({ slug: 'kvm-tdx-support-2', position: 1, body: '', tags: [], authors: [] });
    const c = (await create({ number: '01.03', title: '!!!', position: 0 })).createArticle;
    expect(c).toMatchObject({ number: '1.3', slug: 'article-1-3', position: 0 });
    expect(await order(sections[0].id)).toEqual(['0:1.3', '1:1.1', '2:1.2']);
    expect(await audit(a.id)).toEqual(['createArticle']);
  });

  it('updateArticle changes the given fields, keeps the slug on retitle and bumps only the article', async () => {
    const [row] = await t.dataSource.query(`SELECT id, version FROM article WHERE section_id = $1 AND number = '1.1'`, [sections[0].id]);
    const issueVersion = await version('issue', issue.id);
    const data = await ok(`mutation($id: ID!, $v: Int!, $i: UpdateArticleInput!) { updateArticle(id: $id, input: $i, expectedVersion: $v) { ${ARTICLE} } }`, {
      id: row.id, v: row.version, i: { title: 'KVM: TDX host support', body: '新正文', tags: ['kvm'], authors: ['Isaku Yamahata', 'Sean Christopherson'] },
    });
    expect(data.updateArticle).toMatchObject({ slug: 'kvm-tdx-support', title: 'KVM: TDX host support', body: '新正文', tags: ['kvm'], version: row.version + 1 });
    expect(data.updateArticle.authors.map((x: { name: string }) => x.name)).toEqual(['Isaku Yamahata', 'Sean Christopherson']);
    expect(await version('issue', issue.id)).toBe(issueVersion);
  });

  it('moveArticle reorders within a section and moves across sections, renumbering both densely', async () => {
    const ids = await t.dataSource.query('SELECT id, number FROM article WHERE section_id = $1 ORDER BY position', [sections[0].id]);
    const byNumber = Object.fromEntries(ids.map((r: { id: string; number: string }) => [r.number, r.id]));
    const move = (id: string, sectionId: string, position: number) =>
      ok(`mutation($id: ID!, $s: ID!, $p: Int!) { moveArticle(id: $id, sectionId: $s, position: $p) { position version section { id } } }`, { id, s: sectionId, p: position });
    expect((await move(byNumber['1.3'], sections[0].id, 2)).moveArticle).toMatchObject({ position: 2, version: 2 });
    expect(await order(sections[0].id)).toEqual(['0:1.1', '1:1.2', '2:1.3']);
    expect((await move(byNumber['1.1'], sections[1].id, 0)).moveArticle).toMatchObject({ position: 0, section: { id: sections[1].id } });
    expect(await order(sections[0].id)).toEqual(['0:1.2', '1:1.3']);
    expect(await order(sections[1].id)).toEqual(['0:1.1']);
    await move(byNumber['1.3'], sections[1].id, 0);
    expect(await order(sections[1].id)).toEqual(['0:1.3', '1:1.1']);
    expect(await order(sections[0].id)).toEqual(['0:1.2']);
    expect(await audit(byNumber['1.3'])).toEqual(['createArticle', 'moveArticle', 'moveArticle']);
  });

  it('setArticleReferences replaces all references in order, inferring kind and externalId', async () => {
    const [row] = await t.dataSource.query(`SELECT id FROM article WHERE issue_id = $1 AND number = '1.1'`, [issue.id]);
    const refs = [
      { label: '2', url: 'https://lore.kernel.org/kvm/20240101.123@intel.com/', title: 'TDX v19' },
      { label: '1', url: 'https://lwn.net/Articles/954321/', title: null },
      { label: 'doc', url: null, title: '手册' },
    ];
    const set = (references: unknown[], v?: number) =>
      ok(`mutation($id: ID!, $r: [ReferenceInput!]!, $v: Int) { setArticleReferences(articleId: $id, references: $r, expectedVersion: $v) { version references { label url title kind externalId } } }`, { id: row.id, r: references, v });
    const first = (await set(refs)).setArticleReferences;
    expect(first.references).toEqual([
      { label: '2', url: refs[0].url, title: 'TDX v19', kind: 'LORE', externalId: '20240101.123@intel.com' },
      { label: '1', url: refs[1].url, title: null, kind: 'LWN', externalId: '954321' },
      { label: 'doc', url: null, title: '手册', kind: 'OTHER', externalId: null },
    ]);
    const second = (await set([{ label: '1', url: 'https://github.com/torvalds/linux' }], first.version)).setArticleReferences;
    expect(second).toEqual({ version: first.version + 1, references: [{ label: '1', url: 'https://github.com/torvalds/linux', title: null, kind: 'GITHUB', externalId: 'torvalds/linux' }] });
    expect(await t.dataSource.query('SELECT label FROM reference WHERE article_id = $1', [row.id])).toEqual([{ label: '1' }]);
  });

  it('editable queries show any status with the version read alongside', async () => {
    const [row] = await t.dataSource.query(`SELECT id, version, body FROM article WHERE issue_id = $1 AND number = '1.1'`, [issue.id]);
    const data = await ok(`query($a: ID!, $s: ID!, $i: ID!) { editableArticle(id: $a) { body version issue { slug } } editableSection(id: $s) { version } editableIssue(id: $i) { version } }`, {
      a: row.id, s: sections[1].id, i: issue.id,
    });
    expect(data).toEqual({ editableArticle: { body: row.body, version: row.version, issue: { slug: issue.slug } }, editableSection: { version: 2 }, editableIssue: { version: await version('issue', issue.id) } });
    const missing = await ok('{ editableArticle(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(missing.editableArticle).toBeNull();
  });

  it('deleteArticle removes an article and its references and returns the issue at its new version', async () => {
    const [row] = await t.dataSource.query(`SELECT id FROM article WHERE issue_id = $1 AND number = '1.1'`, [issue.id]);
    const before = await version('issue', issue.id);
    const data = await ok('mutation($id: ID!) { deleteArticle(id: $id) { id version } }', { id: row.id });
    expect(data.deleteArticle).toEqual({ id: issue.id, version: before + 1 });
    expect(await t.dataSource.query('SELECT id FROM article WHERE id = $1 UNION ALL SELECT id FROM reference WHERE article_id = $1', [row.id])).toEqual([]);
  });

  it('deleteSection refuses a section with articles unless deleteArticles is set, then cascades', async () => {
    const del = (id: string, cascade: boolean) => t.gql('mutation($id: ID!, $c: Boolean!) { deleteSection(id: $id, deleteArticles: $c) { id version } }', { id, c: cascade }, editor);
    const refused = await del(sections[1].id, false);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deleteArticles' });
    expect(await order(sections[1].id)).toEqual(['0:1.3']);
    const done = await del(sections[1].id, true);
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data!.deleteSection.id).toBe(issue.id);
    expect(await t.dataSource.query('SELECT id FROM section WHERE id = $1 UNION ALL SELECT id FROM article WHERE section_id = $1', [sections[1].id])).toEqual([]);
    expect(await audit(sections[1].id)).toEqual(['createSection', 'updateSection', 'deleteSection']);
  });

  it('upsertContributor creates by name, then updates affiliation and slug of the same row', async () => {
    const name = `Upsert Person ${uniqueSlug()}`;
    const created = await ok('mutation($i: UpsertContributorInput!) { upsertContributor(input: $i) { id slug name affiliation } }', { i: { name: `  ${name} `, affiliation: 'Intel' } });
    expect(created.upsertContributor).toEqual({ id: expect.any(String), slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name, affiliation: 'Intel' });
    const slug = uniqueSlug('person');
    const updated = await ok('mutation($i: UpsertContributorInput!) { upsertContributor(input: $i) { id slug name affiliation } }', { i: { name, slug } });
    expect(updated.upsertContributor).toEqual({ id: created.upsertContributor.id, slug, name, affiliation: 'Intel' });
    const [row] = await t.dataSource.query('SELECT version FROM contributor WHERE id = $1', [created.upsertContributor.id]);
    expect(row.version).toBe(2);
  });

  it('renameContributor renames by slug and re-indexes the issues they appear in', async () => {
    const made = await makeIssue(t, { status: IssueStatus.DRAFT, authors: () => [`Old Name ${made_suffix}`] });
    const slug = `old-name-${made_suffix}`;
    const before = await outbox(made.id);
    const data = await ok('mutation($s: String!, $n: String!) { renameContributor(slug: $s, name: $n) { slug name } }', { s: slug, n: `New Name ${made_suffix}` });
    expect(data.renameContributor).toEqual({ slug, name: `New Name ${made_suffix}` });
    expect(await outbox(made.id)).toBe(before + 1);
  });

  it('mergeContributors moves roles, keeps the earlier place when both are listed, and deletes the source', async () => {
    const [a, b, c] = ['Merge From', 'Merge Into', 'Merge Other'].map((n) => `${n} ${uniqueSlug()}`);
    const made = await makeIssue(t, { status: IssueStatus.DRAFT, sections: [2], editors: [a], authors: (_s, n) => (n === 1 ? [a, c, b] : [a]) });
    const slugOf = async (name: string) => (await t.dataSource.query('SELECT slug FROM contributor WHERE name = $1', [name]))[0].slug;
    const [from, into] = [await slugOf(a), await slugOf(b)];
    const versionsBefore = await t.dataSource.query('SELECT number, version FROM article WHERE issue_id = $1 ORDER BY number', [made.id]);
    const data = await ok('mutation($f: String!, $i: String!) { mergeContributors(fromSlug: $f, intoSlug: $i) { slug name } }', { f: from, i: into });
    expect(data.mergeContributors).toEqual({ slug: into, name: b });
    const authors = await t.dataSource.query(
      `SELECT a.number, array_agg(c.name ORDER BY ac.position) AS names FROM article a JOIN article_contributor ac ON ac.article_id = a.id JOIN contributor c ON c.id = ac.contributor_id
       WHERE a.issue_id = $1 GROUP BY a.number ORDER BY a.number`,
      [made.id],
    );
    expect(authors).toEqual([{ number: '1.1', names: [b, c] }, { number: '1.2', names: [b] }]);
    expect(await t.dataSource.query(`SELECT c.name FROM issue_contributor ic JOIN contributor c ON c.id = ic.contributor_id WHERE ic.issue_id = $1`, [made.id])).toEqual([{ name: b }]);
    expect(await t.dataSource.query('SELECT id FROM contributor WHERE slug = $1', [from])).toEqual([]);
    const versionsAfter = await t.dataSource.query('SELECT number, version FROM article WHERE issue_id = $1 ORDER BY number', [made.id]);
    expect(versionsAfter).toEqual(versionsBefore.map((r: { number: string; version: number }) => ({ number: r.number, version: r.version + 1 })));
  });
});
