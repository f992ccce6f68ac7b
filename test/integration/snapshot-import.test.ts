import { spawnSync, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DomainError } from '../../src/common/errors/domain-error';
import { SnapshotDocument, SnapshotProblem } from '../../src/snapshots/snapshot.format';
import { SnapshotImporter } from '../../src/snapshots/snapshot-importer.service';
import { makeIssue, uniqueNumber, uniqueSlug } from '../support/factories';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApp, TestApp } from '../support/test-app';
import { SearchLifecycle } from '../../src/search/search.lifecycle';

const ROOT = join(__dirname, '..', '..');

/** A small valid snapshot with fresh ids, slugs and numbers, written by hand as another origin would send it. */
function snapshot(issues = 1): SnapshotDocument {
  const author = { id: randomUUID(), slug: uniqueSlug('author'), name: `Author ${uniqueSlug()}`, affiliation: null };
  return {
    formatVersion: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    changeCursor: null,
    contributors: [author],
    issues: Array.from({ length: issues }, () => ({
      id: randomUUID(),
      slug: uniqueSlug('snap'),
      number: uniqueNumber(),
      title: '快照月报',
      period: '2021-02',
      publisher: null,
      summary: 'Summary.',
      publishedAt: '2021-03-01T08:00:00.123456Z',
      publishedOn: '2021-03-01',
      sourceUrl: 'https://example.org/2021-02',
      previousSlug: null,
      editors: [author.id],
      sections: [
        {
          id: randomUUID(),
          number: 1,
          title: '虚拟化',
          intro: null,
          articles: [
            {
              id: randomUUID(),
              number: '1.1',
              position: 0,
              slug: 'kvm-series',
              title: 'KVM series',
              body: '正文 cites [1].',
              tags: ['kvm'],
              language: 'zh-Hans',
              authors: [author.id],
              references: [{ id: randomUUID(), label: '1', url: 'https://lwn.net/Articles/800001/', title: 'LWN', kind: 'LWN', externalId: '800001' }],
            },
          ],
        },
      ],
    })),
  };
}

