import { createScratchDatabase } from '../support/scratch-database';
import { startTestApp, TestApp } from '../support/test-app';

describe('request limits and error masking', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ GRAPHQL_MAX_DEPTH: '8', GRAPHQL_MAX_COMPLEXITY: '1000', BODY_LIMIT_BYTES: '65536' })));
  afterAll(() => t.close());

  it('refuses a deeply nested query before running it', async () => {
    const deep = '{ latestIssue { sections { issue { sections { issue { sections { issue { sections { issue { slug } } } } } } } } } }';
    const { status, body } = await t.gql(deep);
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({ message: 'query depth 10 exceeds the limit of 8', extensions: { code: 'QUERY_TOO_DEEP' } });
  });

  it('refuses an aliased monster query by its cost', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: contributors(first: 100) { edges { node { slug } } }`).join(' ');
    const { status, body } = await t.gql(`{ ${aliases} }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^query complexity \d+ exceeds the limit of 1000$/), extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(body.data).toBeUndefined();
  });

  it('accepts the full issue-tree query under the default limits', async () => {
    const defaults = await startTestApp();
    try {
      const { body } = await defaults.gql(`{ issues(first: 20) { edges { node { slug editors { name } sections { title articles { title bodyHtml authors { name articles(first: 5) { edges { node { slug } } } } references { url } } } } } } }`);
      expect(body.errors).toBeUndefined();
    } finally {
      await defaults.close();
    }
  });

  it('answers an oversized body with 413 in GraphQL error shape', async () => {
    const res = await fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ latestIssue { slug } }`, pad: 'x'.repeat(70_000) }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ errors: [{ message: 'request body exceeds the limit of 65536 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    expect(text).not.toMatch(/at .*\.js:\d+/);
  });

  it('masks unexpected failures as INTERNAL_SERVER_ERROR without a stack trace', async () => {
    // A database of its own, broken on purpose, so no other spec sees the missing column.
    const scratch = await createScratchDatabase();
    const broken = await startTestApp({}, scratch.url);
    try {
      await broken.dataSource.query('ALTER TABLE contributor RENAME COLUMN affiliation TO affiliation_gone');
      const { body } = await broken.gql('{ contributors(first: 1) { edges { node { slug } } } }');
      expect(body.errors?.[0]).toEqual({ message: 'Internal server error', path: ['contributors'], locations: expect.any(Array), extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } });
      expect(JSON.stringify(body)).not.toMatch(/affiliation|stacktrace|\.ts:\d+/);
    } finally {
      await broken.close();
      await scratch.drop();
    }
  });

  it('reports a persisted-query hash that does not match its query as BAD_REQUEST, not a server fault', async () => {
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ latestIssue { slug } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('reports a syntax error as GRAPHQL_PARSE_FAILED, not a server fault', async () => {
    const { status, body } = await t.gql('{ issues(first: ');
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});
