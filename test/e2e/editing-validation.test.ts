import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue, uniqueNumber, uniqueSlug } from '../support/factories';
import { SearchTestApp, startSearchApp } from '../support/search-app';

/** Every content table in full, plus counts of the append-only ones whose rows workers update (delivered_at, status). */
const FINGERPRINT = `SELECT
  ${['issue', 'section', 'article', 'reference', 'contributor', 'issue_contributor', 'article_contributor', 'audit_log']
    .map((table) => `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${table} t) AS ${table}`)
    .join(',\n  ')},
  (SELECT count(*) || '/' || coalesce(max(id), 0) FROM outbox) AS outbox,
  (SELECT count(*) FROM webhook_delivery) AS webhook_delivery`;

type Expected = { code: string; field?: string; currentVersion?: number };
type Request = [query: string, variables: Record<string, unknown>];

interface World {
  issue: { id: string; number: number; slug: string; version: number };
  other: { id: string; number: number; slug: string };
  sections: Array<{ id: string; number: number; version: number }>;
  otherSection: string;
  articles: Array<{ id: string; number: string; slug: string; version: number }>;
  people: string[];
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const w = {} as World;

const createIssue = (over: Record<string, unknown>): Request => [
  'mutation($i: CreateIssueInput!) { createIssue(input: $i) { id } }',
  { i: { slug: uniqueSlug('v'), number: uniqueNumber(), title: '月报', period: '2024-01', ...over } },
];
const updateIssue = (input: Record<string, unknown>, v = w.issue.version, id = w.issue.id): Request => [
  'mutation($id: ID!, $i: UpdateIssueInput!, $v: Int!) { updateIssue(id: $id, input: $i, expectedVersion: $v) { id } }',
  { id, i: input, v },
];
const createSection = (over: Record<string, unknown>): Request => [
  'mutation($i: CreateSectionInput!) { createSection(input: $i) { id } }',
  { i: { issueId: w.issue.id, number: 9, title: '新章节', ...over } },
];
const updateSection = (input: Record<string, unknown>, v = w.sections[0].version, id = w.sections[0].id): Request => [
  'mutation($id: ID!, $i: UpdateSectionInput!, $v: Int!) { updateSection(id: $id, input: $i, expectedVersion: $v) { id } }',
  { id, i: input, v },
];
const createArticle = (over: Record<string, unknown>): Request => [
  'mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }',
  { i: { sectionId: w.sections[0].id, number: '1.9', title: '新文章', ...over } },
];
const updateArticle = (input: Record<string, unknown>, v = w.articles[0].version, id = w.articles[0].id): Request => [
  'mutation($id: ID!, $i: UpdateArticleInput!, $v: Int!) { updateArticle(id: $id, input: $i, expectedVersion: $v) { id } }',
  { id, i: input, v },
];
const move = (sectionId: string, position: number, v?: number, id = w.articles[0].id): Request => [
  'mutation($id: ID!, $s: ID!, $p: Int!, $v: Int) { moveArticle(id: $id, sectionId: $s, position: $p, expectedVersion: $v) { id } }',
  { id, s: sectionId, p: position, v },
];
const references = (refs: unknown[], v?: number, id = w.articles[0].id): Request => [
  'mutation($id: ID!, $r: [ReferenceInput!]!, $v: Int) { setArticleReferences(articleId: $id, references: $r, expectedVersion: $v) { id } }',
  { id, r: refs, v },
];
const upsert = (input: Record<string, unknown>): Request => ['mutation($i: UpsertContributorInput!) { upsertContributor(input: $i) { id } }', { i: input }];
const rename = (slug: string, name: string): Request => ['mutation($s: String!, $n: String!) { renameContributor(slug: $s, name: $n) { id } }', { s: slug, n: name }];
const merge = (from: string, into: string): Request => ['mutation($f: String!, $i: String!) { mergeContributors(fromSlug: $f, intoSlug: $i) { id } }', { f: from, i: into }];
const deleteSection = (id: string, v?: number): Request => ['mutation($id: ID!, $v: Int) { deleteSection(id: $id, expectedVersion: $v) { id } }', { id, v }];
const deleteArticle = (id: string): Request => ['mutation($id: ID!) { deleteArticle(id: $id) { id } }', { id }];

const bad = (field: string): Expected => ({ code: 'BAD_USER_INPUT', field });
const missing = (field: string): Expected => ({ code: 'NOT_FOUND', field });
const many = (n: number, make: (i: number) => unknown) => Array.from({ length: n }, (_, i) => make(i));

const CASES: Array<[string, () => Request, () => Expected]> = [
  ['createIssue: title over 300 characters', () => createIssue({ title: '长'.repeat(301) }), () => bad('input.title')],
  ['createIssue: blank title', () => createIssue({ title: '   ' }), () => bad('input.title')],
  ['createIssue: invalid slug', () => createIssue({ slug: 'Bad Slug' }), () => bad('input.slug')],
  ['createIssue: NUL in the slug', () => createIssue({ slug: 'a\u0000b' }), () => bad('input.slug')],
  ['createIssue: NUL in the summary', () => createIssue({ summary: 'x\u0000' }), () => bad('input.summary')],
  ['createIssue: NUL in an editor name', () => createIssue({ editors: ['A', 'B\u0000'] }), () => bad('input.editors')],
  ['createIssue: month 13', () => createIssue({ period: '2024-13' }), () => bad('input.period')],
  ['createIssue: 30 February', () => createIssue({ publishedOn: '2024-02-30' }), () => bad('input.publishedOn')],
  ['createIssue: javascript: URL', () => createIssue({ sourceUrl: 'javascript:alert(1)' }), () => bad('input.sourceUrl')],
  ['createIssue: URL over 2000 characters', () => createIssue({ sourceUrl: `https://example.org/${'a'.repeat(2000)}` }), () => bad('input.sourceUrl')],
  ['createIssue: number 0', () => createIssue({ number: 0 }), () => bad('input.number')],
  ['createIssue: number of another issue', () => createIssue({ number: w.issue.number }), () => bad('input.number')],
  ['createIssue: slug of another issue', () => createIssue({ slug: w.issue.slug }), () => bad('input.slug')],
  ['createIssue: invalid previous', () => createIssue({ previous: 'Not/A/Slug' }), () => bad('input.previous')],
  ['createIssue: its own previous', () => createIssue({ slug: 'self-prev', previous: 'self-prev' }), () => bad('input.previous')],
  ['createIssue: 51 editors', () => createIssue({ editors: many(51, (i) => `Editor ${i}`) }), () => bad('input.editors')],
  ['updateIssue: stale version', () => updateIssue({ title: 'x' }, w.issue.version - 1), () => ({ code: 'CONFLICT', field: 'expectedVersion', currentVersion: w.issue.version })],
  ['updateIssue: unknown id', () => updateIssue({ title: 'x' }, 1, UNKNOWN), () => missing('id')],
  ['updateIssue: malformed id', () => updateIssue({ title: 'x' }, 1, 'nope'), () => bad('id')],
  ['updateIssue: null title', () => updateIssue({ title: null }), () => bad('input.title')],
  ['updateIssue: null editors', () => updateIssue({ editors: null }), () => bad('input.editors')],
  ['updateIssue: no field at all', () => updateIssue({}), () => bad('input')],
  ['updateIssue: number of another issue', () => updateIssue({ number: w.other.number }), () => bad('input.number')],
  ['updateIssue: slug of another issue', () => updateIssue({ slug: w.other.slug }), () => bad('input.slug')],
  ['updateIssue: invalid date', () => updateIssue({ publishedOn: '2024-1-5' }), () => bad('input.publishedOn')],
  ['createSection: unknown issue', () => createSection({ issueId: UNKNOWN }), () => missing('input.issueId')],
  ['createSection: number used in the issue', () => createSection({ number: w.sections[0].number }), () => bad('input.number')],
  ['createSection: number 1000', () => createSection({ number: 1000 }), () => bad('input.number')],
  ['createSection: intro over 200000 characters', () => createSection({ intro: 'x'.repeat(200_001) }), () => bad('input.intro')],
  ['createSection: NUL in the title', () => createSection({ title: '\u0000' }), () => bad('input.title')],
  ['updateSection: stale version', () => updateSection({ title: 'x' }, w.sections[0].version + 5), () => ({ code: 'CONFLICT', currentVersion: w.sections[0].version })],
  ['updateSection: number of a sibling', () => updateSection({ number: w.sections[1].number }), () => bad('input.number')],
  ['updateSection: unknown id', () => updateSection({ title: 'x' }, 1, UNKNOWN), () => missing('id')],
  ['deleteSection: stale version', () => deleteSection(w.sections[0].id, 99), () => ({ code: 'CONFLICT', currentVersion: w.sections[0].version })],
  ['deleteSection: still has articles', () => deleteSection(w.sections[0].id), () => bad('deleteArticles')],
  ['deleteSection: unknown id', () => deleteSection(UNKNOWN), () => missing('id')],
  ['createArticle: unknown section', () => createArticle({ sectionId: UNKNOWN }), () => missing('input.sectionId')],
  ['createArticle: malformed section id', () => createArticle({ sectionId: '1' }), () => bad('input.sectionId')],
  ['createArticle: number used in another section of the issue', () => createArticle({ number: w.articles[2].number }), () => bad('input.number')],
  ['createArticle: malformed number', () => createArticle({ number: 'x.1' }), () => bad('input.number')],
  ['createArticle: slug used in the issue', () => createArticle({ slug: w.articles[1].slug }), () => bad('input.slug')],
  ['createArticle: invalid slug', () => createArticle({ slug: 'Has Spaces' }), () => bad('input.slug')],
  ['createArticle: invalid tag', () => createArticle({ tags: ['ok', 'not ok'] }), () => ({ ...bad('input.tags'), index: 1 } as Expected)],
  ['createArticle: 21 tags', () => createArticle({ tags: many(21, (i) => `t${i}`) }), () => bad('input.tags')],
  ['createArticle: 51 authors', () => createArticle({ authors: many(51, (i) => `Author ${i}`) }), () => bad('input.authors')],
  ['createArticle: body over 200000 characters', () => createArticle({ body: '字'.repeat(200_001) }), () => bad('input.body')],
  ['createArticle: NUL in the body', () => createArticle({ body: 'a\u0000' }), () => bad('input.body')],
  ['createArticle: NUL in an author', () => createArticle({ authors: ['\u0000'] }), () => bad('input.authors')],
  ['createArticle: position past the end', () => createArticle({ position: 3 }), () => bad('input.position')],
  ['createArticle: negative position', () => createArticle({ position: -1 }), () => bad('input.position')],
  ['updateArticle: stale version', () => updateArticle({ body: 'x' }, w.articles[0].version - 1), () => ({ code: 'CONFLICT', currentVersion: w.articles[0].version })],
  ['updateArticle: number of another article', () => updateArticle({ number: w.articles[1].number }), () => bad('input.number')],
  ['updateArticle: slug of another article', () => updateArticle({ slug: w.articles[1].slug }), () => bad('input.slug')],
  ['updateArticle: null title', () => updateArticle({ title: null }), () => bad('input.title')],
  ['updateArticle: tag starting with a dash', () => updateArticle({ tags: ['-bad'] }), () => bad('input.tags')],
  ['updateArticle: unknown id', () => updateArticle({ body: 'x' }, 1, UNKNOWN), () => missing('id')],
  ['moveArticle: section of another issue', () => move(w.otherSection, 0), () => bad('sectionId')],
  ['moveArticle: unknown section', () => move(UNKNOWN, 0), () => missing('sectionId')],
  ['moveArticle: position past the end', () => move(w.sections[1].id, 2), () => bad('position')],
  ['moveArticle: stale version', () => move(w.sections[1].id, 0, w.articles[0].version + 1), () => ({ code: 'CONFLICT', currentVersion: w.articles[0].version })],
  ['setArticleReferences: a label twice', () => references([{ label: '1', url: null }, { label: '1', url: null }]), () => bad('references[1].label')],
  ['setArticleReferences: ftp URL', () => references([{ label: '1', url: 'ftp://example.org/x' }]), () => bad('references[0].url')],
  ['setArticleReferences: NUL in a title', () => references([{ label: '1', title: 'a\u0000' }]), () => bad('references[0].title')],
  ['setArticleReferences: label with ]', () => references([{ label: 'a]b' }]), () => bad('references[0].label')],
  ['setArticleReferences: 201 references', () => references(many(201, (i) => ({ label: `${i}` }))), () => bad('references')],
  ['setArticleReferences: unknown article', () => references([], undefined, UNKNOWN), () => missing('articleId')],
  ['setArticleReferences: stale version', () => references([], 1000), () => ({ code: 'CONFLICT', currentVersion: w.articles[0].version })],
  ['deleteArticle: unknown id', () => deleteArticle(UNKNOWN), () => missing('id')],
  ['deleteArticle: malformed id', () => deleteArticle('x'), () => bad('id')],
  ['upsertContributor: blank name', () => upsert({ name: ' ' }), () => bad('input.name')],
  ['upsertContributor: NUL in the name', () => upsert({ name: 'A\u0000' }), () => bad('input.name')],
  ['upsertContributor: slug of someone else', () => upsert({ name: PEOPLE[0], slug: w.people[1] }), () => bad('input.slug')],
  ['upsertContributor: invalid slug', () => upsert({ name: 'New Person', slug: 'NO' }), () => bad('input.slug')],
  ['upsertContributor: affiliation over 200 characters', () => upsert({ name: 'New Person', affiliation: 'a'.repeat(201) }), () => bad('input.affiliation')],
  ['renameContributor: unknown slug', () => rename('nobody-at-all', 'Nobody'), () => missing('slug')],
  ['renameContributor: name of someone else', () => rename(w.people[0], nameOf(w.people[1])), () => bad('name')],
  ['renameContributor: NUL in the name', () => rename(w.people[0], 'x\u0000'), () => bad('name')],
  ['renameContributor: blank name', () => rename(w.people[0], ''), () => bad('name')],
  ['mergeContributors: into itself', () => merge(w.people[0], w.people[0]), () => bad('intoSlug')],
  ['mergeContributors: unknown source', () => merge('nobody-at-all', w.people[0]), () => missing('fromSlug')],
  ['mergeContributors: unknown target', () => merge(w.people[0], 'nobody-at-all'), () => missing('intoSlug')],
];

const PEOPLE = ['Valid Person One', 'Valid Person Two'];
const nameOf = (slug: string) => PEOPLE[w.people.indexOf(slug)];

describe('editing refuses bad input with the field named, and writes nothing', () => {
  let t: SearchTestApp;
  let editor: Record<string, string>;
  const fingerprint = async () => (await t.dataSource.query(FINGERPRINT))[0];

  beforeAll(async () => {
    // A database of its own: the fingerprint compares whole tables.
    t = await startSearchApp();
    editor = await t.tokenFor('EDITOR');
    await t.dataSource.query(`INSERT INTO webhook (url, events, secret) VALUES ('https://hooks.example.org/x', '{issue.updated,article.updated,article.deleted}', 'secret-0123456789abcdef')`);
    const made = await makeIssue(t, { sections: [2, 1], authors: (s, a) => [PEOPLE[(s + a) % 2]] });
    const other = await makeIssue(t, { status: IssueStatus.DRAFT, sections: [1] });
    const [issue] = await t.dataSource.query('SELECT id, number, slug, version FROM issue WHERE id = $1', [made.id]);
    Object.assign(w, {
      issue,
      other: { id: other.id, number: other.number, slug: other.slug },
      sections: await t.dataSource.query('SELECT id, number, version FROM section WHERE issue_id = $1 ORDER BY number', [made.id]),
      otherSection: (await t.dataSource.query('SELECT id FROM section WHERE issue_id = $1', [other.id]))[0].id,
      articles: await t.dataSource.query('SELECT id, number, slug, version FROM article WHERE issue_id = $1 ORDER BY number', [made.id]),
      people: (await t.dataSource.query('SELECT slug FROM contributor WHERE name = ANY($1) ORDER BY array_position($1, name)', [PEOPLE])).map((r: { slug: string }) => r.slug),
    });
    await t.drain();
  });
  afterAll(() => t.dispose());

  it('the fingerprint sees a write (so an unchanged one means something)', async () => {
    const before = await fingerprint();
    const [query, variables] = createArticle({ sectionId: w.otherSection, number: '5.5' });
    expect((await t.gql(query, variables, editor)).body.errors).toBeUndefined();
    const after = await fingerprint();
    expect(after.article).not.toBe(before.article);
    expect(after.audit_log).not.toBe(before.audit_log);
    expect(after.outbox).not.toBe(before.outbox);
  });

  it.each(CASES)('%s', async (_name, build, expected) => {
    const before = await fingerprint();
    const [query, variables] = build();
    const { status, body } = await t.gql(query, variables, editor);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject(expected());
    expect(await fingerprint()).toEqual(before);
  });

  it('status is not an editable field of updateIssue', async () => {
    const before = await fingerprint();
    const { status, body } = await t.gql(`mutation { updateIssue(id: "${w.issue.id}", input: { status: "DRAFT", title: "x" }, expectedVersion: ${w.issue.version}) { id } }`, {}, editor);
    expect(status).toBe(400);
    expect(body.errors![0]).toMatchObject({ message: expect.stringContaining('"status" is not defined by type "UpdateIssueInput"'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(await fingerprint()).toEqual(before);
  });
});
