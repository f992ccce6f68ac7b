import { createHash, randomInt } from 'node:crypto';
import { IssueStatus } from '../../src/issues/issue.entity';
import { issueMarkdown, makeIssue } from '../support/factories';
import { AS_ADMIN, startTestApp, TestApp } from '../support/test-app';

/** Above the factories' random numbers (so on the first page of `issues`), below drafts.test.ts's own range. */
const TOP = 2_000_000_000 + randomInt(0, 40_000_000);
const ISSUES = '{ issues(first: 100) { edges { node { slug title } } } }';
const PUBLIC = 'public, max-age=120, stale-while-revalidate=600';
const NO_STORE = 'private, no-store';

describe('HTTP caching of GraphQL responses', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ CACHE_MAX_AGE: '120', CACHE_SWR: '600' });
    await makeIssue(t, { number: TOP });
  });
  afterAll(() => t.close());

  /** A plain GET, with no content-type or preflight header: what a CDN or a browser link sends. */
  const get = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const params = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
    const res = await fetch(`${t.baseUrl}/graphql?${params}`, { headers });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const json = (text: string) => JSON.parse(text) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };

  it('an anonymous GET of a query is public, with a strong ETag that hashes the exact body', async () => {
    const res = await get(ISSUES);
    expect(res.status).toBe(200);
    expect(json(res.text).data.issues.edges.length).toBeGreaterThan(0);
    expect(res.headers.get('cache-control')).toBe(PUBLIC);
    expect(res.headers.get('etag')).toBe(`"${createHash('sha256').update(res.text).digest('base64url')}"`);
  });

  it('If-None-Match with the current ETag gives 304 and no body; any other tag gives the body', async () => {
    const { headers } = await get(ISSUES);
    const etag = headers.get('etag')!;
    const notModified = await get(ISSUES, undefined, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('cache-control')).toBe(PUBLIC);
    const other = await get(ISSUES, undefined, { 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
    expect(json(other.text).data.issues).toBeDefined();
  });

  it('publishing an issue changes the ETag of `issues`; the mutations themselves are never cacheable', async () => {
    const before = (await get(ISSUES)).headers.get('etag')!;
    const { markdown, slug } = issueMarkdown({ number: TOP + 1 });
    const imported = await t.gql('mutation($m: String!) { importIssue(markdown: $m) { issue { id } } }', { m: markdown }, AS_ADMIN);
    const published = await t.gql('mutation($id: ID!) { publishIssue(id: $id) { slug status } }', { id: imported.body.data!.importIssue.issue.id }, AS_ADMIN);
    expect(published.body.data!.publishIssue).toEqual({ slug, status: 'PUBLISHED' });
    for (const res of [imported, published]) {
      expect(res.headers.get('cache-control')).toBe(NO_STORE);
      expect(res.headers.get('etag')).toBeNull();
    }
    const after = await get(ISSUES, undefined, { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(json(after.text).data.issues.edges.map((e: any) => e.node.slug)).toContain(slug);
  });

  it('an authenticated response is never cacheable, even for the same public query and a matching ETag', async () => {
    const anonymous = (await get(ISSUES)).headers.get('etag')!;
    const viaGet = await get(ISSUES, undefined, { ...AS_ADMIN, 'if-none-match': anonymous });
    const viaPost = await t.gql(ISSUES, undefined, await t.tokenFor('EDITOR'));
    for (const res of [viaGet, viaPost]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe(NO_STORE);
      expect(res.headers.get('etag')).toBeNull();
    }
    expect(json(viaGet.text).data.issues.edges.length).toBeGreaterThan(0);
  });

  it('previews are private: previewIssue by signed link, and issue(preview: true)', async () => {
    const draft = await makeIssue(t, { status: IssueStatus.DRAFT });
    const link = await t.gql('mutation($id: ID!) { createPreviewLink(issueId: $id) { token } }', { id: draft.id }, AS_ADMIN);
    const byLink = await get('query($t: String!) { previewIssue(token: $t) { slug } }', { t: link.body.data!.createPreviewLink.token });
    expect(json(byLink.text).data.previewIssue).toEqual({ slug: draft.slug });
    const byToken = await get('query($s: String!) { issue(slug: $s, preview: true) { slug } }', { s: draft.slug }, await t.tokenFor('EDITOR'));
    expect(json(byToken.text).data.issue).toEqual({ slug: draft.slug });
    for (const res of [byLink, byToken]) {
      expect(res.headers.get('cache-control')).toBe(NO_STORE);
      expect(res.headers.get('etag')).toBeNull();
    }
  });

  it('a preview flag that is literally false keeps a public read public', async () => {
    const res = await get('{ issues(first: 1) { edges { node { slug } } } latestIssue { slug } }');
    const slug = json(res.text).data.latestIssue.slug;
    const explicit = await get('query($s: String!) { issue(slug: $s, preview: false) { slug } }', { s: slug });
    expect(json(explicit.text).data.issue).toEqual({ slug });
    expect(explicit.headers.get('cache-control')).toBe(PUBLIC);
  });

  it.each([
    ['a domain error', '{ issues(first: 0) { edges { cursor } } }', 200],
    ['a validation error', '{ noSuchField }', 400],
  ])('a response with %s is no-store without an ETag', async (_name, query, status) => {
    const res = await get(query);
    expect(res.status).toBe(status);
    expect(json(res.text).errors!.length).toBeGreaterThan(0);
    expect(res.headers.get('cache-control')).toBe(NO_STORE);
    expect(res.headers.get('etag')).toBeNull();
  });

  it('mutations are POST-only: over GET they are refused and not run', async () => {
    const { markdown, slug } = issueMarkdown();
    const res = await get('mutation($m: String!) { importIssue(markdown: $m) { issue { id } } }', { m: markdown }, AS_ADMIN);
    expect(res.status).toBe(405);
    expect(res.headers.get('cache-control')).toBe(NO_STORE);
    expect(res.headers.get('etag')).toBeNull();
    expect(await t.dataSource.query('SELECT 1 FROM issue WHERE slug = $1', [slug])).toEqual([]);
  });
});
