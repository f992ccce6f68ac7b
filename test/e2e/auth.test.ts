import { createHash } from 'node:crypto';
import { issueMarkdown } from '../support/factories';
import { AS_ADMIN, startTestApp, TestApp } from '../support/test-app';

const IMPORT = 'mutation($m: String!) { importIssue(markdown: $m) { issue { id slug } } }';
const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.code;

describe('authentication and roles', () => {
  let t: TestApp;
  // Many deliberate failures below: keep the per-address limiter out of this spec's way.
  beforeAll(async () => (t = await startTestApp({ AUTH_FAILURES_PER_MINUTE: '1000' })));
  afterAll(() => t.close());

  const guarded: Array<[string, string, Record<string, unknown>]> = [
    ['importIssue', IMPORT, { m: issueMarkdown().markdown }],
    ['publishIssue', 'mutation { publishIssue(id: "00000000-0000-4000-8000-000000000000") { id } }', {}],
    ['unpublishIssue', 'mutation { unpublishIssue(id: "00000000-0000-4000-8000-000000000000") { id } }', {}],
    ['createPreviewLink', 'mutation { createPreviewLink(issueId: "00000000-0000-4000-8000-000000000000") { token } }', {}],
    ['createApiToken', 'mutation { createApiToken(name: "x", role: EDITOR) { secret } }', {}],
    ['revokeApiToken', 'mutation { revokeApiToken(id: "00000000-0000-4000-8000-000000000000") { id } }', {}],
    ['apiTokens', '{ apiTokens { id } }', {}],
    ['auditLog', '{ auditLog { edges { node { id } } } }', {}],
    ['issue(preview)', '{ issue(slug: "x", preview: true) { id } }', {}],
  ];

  it.each(guarded)('%s without a token is UNAUTHENTICATED, and with a bad token too', async (_name, query, variables) => {
    expect(code((await t.gql(query, variables)).body)).toBe('UNAUTHENTICATED');
    expect(code((await t.gql(query, variables, { authorization: 'Bearer km_not-a-real-token' })).body)).toBe('UNAUTHENTICATED');
  });

  it('enforces EDITOR < PUBLISHER < ADMIN', async () => {
    const editor = await t.tokenFor('EDITOR');
    const publisher = await t.tokenFor('PUBLISHER');
    const imported = await t.gql(IMPORT, { m: issueMarkdown().markdown }, editor);
    expect(imported.body.errors).toBeUndefined();
    const id = imported.body.data!.importIssue.issue.id;
    const publish = `mutation { publishIssue(id: "${id}") { slug } }`;
    expect(code((await t.gql(publish, {}, editor)).body)).toBe('FORBIDDEN');
    expect((await t.gql(publish, {}, publisher)).body.errors).toBeUndefined();
    for (const query of ['{ auditLog { edges { node { id } } } }', 'mutation { createApiToken(name: "y", role: ADMIN) { secret } }']) {
      expect(code((await t.gql(query, {}, editor)).body)).toBe('FORBIDDEN');
      expect(code((await t.gql(query, {}, publisher)).body)).toBe('FORBIDDEN');
    }
    const admin = await t.tokenFor('ADMIN');
    expect((await t.gql('{ auditLog { edges { node { id } } } }', {}, admin)).body.errors).toBeUndefined();
  });

  it('returns a new secret once, stores only its hash, tracks lastUsedAt and honours revocation', async () => {
    const created = await t.gql('mutation { createApiToken(name: "once", role: EDITOR) { secret token { id prefix lastUsedAt } } }', {}, AS_ADMIN);
    const { secret, token } = created.body.data!.createApiToken;
    expect(secret).toMatch(/^km_[A-Za-z0-9_-]{40,}$/);
    expect(token.lastUsedAt).toBeNull();
    const [row] = await t.dataSource.query('SELECT * FROM api_token WHERE id = $1', [token.id]);
    expect(row.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    const listed = await t.gql('{ apiTokens { id prefix lastUsedAt } }', {}, AS_ADMIN);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const auth = { authorization: `Bearer ${secret}` };
    expect((await t.gql(IMPORT, { m: issueMarkdown().markdown }, auth)).body.errors).toBeUndefined();
    const [used] = await t.dataSource.query('SELECT last_used_at FROM api_token WHERE id = $1', [token.id]);
    expect(used.last_used_at).toBeInstanceOf(Date);
    await t.gql(`mutation { revokeApiToken(id: "${token.id}") { revokedAt } }`, {}, AS_ADMIN);
    expect(code((await t.gql(IMPORT, { m: issueMarkdown().markdown }, auth)).body)).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const at = new Date(Date.now() + 60_000).toISOString();
    const created = await t.gql('mutation($at: DateTime) { createApiToken(name: "short", role: EDITOR, expiresAt: $at) { secret token { id } } }', { at }, AS_ADMIN);
    const { secret, token } = created.body.data!.createApiToken;
    await t.dataSource.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [token.id]);
    expect(code((await t.gql(IMPORT, { m: issueMarkdown().markdown }, { authorization: `Bearer ${secret}` })).body)).toBe('UNAUTHENTICATED');
  });

  it('validates token input', async () => {
    const past = await t.gql('mutation { createApiToken(name: "old", role: EDITOR, expiresAt: "2001-01-01T00:00:00Z") { secret } }', {}, AS_ADMIN);
    expect(past.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
    const blank = await t.gql('mutation { createApiToken(name: "  ", role: EDITOR) { secret } }', {}, AS_ADMIN);
    expect(blank.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('public reads never need a token', async () => {
    const { body } = await t.gql('{ issues { edges { node { slug } } } latestIssue { slug } }');
    expect(body.errors).toBeUndefined();
  });
});

describe('rate limiting of failed authentication', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ AUTH_FAILURES_PER_MINUTE: '3' })));
  afterAll(() => t.close());

  it('blocks an address after repeated failures, even with a valid token, and says when to retry', async () => {
    for (let i = 0; i < 3; i++) expect(code((await t.gql(IMPORT, { m: 'x' }, { authorization: 'Bearer wrong' })).body)).toBe('UNAUTHENTICATED');
    const blocked = await t.gql(IMPORT, { m: issueMarkdown().markdown }, AS_ADMIN);
    expect(blocked.body.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
    expect((await t.gql('{ latestIssue { slug } }')).body.errors).toBeUndefined();
  });
});
