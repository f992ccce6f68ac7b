import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { encodeCursor } from '../../src/common/graphql/cursor';
import { IssueStatus } from '../../src/issues/issue.entity';
import { SnapshotDocument } from '../../src/snapshots/snapshot.format';
import { applySnapshotFromUrl, SnapshotImporter } from '../../src/snapshots/snapshot-importer.service';
import { makeIssue } from '../support/factories';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApp, TestApp } from '../support/test-app';

const SAMPLE = readFileSync(join(__dirname, '..', '..', 'content', '2020-07.md'), 'utf8');
// change and public_entity too: the target records its own change stream from what the import wrote.
const TABLES = ['issue', 'section', 'article', 'reference', 'contributor', 'issue_contributor', 'article_contributor', 'change', 'public_entity'];

// Every public field of the issue tree, ids included: the mirror must answer exactly like the origin.
const TREE = `query($slug: String!) { issue(slug: $slug) {
  id slug number title period publisher summary summaryHtml publishedAt publishedOn sourceUrl status scheduledAt articleCount
  previous { id slug } next { id slug }
  editors { id slug name affiliation }
  sections { id number title intro introHtml articles {
    id number position slug title body bodyHtml excerpt tags language
    authors { id slug name affiliation }
    references { label url title kind externalId } } }
} }`;
const LIST = '{ issues(first: 100) { edges { node { id slug number publishedAt } } } }';

async function checksums(ds: DataSource): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await ds.query(`SELECT count(*)::int || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS sum FROM ${table} t`);
    sums[table] = row.sum;
  }
  return sums;
}

