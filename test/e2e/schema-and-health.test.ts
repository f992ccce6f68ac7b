import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSdl, SCHEMA_HEADER } from '../../src/graphql-schema';
import { startTestApp, TestApp } from '../support/test-app';

describe('schema.gql and health endpoints', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('the committed schema.gql equals the generated one (run `npm run schema:generate` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8');
    expect(committed).toBe(await buildSchemaSdl());
  });

  it('the running app serves exactly the generated schema', async () => {
    const served = SCHEMA_HEADER + printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)) + '\n';
    expect(served).toBe(await buildSchemaSdl());
  });

  it('GET /health is live and GET /ready reports the database and migrations', async () => {
    const health = await fetch(`${t.baseUrl}/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${t.baseUrl}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', checks: { database: { ok: true }, migrations: { ok: true }, search: { ok: true } }, outbox: { pending: expect.any(Number), oldestAgeSeconds: expect.any(Number) } }]);
  });

  it('echoes a sane x-request-id and makes one up otherwise', async () => {
    const given = await fetch(`${t.baseUrl}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const bogus = await fetch(`${t.baseUrl}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(bogus.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
