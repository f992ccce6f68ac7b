import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MirrorLifecycle } from '../../src/mirror/mirror.lifecycle';
import { SearchLifecycle } from '../../src/search/search.lifecycle';
import { issueMarkdown } from '../support/factories';
import { createScratchDatabase } from '../support/scratch-database';
import { SearchTestApp, startSearchApp } from '../support/search-app';
import { AS_ADMIN, startTestApp, TestApp } from '../support/test-app';

const SAMPLE = readFileSync(join(__dirname, '..', '..', 'content', '2020-07.md'), 'utf8');
const TREE = `{ issues(first: 100) { edges { node { id slug number title period publisher summary publishedAt publishedOn previous { slug } next { slug } articleCount
  editors { id slug name } sections { id number title intro articles { id number slug title body bodyHtml tags authors { id slug name } references { label url title kind externalId } } } } } }
  contributors(first: 100) { edges { node { id slug name } } } }`;
const IMPORT = 'mutation($m: String!, $r: Boolean) { importIssue(markdown: $m, replacePublished: $r) { issue { id } } }';

const word = () => `zm${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 8)}`;

/** Two real instances, two databases, two search indexes: the mirror must converge to the origin's public output. */
describe('mirror mode', () => {
  let origin: SearchTestApp;
  let mirrorDb: Awaited<ReturnType<typeof createScratchDatabase>>;
  let mirror: TestApp | undefined;

  const startMirror = async () => (mirror = await startTestApp({ MIRROR_FROM: origin.baseUrl, MIRROR_POLL_MS: '100' }, mirrorDb.url));
  const tree = async (app: TestApp) => JSON.stringify((await app.gql(TREE)).body);
  const searchHits = async (app: TestApp, q: string) => (await app.gql('query($q: String!) { search(query: $q) { hits { article { id } } } }', { q })).body.data?.search.hits;

  async function converged(probe?: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    let last = '';
    while (Date.now() < deadline) {
      await mirror!.app.get(MirrorLifecycle).sync!.syncOnce().catch(() => undefined);
      const [a, b] = [await tree(origin), await tree(mirror!)];
      if (a === b) {
        await origin.drain();
        await (await mirror!.app.get(SearchLifecycle).ready()).drain();
        for (const q of ['TLBI RANGE', '挂载', ...(probe ? [probe] : [])]) expect(await searchHits(mirror!, q)).toEqual(await searchHits(origin, q));
        return;
      }
      last = `origin ${a.slice(0, 300)}\nmirror ${b.slice(0, 300)}`;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the mirror did not converge:\n${last}`);
  }

  beforeAll(async () => {
    origin = await startSearchApp();
    await origin.importer.importMarkdown(SAMPLE, { publish: true });
    mirrorDb = await createScratchDatabase();
    await startMirror();
  });
  afterAll(async () => {
    await mirror?.close();
    await mirrorDb.drop();
    await origin.dispose();
  });

  it('starts from a snapshot of the origin', async () => {
    await converged();
    expect((await mirror!.gql('{ issue(slug: "2020-07") { articleCount } }')).body.data).toEqual({ issue: { articleCount: 14 } });
  });

  it('follows publish, edit, unpublish and delete on the origin', async () => {
    const probe = word();
    const made = issueMarkdown({ sections: [2], authors: () => ['Mirror Author'] });
    const id = (await origin.gql(IMPORT, { m: made.markdown.replace('正文 1.1', `正文 1.1 ${probe}`) }, AS_ADMIN)).body.data!.importIssue.issue.id;
    await origin.gql(`mutation { publishIssue(id: "${id}") { slug } }`, {}, AS_ADMIN);
    await converged(probe);
    const edited = word();
    await origin.gql(IMPORT, { m: made.markdown.replace('正文 1.2', `正文 1.2 ${edited}`), r: true }, AS_ADMIN);
    await converged(edited);
    const [article] = await origin.dataSource.query(`SELECT id FROM article WHERE issue_id = $1 AND number = '1.1'`, [id]);
    expect((await origin.gql(`mutation { deleteArticle(id: "${article.id}") { id } }`, {}, AS_ADMIN)).body.errors).toBeUndefined();
    await converged();
    await origin.gql(`mutation { unpublishIssue(id: "${id}") { slug } }`, {}, AS_ADMIN);
    await converged(edited);
    expect((await mirror!.gql(`{ issue(slug: "${made.slug}") { id } }`)).body.data).toEqual({ issue: null });
  });

  it('catches up after being down, resuming from its stored cursor', async () => {
    await mirror!.close();
    mirror = undefined;
    const probe = word();
    const made = issueMarkdown();
    const id = (await origin.gql(IMPORT, { m: made.markdown.replace('正文 1.1', `正文 1.1 ${probe}`) }, AS_ADMIN)).body.data!.importIssue.issue.id;
    await origin.gql(`mutation { publishIssue(id: "${id}") { slug } }`, {}, AS_ADMIN);
    const [{ id: sample }] = await origin.dataSource.query(`SELECT id FROM issue WHERE slug = '2020-07'`);
    await origin.gql(`mutation { unpublishIssue(id: "${sample}") { slug } }`, {}, AS_ADMIN);
    await startMirror();
    const [state] = await mirror!.dataSource.query('SELECT cursor FROM mirror_state');
    expect(state.cursor).toEqual(expect.any(String));
    await converged(probe);
    expect((await mirror!.gql('{ issue(slug: "2020-07") { id } }')).body.data).toEqual({ issue: null });
  });

  it('refuses admin mutations', async () => {
    const res = await mirror!.gql(IMPORT, { m: issueMarkdown().markdown }, AS_ADMIN);
    expect(res.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('read-only mirror'), extensions: { code: 'FORBIDDEN' } });
  });
});
