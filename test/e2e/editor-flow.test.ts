import { signPreview } from '../../src/publishing/preview-link';
import { issueMarkdown } from '../support/factories';
import { SearchTestApp, startSearchApp } from '../support/search-app';
import { AS_ADMIN } from '../support/test-app';

const word = (prefix: string) => `${prefix}${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 8)}`;
const PREVIEW_SECRET = 'test-preview-secret-0123456789abcdef-0123';

const IMPORT = `mutation($m: String!, $r: Boolean) { importIssue(markdown: $m, replacePublished: $r) {
  created warnings { line message } issue { id slug number } } }`;

describe('the editor flow over /graphql', () => {
  let t: SearchTestApp;
  let editor: Record<string, string>;
  let publisher: Record<string, string>;
  beforeAll(async () => {
    t = await startSearchApp();
    editor = await t.tokenFor('EDITOR');
    publisher = await t.tokenFor('PUBLISHER');
  });
  afterAll(() => t.dispose());

  it('import → preview → fix → publish → public and searchable → unpublish → gone', async () => {
    const draftWord = word('zdraft');
    const fixedWord = word('zfixed');
    const made = issueMarkdown({ sections: [2] });
    const first = await t.gql(IMPORT, { m: made.markdown.replace('正文 1.1', `正文 1.1 ${draftWord} [9]`) }, editor);
    expect(first.body.data!.importIssue).toMatchObject({ created: true, issue: { slug: made.slug } });
    expect(first.body.data!.importIssue.warnings).toEqual([{ line: expect.any(Number), message: expect.stringContaining('cites [9]') }]);
    const id = first.body.data!.importIssue.issue.id;

    const preview = await t.gql(`{ issue(slug: "${made.slug}", preview: true) { slug sections { issue { slug } articles { body issue { slug } } } } }`, {}, editor);
    expect(preview.body.data!.issue.sections[0].articles[0].body).toContain(draftWord);
    expect((await t.gql(`{ issue(slug: "${made.slug}") { id } }`)).body.data).toEqual({ issue: null });

    const fixed = await t.gql(IMPORT, { m: made.markdown.replace('正文 1.1', `正文 1.1 ${fixedWord}`) }, editor);
    expect(fixed.body.data!.importIssue).toMatchObject({ created: false, warnings: [], issue: { id } });

    const published = await t.gql(`mutation { publishIssue(id: "${id}") { slug publishedAt } }`, {}, publisher);
    expect(published.body.data!.publishIssue.publishedAt).toEqual(expect.any(String));
    await t.drain();
    expect((await t.gql(`{ issue(slug: "${made.slug}") { articleCount } }`)).body.data).toEqual({ issue: { articleCount: 2 } });
    expect((await t.search(fixedWord)).numbers).toEqual(['1.1']);
    expect((await t.search(draftWord)).numbers).toEqual([]);

    await t.gql(`mutation { unpublishIssue(id: "${id}") { slug } }`, {}, publisher);
    await t.drain();
    expect((await t.gql(`{ issue(slug: "${made.slug}") { id } }`)).body.data).toEqual({ issue: null });
    expect((await t.search(fixedWord)).numbers).toEqual([]);

    const audit = await t.gql(`{ auditLog(objectId: "${id}") { edges { node { action tokenName } } } }`, {}, AS_ADMIN);
    expect(audit.body.data!.auditLog.edges.map((e: any) => e.node.action)).toEqual(['unpublishIssue', 'publishIssue', 'importIssue', 'importIssue']);
  });

  it('publishing is all or nothing: an incomplete issue stays a draft and leaves no trace', async () => {
    const made = issueMarkdown({ sections: [1] });
    const markdown = `${made.markdown}\n## 2. 空章节\n`;
    const id = (await t.gql(IMPORT, { m: markdown }, editor)).body.data!.importIssue.issue.id;
    const outboxBefore = (await t.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1', [id]))[0].n;
    const res = await t.gql(`mutation { publishIssue(id: "${id}") { slug } }`, {}, publisher);
    expect(res.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('section 2 has no articles'), extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
    const [row] = await t.dataSource.query('SELECT status, published_at FROM issue WHERE id = $1', [id]);
    expect(row).toEqual({ status: 'DRAFT', published_at: null });
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1', [id]))[0].n).toBe(outboxBefore);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'publishIssue'`, [id]))[0].n).toBe(0);
  });

  it('refuses a stale expectedVersion with CONFLICT and the current version, writing nothing', async () => {
    const id = (await t.gql(IMPORT, { m: issueMarkdown().markdown }, editor)).body.data!.importIssue.issue.id;
    const [{ version }] = await t.dataSource.query('SELECT version FROM issue WHERE id = $1', [id]);
    const res = await t.gql(`mutation { publishIssue(id: "${id}", expectedVersion: ${version - 1}) { slug } }`, {}, publisher);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version, field: 'expectedVersion' });
    expect((await t.dataSource.query('SELECT status FROM issue WHERE id = $1', [id]))[0].status).toBe('DRAFT');
    expect((await t.gql(`mutation { publishIssue(id: "${id}", expectedVersion: ${version}) { slug } }`, {}, publisher)).body.errors).toBeUndefined();
  });

  it('importIssue refuses bad input with the field, and a published issue without replacePublished', async () => {
    const tooBig = 'x'.repeat(2 * 1024 * 1024 + 1);
    expect((await t.gql(IMPORT, { m: tooBig }, editor)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'markdown' });
    const nul = issueMarkdown().markdown.replace('正文 1.1', '正文\u0000');
    const nulRes = await t.gql(IMPORT, { m: nul }, editor);
    expect(nulRes.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'markdown', errors: [expect.objectContaining({ message: 'contains a NUL byte' })] });
    const made = issueMarkdown();
    const id = (await t.gql(IMPORT, { m: made.markdown }, editor)).body.data!.importIssue.issue.id;
    await t.gql(`mutation { publishIssue(id: "${id}") { slug } }`, {}, publisher);
    expect((await t.gql(IMPORT, { m: made.markdown }, editor)).body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
    expect((await t.gql(IMPORT, { m: made.markdown, r: true }, editor)).body.errors).toBeUndefined();
  });

  it('signed preview links show one draft without a token, until they expire', async () => {
    const made = issueMarkdown();
    const id = (await t.gql(IMPORT, { m: made.markdown }, editor)).body.data!.importIssue.issue.id;
    const link = await t.gql(`mutation { createPreviewLink(issueId: "${id}", expiresInMinutes: 5) { token expiresAt } }`, {}, editor);
    const { token } = link.body.data!.createPreviewLink;
    const shown = await t.gql('query($t: String!) { previewIssue(token: $t) { slug sections { articles { issue { slug } } } } }', { t: token });
    expect(shown.body.data!.previewIssue).toMatchObject({ slug: made.slug });
    const tampered = token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await t.gql('query($t: String!) { previewIssue(token: $t) { slug } }', { t: tampered })).body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const expired = signPreview(PREVIEW_SECRET, id, new Date(Date.now() - 1000));
    const late = await t.gql('query($t: String!) { previewIssue(token: $t) { slug } }', { t: expired });
    expect(late.body.errors?.[0]).toMatchObject({ message: 'the preview link has expired', extensions: { code: 'FORBIDDEN' } });
    expect((await t.gql(`mutation { createPreviewLink(issueId: "${id}", expiresInMinutes: 0) { token } }`, {}, editor)).body.errors?.[0].extensions).toMatchObject({ field: 'expiresInMinutes' });
  });

  it("a draft's unique title and body words reach no public surface", async () => {
    const titleWord = word('ztitle');
    const bodyWord = word('zbody');
    const author = `Draft Only ${word('zauthor')}`;
    const made = issueMarkdown({ authors: () => [author] });
    const markdown = made.markdown.replace(`Patch series ${made.slug} 1.1`, `Patch ${titleWord}`).replace('正文 1.1', `正文 1.1 ${bodyWord}`);
    const id = (await t.gql(IMPORT, { m: markdown }, editor)).body.data!.importIssue.issue.id;
    await t.drain();
    const [article] = await t.dataSource.query(`SELECT id, slug FROM article WHERE issue_id = $1 AND number = '1.1'`, [id]);
    const authorSlug = author.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const surfaces = await Promise.all([
      t.gql('{ issues(first: 100) { edges { node { slug title sections { articles { title body } } } } } }'),
      t.gql(`{ issue(slug: "${made.slug}") { id } latestIssue { slug } }`),
      t.gql(`{ article(id: "${article.id}") { id } articleBySlug(issueSlug: "${made.slug}", slug: "${article.slug}") { id } }`),
      t.gql(`{ contributor(slug: "${authorSlug}") { articles { edges { node { title } } } } contributors(first: 100) { edges { node { slug } } } }`),
      t.gql('query($q: String!) { search(query: $q) { totalHits hits { article { title } } } }', { q: titleWord }),
      t.gql('query($q: String!) { search(query: $q) { totalHits hits { article { title } } } }', { q: bodyWord }),
    ]);
    for (const { body } of surfaces) {
      expect(body.errors).toBeUndefined();
      expect(JSON.stringify(body)).not.toMatch(new RegExp(`${titleWord}|${bodyWord}|${made.slug}|${authorSlug}`));
    }
  });
});
