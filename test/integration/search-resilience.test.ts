import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Meilisearch } from 'meilisearch';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/common/free-port';
import { EmbeddedMeilisearch } from '../../src/search/embedded-meilisearch.runner';
import { MeiliGateway } from '../../src/search/meili.gateway';
import { succeeded } from '../../src/search/search-indexer';
import { issueMarkdown } from '../support/factories';
import { SearchTestApp, startSearchApp } from '../support/search-app';

const word = () => `zr${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 8)}`;

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('search through a Meilisearch outage', () => {
  let dir: string;
  let meili: EmbeddedMeilisearch;
  let port: number;
  let t: SearchTestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kernel-monthly-meili-'));
    chmodSync(dir, 0o755);
    meili = new EmbeddedMeilisearch(join(dir, 'meili'));
    port = await freePort();
    t = await startSearchApp({}, await meili.start(port));
    await t.drain();
  });
  afterAll(async () => {
    await t.dispose();
    await meili.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a generated master key with mode 0600 and searches with a derived search-only key', async () => {
    const keyFile = join(dir, 'meili.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const masterKey = readFileSync(keyFile, 'utf8').trim();
    expect(masterKey.length).toBeGreaterThanOrEqual(32);
    const { search, admin } = await t.app.get(MeiliGateway).clients();
    const searchKey = (search as unknown as { config: { apiKey: string } }).config.apiKey;
    const adminKey = (admin as unknown as { config: { apiKey: string } }).config.apiKey;
    expect([searchKey, adminKey]).not.toContain(masterKey);
    const keys = await new Meilisearch({ host: `http://127.0.0.1:${port}`, apiKey: masterKey }).getKeys();
    expect(keys.results.find((k) => k.key === searchKey)?.actions).toEqual(['search']);
    const writeWithSearchKey = new Meilisearch({ host: `http://127.0.0.1:${port}`, apiKey: searchKey }).index('anything').addDocuments([{ id: 'x' }]);
    await expect(writeWithSearchKey).rejects.toMatchObject({ cause: { code: 'invalid_api_key' } });
  });

  it('fails fast with SEARCH_UNAVAILABLE while the rest of the API answers; nothing published meanwhile is lost', async () => {
    const before = word();
    const during = word();
    await t.importer.importMarkdown(issueMarkdown().markdown.replace('正文 1.1', `正文 1.1 ${before}`), { publish: true });
    await t.drain();
    await meili.stop();

    const started = Date.now();
    const { body } = await t.search(before);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(body.errors?.[0]).toMatchObject({ message: 'search is temporarily unavailable; please retry', extensions: { code: 'SEARCH_UNAVAILABLE' } });
    expect((await t.gql('{ issues(first: 1) { edges { node { slug } } } }')).body.errors).toBeUndefined();
    const notReady = await fetch(`${t.baseUrl}/ready`);
    expect(notReady.status).toBe(503);

    // Published while the engine is down: the outbox row waits, with backoff.
    await t.importer.importMarkdown(issueMarkdown().markdown.replace('正文 1.2', `正文 1.2 ${during}`), { publish: true });
    const lag = await until(() => fetch(`${t.baseUrl}/ready`).then((r) => r.json()), (r) => r.outbox?.pending > 0, 5000);
    expect(lag.outbox.pending).toBeGreaterThan(0);

    await meili.start(port);
    const found = await until(() => t.search(during), (r) => r.numbers.length > 0, 30_000);
    expect(found.numbers).toEqual(['1.2']);
    expect((await t.search(before)).numbers).toEqual(['1.1']);
    const ready = await until(() => fetch(`${t.baseUrl}/ready`).then((r) => r.json()), (r) => r.outbox?.pending === 0, 10_000);
    expect(ready).toMatchObject({ status: 'ready', outbox: { pending: 0 } });
  });
});

describe('rebuild and verify', () => {
  let t: SearchTestApp;
  beforeAll(async () => {
    t = await startSearchApp();
    for (let i = 0; i < 3; i++) await t.importer.importMarkdown(issueMarkdown({ sections: [3, 2] }).markdown, { publish: true });
    await t.drain();
  });
  afterAll(() => t.dispose());

  it('rebuilds into a fresh index and swaps it in while searches keep answering', async () => {
    const probe = word();
    await t.importer.importMarkdown(issueMarkdown().markdown.replace('正文 1.1', `正文 1.1 ${probe}`), { publish: true });
    await t.drain();
    const indexer = await t.app.get(MeiliGateway).indexer();
    let searching = true;
    const answers: number[] = [];
    const searches = (async () => {
      while (searching) answers.push((await t.search(probe)).numbers.length);
    })();
    const count = await indexer.rebuild(t.dataSource);
    searching = false;
    await searches;
    expect(count).toBe(17);
    expect(answers.length).toBeGreaterThan(3);
    expect(answers.every((n) => n === 1)).toBe(true);
    expect((await indexer.verify(t.dataSource, false)).missing).toEqual([]);
  });

  it('finds every kind of damage, and repair makes the index match Postgres again', async () => {
    const indexer = await t.app.get(MeiliGateway).indexer();
    const ids: string[] = (await t.dataSource.query(`SELECT a.id FROM article a JOIN issue i ON i.id = a.issue_id WHERE i.status = 'PUBLISHED' ORDER BY a.id LIMIT 2`)).map((r: { id: string }) => r.id);
    await succeeded(indexer.index.deleteDocuments([ids[0]]));
    await succeeded(indexer.index.updateDocuments([{ id: ids[1], body: 'tampered', contentHash: 'tampered' } as never]));
    await succeeded(indexer.index.addDocuments([{ id: 'ghost-doc', issueId: 'none', contentHash: 'x' } as never]));
    expect(await indexer.verify(t.dataSource, false)).toEqual({ missing: [ids[0]], extra: ['ghost-doc'], stale: [ids[1]] });
    expect(await indexer.verify(t.dataSource, true)).toEqual({ missing: [ids[0]], extra: ['ghost-doc'], stale: [ids[1]] });
    expect(await indexer.verify(t.dataSource, false)).toEqual({ missing: [], extra: [], stale: [] });
  });
});