const getJson = async (t: TestApp, path: string) => {
  const res = await fetch(`${t.baseUrl}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
};

describe('snapshot export and import between two databases', () => {
  const scratches: Array<{ url: string; drop(): Promise<void> }> = [];
  let origin: TestApp;
  /** Starts empty and receives only the round trip. */
  let mirror: TestApp;
  /** Receives the idempotency and removal checks, so no test depends on another having run. */
  let replica: TestApp;
  let draftSlug: string;
  const publishedSlugs = async (): Promise<string[]> =>
    (await origin.dataSource.query(`SELECT slug FROM issue WHERE status = 'PUBLISHED' ORDER BY number`)).map((r: { slug: string }) => r.slug);

  beforeAll(async () => {
    scratches.push(await createScratchDatabase(), await createScratchDatabase(), await createScratchDatabase());
    [origin, mirror, replica] = await Promise.all(scratches.map((s) => startTestApp({}, s.url)));
    await origin.importer.importMarkdown(SAMPLE, { publish: true });
    // Postgres keeps microseconds, JavaScript dates do not: the snapshot must not round them away.
    await origin.dataSource.query(`UPDATE issue SET published_at = '2020-08-10 12:34:56.123456+00' WHERE slug = '2020-07'`);
    // Shares editors and an author with 2020-07, so contributors must be deduplicated and keep their ids.
    const second = await makeIssue(origin, {
      editors: ['陈玮', '张健'],
      previous: '2020-07',
      sections: [2, 1],
      authors: (s, a) => (s === 1 && a === 1 ? ['Kishon Vijay Abraham I', 'Snapshot Author'] : ['Snapshot Author']),
    });
    draftSlug = (await makeIssue(origin, { status: IssueStatus.DRAFT, editors: ['Draft Only Editor'] })).slug;
    expect(await publishedSlugs()).toEqual(['2020-07', second.slug]);
  });
  afterAll(async () => {
    await Promise.all([origin, mirror, replica].map((t) => t?.close()));
    await Promise.all(scratches.map((s) => s.drop()));
  });

  it('exports one published issue as versioned UTF-8 JSON with its ids', async () => {
    const { status, type, body } = await getJson(origin, '/export/issues/2020-07.json');
    expect(status).toBe(200);
    expect(type).toBe('application/json; charset=utf-8');
    const doc = body as SnapshotDocument;
    expect(doc.formatVersion).toBe(1);
    const [{ id }] = await origin.dataSource.query(`SELECT id FROM issue WHERE slug = '2020-07'`);
    expect(doc.issues.map((i) => [i.id, i.slug])).toEqual([[id, '2020-07']]);
    expect(doc.issues[0].sections.flatMap((s) => s.articles)).toHaveLength(14);
    const names = new Map(doc.contributors.map((c) => [c.id, c.name]));
    expect(doc.issues[0].editors.map((e) => names.get(e))).toEqual(['陈玮', '张健', '廖威雄']);
  });

  it('answers 404 in JSON for an unknown slug and for a draft', async () => {
    for (const slug of ['no-such-issue', draftSlug]) {
      const { status, type, body } = await getJson(origin, `/export/issues/${slug}.json`);
      expect({ status, type }).toEqual({ status: 404, type: 'application/json; charset=utf-8' });
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('all.json holds every published issue, no draft, and each contributor once', async () => {
    const { status, type, body } = await getJson(origin, '/export/all.json');
    expect({ status, type }).toEqual({ status: 200, type: 'application/json; charset=utf-8' });
    const doc = body as SnapshotDocument;
    const published = await publishedSlugs();
    expect(published.length).toBeGreaterThanOrEqual(2);
    expect(doc.issues.map((i) => i.slug)).toEqual(published);
    expect(published).not.toContain(draftSlug);
    expect(doc.contributors.map((c) => c.name)).not.toContain('Draft Only Editor');
    expect(new Set(doc.contributors.map((c) => c.id)).size).toBe(doc.contributors.length);
    expect(doc.contributors.filter((c) => c.name === '陈玮')).toHaveLength(1);
  });

  it('carries the change cursor of the data it was read with', async () => {
    // An extra row of our own, so the cursor is known to be non-null whatever was recorded before.
    await origin.dataSource.query(`INSERT INTO change (kind, entity_type, entity_id) VALUES ('UPSERT', 'issue', gen_random_uuid())`);
    const [{ max: before }] = await origin.dataSource.query('SELECT max(id)::int AS max FROM change');
    const { body } = await getJson(origin, '/export/all.json');
    expect(body.changeCursor).toBe(encodeCursor([before]));
    // A publish after the export is recorded beyond the cursor, so a mirror resuming from it will see it.
    await makeIssue(origin, { status: IssueStatus.PUBLISHED });
    const [{ max: after }] = await origin.dataSource.query('SELECT max(id)::int AS max FROM change');
    expect(after).toBeGreaterThan(before);
  });

  it('a mirror fed all.json answers the full issue tree exactly like the origin, ids and publishedAt included', async () => {
    expect(await mirror.dataSource.query('SELECT count(*)::int AS n FROM issue')).toEqual([{ n: 0 }]);
    const result = await applySnapshotFromUrl(mirror.dataSource, `${origin.baseUrl}/export/all.json`);
    expect(result.issues.every((i) => i.changed)).toBe(true);
    const published = await publishedSlugs();
    expect(result.issues.map((i) => i.slug)).toEqual(published);
    for (const slug of published) {
      const [a, b] = await Promise.all([origin, mirror].map((t) => t.gql(TREE, { slug })));
      expect(a.body.errors).toBeUndefined();
      expect(a.body.data!.issue).not.toBeNull();
      expect(b.body).toEqual(a.body);
    }
    const [a, b] = await Promise.all([origin, mirror].map((t) => t.gql(LIST)));
    expect(a.body.data!.issues.edges).toHaveLength(published.length);
    expect(b.body).toEqual(a.body);
    expect(await mirror.dataSource.query(`SELECT slug FROM issue WHERE slug = $1`, [draftSlug])).toEqual([]);
    const instants = `SELECT id, published_at::text AS at FROM issue WHERE status = 'PUBLISHED' ORDER BY id`;
    expect(await mirror.dataSource.query(instants)).toEqual(await origin.dataSource.query(instants));
    const synced = await mirror.dataSource.query(`SELECT DISTINCT aggregate_id AS id FROM outbox WHERE topic = 'search.sync_issue'`);
    expect(synced.map((r: { id: string }) => r.id).sort()).toEqual(result.issues.map((i) => i.id).sort());
  });

  it('is idempotent: a second import changes no row and enqueues nothing', async () => {
    const { body } = await getJson(origin, '/export/all.json');
    await new SnapshotImporter(replica.dataSource).apply(body);
    const before = await checksums(replica.dataSource);
    const [{ n: outbox }] = await replica.dataSource.query('SELECT count(*)::int AS n FROM outbox');
    const again = await new SnapshotImporter(replica.dataSource).apply(body);
    expect(again.issues.filter((i) => i.changed)).toEqual([]);
    expect(again.contributorsChanged).toBe(0);
    expect(await checksums(replica.dataSource)).toEqual(before);
    expect(await replica.dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: outbox }]);
  });

  it('removes sections, articles and references missing from the file, and restores them with the same ids', async () => {
    const { body } = await getJson(origin, '/export/issues/2020-07.json');
    const full = body as SnapshotDocument;
    const trimmed = structuredClone(full);
    const [first, ...rest] = trimmed.issues[0].sections;
    const dropped = { section: rest.pop()!.id, article: first.articles.pop()!.id, reference: first.articles[0].references.pop()!.id };
    trimmed.issues[0].sections = [first, ...rest];
    trimmed.issues[0].title = 'Retitled by the origin';
    await new SnapshotImporter(replica.dataSource).apply(trimmed);
    const count = async (table: string, id: string) => (await replica.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1`, [id]))[0].n;
    expect([await count('section', dropped.section), await count('article', dropped.article), await count('reference', dropped.reference)]).toEqual([0, 0, 0]);
    expect((await replica.gql(TREE, { slug: '2020-07' })).body.data!.issue.title).toBe('Retitled by the origin');
    await new SnapshotImporter(replica.dataSource).apply(full);
    const [a, b] = await Promise.all([origin, replica].map((t) => t.gql(TREE, { slug: '2020-07' })));
    expect(b.body).toEqual(a.body);
  });
});
