import { IssueStatus } from '../../src/issues/issue.entity';
import { Role } from '../../src/auth/role';
import { PublishingService } from '../../src/publishing/publishing.service';

const TEST_ADMIN = { id: null, name: 'test', role: Role.ADMIN };
import { MeiliGateway } from '../../src/search/meili.gateway';
import { issueMarkdown, makeIssue, uniqueSlug } from '../support/factories';
import { SearchTestApp, startSearchApp } from '../support/search-app';

/** A token no other document contains: `zq` + random letters, so search finds exactly what we put there. */
const token = () => `zq${uniqueSlug('').replace(/[^a-z]/g, '') || 'x'}${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 6)}`;

async function indexedIds(t: SearchTestApp): Promise<string[]> {
  const { admin, indexName } = await t.app.get(MeiliGateway).clients();
  const docs = await admin.index(indexName).getDocuments({ fields: ['id'], limit: 1000 });
  return docs.results.map((d) => d.id as string);
}

describe('the search index follows Postgres', () => {
  let t: SearchTestApp;
  let publishing: PublishingService;
  beforeAll(async () => {
    t = await startSearchApp();
    publishing = t.app.get(PublishingService);
  });
  afterAll(() => t.dispose());

  it('indexes a published issue and never a draft or a scheduled one', async () => {
    const open = token();
    const secret = token();
    const scheduled = token();
    const { markdown } = issueMarkdown();
    await t.importer.importMarkdown(markdown.replace('正文 1.1', `正文 1.1 ${open}`), { publish: true });
    const draft = issueMarkdown();
    await t.importer.importMarkdown(draft.markdown.replace('正文 1.1', `正文 1.1 ${secret}`));
    const later = await makeIssue(t, { status: IssueStatus.SCHEDULED });
    await t.dataSource.query(`UPDATE article SET body = body || ' ${scheduled}' WHERE issue_id = $1`, [later.id]);
    await t.drain();
    expect((await t.search(open)).numbers).toEqual(['1.1']);
    expect((await t.search(secret)).body.data.search.totalHits).toBe(0);
    expect((await t.search(scheduled)).body.data.search.totalHits).toBe(0);
    const draftIds: string[] = (await t.dataSource.query('SELECT a.id FROM article a JOIN issue i ON i.id = a.issue_id WHERE i.slug = $1', [draft.slug])).map((r: { id: string }) => r.id);
    expect(await indexedIds(t)).not.toEqual(expect.arrayContaining([draftIds[0]]));
  });

  it('follows unpublish and publish', async () => {
    const word = token();
    const made = issueMarkdown();
    const { issue } = await t.importer.importMarkdown(made.markdown.replace('正文 1.2', `正文 1.2 ${word}`), { publish: true });
    await t.drain();
    expect((await t.search(word)).numbers).toEqual(['1.2']);
    await publishing.unpublishIssue(issue.id, TEST_ADMIN);
    await t.drain();
    expect((await t.search(word)).numbers).toEqual([]);
    await publishing.publishIssue(issue.id, TEST_ADMIN);
    await t.drain();
    expect((await t.search(word)).numbers).toEqual(['1.2']);
  });

  it('follows an edit of a published article: the new word is found, the old one is not', async () => {
    const before = token();
    const after = token();
    const made = issueMarkdown();
    await t.importer.importMarkdown(made.markdown.replace('正文 1.1', `正文 1.1 ${before}`), { publish: true });
    await t.drain();
    await t.importer.importMarkdown(made.markdown.replace('正文 1.1', `正文 1.1 ${after}`), { publish: true });
    await t.drain();
    expect((await t.search(before)).numbers).toEqual([]);
    expect((await t.search(after)).numbers).toEqual(['1.1']);
  });

  it('follows the delete of an article', async () => {
    const word = token();
    const made = issueMarkdown();
    const { issue } = await t.importer.importMarkdown(made.markdown.replace('正文 1.2', `正文 1.2 ${word}`), { publish: true });
    await t.drain();
    const [{ id }] = await t.dataSource.query(`SELECT id FROM article WHERE issue_id = $1 AND number = '1.2'`, [issue.id]);
    await publishing.deleteArticle(id, TEST_ADMIN);
    await t.drain();
    expect((await t.search(word)).numbers).toEqual([]);
    expect(await indexedIds(t)).not.toContain(id);
  });

  it('re-indexes every article of a renamed contributor', async () => {
    const oldName = `Oldname ${token()}`;
    const newName = `Newname ${token()}`;
    await makeIssue(t, { sections: [2], authors: () => [oldName] });
    await makeIssue(t, { sections: [1], authors: () => [oldName] });
    await t.drain();
    expect((await t.search(oldName.split(' ')[1])).numbers).toHaveLength(3);
    const [{ slug }] = await t.dataSource.query('SELECT slug FROM contributor WHERE name = $1', [oldName]);
    await publishing.renameContributor(slug, newName, TEST_ADMIN);
    await t.drain();
    expect((await t.search(oldName.split(' ')[1])).numbers).toEqual([]);
    expect((await t.search(newName.split(' ')[1])).numbers).toHaveLength(3);
  });

  it('keeps filter values inside their literal: injection through every filter field finds nothing', async () => {
    const word = token();
    const made = issueMarkdown();
    await t.importer.importMarkdown(made.markdown.replace('正文 1.1', `正文 1.1 ${word}`), { publish: true });
    await t.drain();
    expect((await t.search(word, '', { filter: { issueSlug: made.slug } })).numbers).toEqual(['1.1']);
    const attacks = [`x" OR issueSlug = "${made.slug}`, `x\\" OR issueSlug EXISTS OR "`, `") OR (year > 0`, `x' OR '1'='1`, 'x\n OR year > 0'];
    for (const field of ['issueSlug', 'sectionTitle', 'authorSlug', 'tag']) {
      for (const attack of attacks) {
        const { body } = await t.search(word, '', { filter: { [field]: attack } });
        expect({ field, attack, errors: body.errors, hits: body.data?.search.totalHits }).toEqual({ field, attack, errors: undefined, hits: 0 });
      }
    }
  });

  it('refuses an empty or an over-long query with BAD_USER_INPUT naming the field', async () => {
    for (const q of ['', '   ', 'x'.repeat(513)]) {
      const { body } = await t.search(q);
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    }
  });
});