async function checksum(ds: DataSource): Promise<string> {
  const tables = ['issue', 'section', 'article', 'reference', 'contributor', 'issue_contributor', 'article_contributor', 'outbox', 'change', 'public_entity'];
  const parts = await Promise.all(tables.map((t) => ds.query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM ${t} x`)));
  return JSON.stringify(parts);
}

async function problemsOf(t: TestApp, doc: unknown): Promise<{ code: string; problems: SnapshotProblem[] }> {
  const error = await new SnapshotImporter(t.dataSource).apply(doc).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const domain = error as DomainError;
  return { code: domain.code, problems: (domain.details.errors as SnapshotProblem[]) ?? [] };
}

describe('importing snapshot files', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let t: TestApp;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    t = await startTestApp({}, scratch.url);
  });
  afterAll(async () => {
    await t?.close();
    await scratch?.drop();
  });

  const cases: Array<[string, (d: any) => void, SnapshotProblem]> = [
    ['a wrong formatVersion', (d) => (d.formatVersion = 2), { path: '$.formatVersion', message: 'unsupported format version 2; this server reads version 1' }],
    ['a missing field', (d) => delete d.issues[0].sections[0].articles[0].title, { path: '$.issues[0].sections[0].articles[0].title', message: 'is required' }],
    ['a bad URL', (d) => (d.issues[0].sections[0].articles[0].references[0].url = 'ftp://example.org/x'), { path: '$.issues[0].sections[0].articles[0].references[0].url', message: 'must be an http or https URL or null' }],
    ['a non-uuid id', (d) => (d.issues[0].sections[0].id = 'section-1'), { path: '$.issues[0].sections[0].id', message: 'must be a UUID' }],
    ['a bad slug', (d) => (d.issues[0].slug = 'Not A Slug'), { path: '$.issues[0].slug', message: 'must be a slug (lowercase letters, digits and single hyphens)' }],
    ['a wrong type', (d) => (d.issues[0].number = '7'), { path: '$.issues[0].number', message: 'must be an integer >= 1' }],
    ['an author missing from contributors', (d) => (d.issues[0].sections[0].articles[0].authors = [randomUUID()]), { path: '$.issues[0].sections[0].articles[0].authors[0]', message: expect.stringMatching(/is not in \$\.contributors$/) }],
  ];

  it.each(cases)('rejects %s with its JSON path and writes nothing', async (_name, spoil, expected) => {
    const doc = snapshot(2);
    spoil(doc);
    // Let the search worker finish first: a delivery it makes meanwhile would change the outbox rows.
    await (await t.app.get(SearchLifecycle).ready()).drain();
    const before = await checksum(t.dataSource);
    const { code, problems } = await problemsOf(t, doc);
    expect(code).toBe('BAD_USER_INPUT');
    expect(problems).toEqual([expected]);
    expect(await checksum(t.dataSource)).toBe(before);
  });

  it('lists every problem of a file, not just the first', async () => {
    const doc: any = snapshot();
    doc.issues[0].id = 'x';
    doc.issues[0].sections[0].articles[0].position = -1;
    doc.contributors.push({ ...doc.contributors[0] });
    const { problems } = await problemsOf(t, doc);
    expect(problems.map((p) => p.path).sort()).toEqual(['$.contributors[1].id', '$.issues[0].id', '$.issues[0].sections[0].articles[0].position']);
  });

  it('rolls back the whole file when a later issue clashes with a local one', async () => {
    const local = await makeIssue(t);
    const doc = snapshot(2);
    doc.issues[1].number = local.number;
    // Let the search worker finish first: a delivery it makes meanwhile would change the outbox rows.
    await (await t.app.get(SearchLifecycle).ready()).drain();
    const before = await checksum(t.dataSource);
    const { code } = await problemsOf(t, doc);
    expect(code).toBe('CONFLICT');
    expect(await checksum(t.dataSource)).toBe(before);
    expect(await t.dataSource.query('SELECT id FROM issue WHERE id = $1', [doc.issues[0].id])).toEqual([]);
  });

  it('publishes imported issues with the exported publishedAt and queues their search sync', async () => {
    const doc = snapshot();
    await new SnapshotImporter(t.dataSource).apply(doc);
    const [row] = await t.dataSource.query(`SELECT status, published_at = '2021-03-01T08:00:00.123456Z'::timestamptz AS exact FROM issue WHERE id = $1`, [doc.issues[0].id]);
    expect(row).toEqual({ status: 'PUBLISHED', exact: true });
    expect(await t.dataSource.query(`SELECT topic FROM outbox WHERE aggregate_id = $1`, [doc.issues[0].id])).toEqual([{ topic: 'search.sync_issue' }]);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log')).toEqual([{ n: 0 }]);
  });

  describe('the content:import-snapshot CLI', () => {
    let dir: string;
    beforeAll(() => {
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.js')], { cwd: ROOT, stdio: 'pipe' });
      dir = mkdtempSync(join(tmpdir(), 'km-snapshot-'));
    }, 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const cli = (file: string) =>
      spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'import-snapshot.cli.js'), file], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, DATA_DIR: dir, DATABASE_URL: scratch.url },
        encoding: 'utf8',
      });

    it('imports a file, then finds nothing to change on the second run', async () => {
      const doc = snapshot();
      writeFileSync(join(dir, 'good.json'), JSON.stringify(doc));
      const first = cli(join(dir, 'good.json'));
      expect({ status: first.status, stdout: first.stdout }).toEqual({ status: 0, stdout: expect.stringContaining(`updated issue ${doc.issues[0].slug}`) });
      const second = cli(join(dir, 'good.json'));
      expect({ status: second.status, stdout: second.stdout }).toEqual({ status: 0, stdout: expect.stringContaining(`unchanged issue ${doc.issues[0].slug}`) });
    });

    it('prints each error with its JSON path and exits 1', () => {
      const doc: any = snapshot();
      doc.issues[0].sourceUrl = 'not a url';
      writeFileSync(join(dir, 'bad.json'), JSON.stringify(doc));
      const run = cli(join(dir, 'bad.json'));
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('error at $.issues[0].sourceUrl: must be an http or https URL or null');
      expect(run.stderr).toContain('BAD_USER_INPUT');
    });
  });
});
