import { createHash, randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';

describe('GraphQL over GET with automatic persisted queries', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = async (params: Record<string, unknown>) => {
    const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const res = await fetch(`${t.baseUrl}/graphql?${search}`);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  it('a plain GET of a query with variables works, with no content-type or preflight header', async () => {
    const res = await get({ query: 'query($n: Int!) { issues(first: $n) { pageInfo { hasPreviousPage } } }', variables: { n: 1 } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { issues: { pageInfo: { hasPreviousPage: false } } } });
  });

  it('hash only → PERSISTED_QUERY_NOT_FOUND; with the query → OK; then hash only → OK and cacheable', async () => {
    // A query text no other run has registered, so the first hash-only request cannot hit.
    const query = `{ issues(first: 1) { pageInfo { hasPreviousPage } } __typename } # ${randomBytes(6).toString('hex')}`;
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };

    const miss = await get({ extensions: { persistedQuery } });
    expect(JSON.parse(miss.text).errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(miss.headers.get('cache-control')).toBe('private, no-store');
    expect(miss.headers.get('etag')).toBeNull();

    const register = await get({ query, extensions: { persistedQuery } });
    expect(register.status).toBe(200);
    expect(JSON.parse(register.text).data.__typename).toBe('Query');

    const hit = await get({ extensions: { persistedQuery } });
    expect(hit.status).toBe(200);
    expect(JSON.parse(hit.text)).toEqual(JSON.parse(register.text));
    expect(hit.headers.get('cache-control')).toMatch(/^public, /);
    expect(hit.headers.get('etag')).toBe(register.headers.get('etag'));
  });
});
