import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { IssueImporter } from '../../src/content/issue-importer.service';
import type { MeiliEndpoint } from '../../src/search/embedded-meilisearch.runner';
import { testDatabaseUrl, testMeili } from './test-state';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

/** The bootstrap ADMIN_TOKEN every test app gets. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef-0123456789';
export const AS_ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  dataSource: DataSource;
  importer: IssueImporter;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
  /** Creates a real API token with `role` through the admin API and returns its Authorization header. */
  tokenFor(role: 'EDITOR' | 'PUBLISHER' | 'ADMIN'): Promise<Record<string, string>>;
}

/** The real app over real HTTP on a free loopback port, against the test Postgres. */
export async function startTestApp(env: Record<string, string> = {}, databaseUrl = testDatabaseUrl(), meili: MeiliEndpoint = testMeili()): Promise<TestApp> {
  // Each app gets its own index, so parallel specs never see each other's documents.
  const config: AppConfig = loadConfig({
    NODE_ENV: 'test',
    SEED_SAMPLE: 'false',
    MEILI_INDEX: `t_${randomBytes(6).toString('hex')}`,
    OUTBOX_POLL_MS: '200',
    SCHEDULER_POLL_MS: '200',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    PREVIEW_SECRET: 'test-preview-secret-0123456789abcdef-0123',
    ...env,
  });
  const app = await createApp(config, { databaseUrl, meili });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const gql: TestApp['gql'] = async (query, variables, headers = {}) => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
  };
  return {
    app,
    baseUrl,
    gql,
    async tokenFor(role) {
      const res = await gql('mutation($n: String!, $r: Role!) { createApiToken(name: $n, role: $r) { secret } }', { n: `${role.toLowerCase()}-${randomBytes(3).toString('hex')}`, r: role }, AS_ADMIN);
      return { authorization: `Bearer ${res.body.data!.createApiToken.secret}` };
    },
    dataSource: app.get(DataSource),
    importer: app.get(IssueImporter),
    close: () => app.close(),
  };
}
