import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchLifecycle } from '../../src/search/search.lifecycle';
import { OutboxTopic } from '../../src/outbox/outbox';
import { expectedOf, judge, RELEVANCE_SET, type RelevanceCase } from '../relevance/relevance-set';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApp, type TestApp } from '../support/test-app';

const SAMPLE = readFileSync(join(__dirname, '..', '..', 'content', '2020-07.md'), 'utf8');
const DEPTH = 10;

const SEARCH = `query Search($query: String!, $first: Int!) {
  search(query: $query, first: $first) { totalHits fragmentFallback hits { article { number title } } }
}`;

interface Outcome {
  c: RelevanceCase;
  numbers: string[];
  pass: boolean;
  top1: boolean;
  top3: boolean;
}

/** Relevance over the real stack: importer → Postgres → outbox → Meilisearch → GraphQL over HTTP. */
describe('search relevance over the 2020-07 sample', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let t: TestApp;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    t = await startTestApp({}, scratch.url);
    const { issue } = await t.importer.importMarkdown(SAMPLE, { publish: true });
    expect(issue.slug).toBe('2020-07');
    const worker = await t.app.get(SearchLifecycle).ready();
    await worker.drain();
    // drain() skips rows the background loop holds (SKIP LOCKED): wait until every row is delivered, not only ours.
    for (let i = 0; ; i++) {
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND delivered_at IS NULL', [OutboxTopic.SEARCH_SYNC_ISSUE]);
      if (n === 0) break;
      if (i > 300) throw new Error(`search outbox still has ${n} undelivered rows`);
      await new Promise((r) => setTimeout(r, 100));
      await worker.drain();
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await scratch?.drop();
  });

  it.each(RELEVANCE_SET.map((c, i) => [`#${i + 1} [${c.category}] ${c.query} → ${expectedOf(c).join('|')} within ${c.within}`, c] as const))(
    '%s',
    async (_name, c) => {
      const res = await t.gql<{ search: { totalHits: number; fragmentFallback: boolean; hits: Array<{ article: { number: string; title: string } }> } }>(SEARCH, {
        query: c.query,
        first: DEPTH,
      });
      expect(res.body.errors).toBeUndefined();
      const numbers = res.body.data!.search.hits.map((h) => h.article.number);
      const outcome = { c, numbers, pass: judge(c, numbers), top1: judge(c, numbers, 1), top3: judge(c, numbers, 3) };
      outcomes.push(outcome);
      if (!outcome.pass) {
        const shown = numbers.length > 0 ? numbers.join(', ') : '(no hits)';
        const fallback = res.body.data!.search.fragmentFallback ? ' [fragment fallback]' : '';
        throw new Error(`"${c.query}" should rank ${expectedOf(c).join(' | ')} within ${c.within}; got ${shown}${fallback}. Why expected: ${c.why}`);
      }
    },
  );

  it('summary: top-1 and top-3 counts', () => {
    // Counts over the cases that ran (all of them, unless a -t pattern picked some).
    const n = outcomes.length;
    const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
    const misses = outcomes.filter((o) => !o.pass).map((o) => `  ${o.c.query} → ${expectedOf(o.c).join('|')} within ${o.c.within}: got ${o.numbers.slice(0, 5).join(', ') || '(none)'}`);
    console.log(
      [
        `relevance over ${n} of ${RELEVANCE_SET.length} cases: passed ${count((o) => o.pass)}/${n}`,
        `  top-1 (first hit expected): ${count((o) => o.top1)}/${n}`,
        `  top-3 (expected within the first 3): ${count((o) => o.top3)}/${n}`,
        ...(misses.length > 0 ? ['misses:', ...misses] : []),
      ].join('\n'),
    );
    // Each miss already fails its own case above; this test only reports.
  });
});
