import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { createScratchDatabase } from '../support/scratch-database';
import { testMeili } from '../support/test-state';
import { TEST_ADMIN_TOKEN } from '../support/test-app';

const TREE = `{ issue(slug: "2020-07") {
  slug number title period publisher publishedOn previous { slug } articleCount
  editors { name }
  sections { number title articles { number title authors { name } references { label url kind } } }
} }`;

async function post(app: INestApplication, query: string) {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return res.json();
}

describe('starting on an empty database', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  const config = loadConfig({ NODE_ENV: 'test', SEED_SAMPLE: 'true', MEILI_INDEX: `startup_${Date.now()}`, ADMIN_TOKEN: TEST_ADMIN_TOKEN, PREVIEW_SECRET: TEST_ADMIN_TOKEN });

  beforeAll(async () => (scratch = await createScratchDatabase()));
  afterAll(() => scratch.drop());

  it('migrates, loads the July 2020 issue as PUBLISHED exactly once with two instances starting together, and serves it', async () => {
    const apps = await Promise.all([createApp(config, { databaseUrl: scratch.url, meili: testMeili() }), createApp(config, { databaseUrl: scratch.url, meili: testMeili() })]);
    try {
      const body = await post(apps[0], TREE);
      const issue = body.data.issue;
      expect(issue).toMatchObject({ slug: '2020-07', number: 2, title: 'Linux内核月报(2020年07月)', period: '2020-07', publisher: 'Linux阅码场', publishedOn: '2020-08-10', previous: null, articleCount: 14 });
      expect(issue.editors.map((e: { name: string }) => e.name)).toEqual(['陈玮', '张健', '廖威雄']);
      expect(issue.sections.map((s: { number: number; title: string }) => `${s.number}. ${s.title}`)).toEqual(['1. 虚拟化', '2. 文件系统和Block Layer', '3. 体系架构']);
      const articles = issue.sections.flatMap((s: { articles: unknown[] }) => s.articles);
      expect(articles.map((a: { number: string }) => a.number)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '3.1', '3.2', '3.3']);
      expect(articles[0]).toEqual({
        number: '1.1',
        title: 'Enhance VHOST to enable SoC-to-SoC communication',
        authors: [{ name: 'Kishon Vijay Abraham I' }],
        references: [{ label: '1', url: 'https://lore.kernel.org/r/2cf00ec4-1ed6-f66e-6897-006d1a5', kind: 'LORE' }],
      });
      expect(articles.flatMap((a: { references: unknown[] }) => a.references)).toHaveLength(17);
      const issues = await apps[1].get(DataSource).query('SELECT count(*)::int AS n FROM issue');
      expect(issues).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
    }
  });

  it('keeps everything across a restart and does not load the sample twice', async () => {
    const app = await createApp(config, { databaseUrl: scratch.url, meili: testMeili() });
    try {
      const body = await post(app, '{ issues(first: 10) { edges { node { slug articleCount } } } }');
      expect(body.data.issues.edges).toEqual([{ node: { slug: '2020-07', articleCount: 14 } }]);
    } finally {
      await app.close();
    }
  });
});
