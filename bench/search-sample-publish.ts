/**
 * Part 2b: publish→searchable for the sample issue itself (2020-07, 14 articles): unpublish it, wait until
 * search no longer finds 3.1 for "TLBI RANGE", publish it again, and time until it does.
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { graphqlSearch } from './search-requests';
import { BENCH_ADMIN_TOKEN, sleep } from './search-world';

const QUERY = 'TLBI RANGE';
const TIMEOUT_MS = 30_000;
const POLL_MS = 10;

async function until(predicate: () => Promise<boolean>, signal: AbortSignal, what: string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < TIMEOUT_MS) {
    signal.throwIfAborted();
    if (await predicate()) return performance.now() - started;
    await sleep(POLL_MS);
  }
  throw new Error(`${what} did not happen within ${TIMEOUT_MS} ms`);
}

/** Through the real admin mutations, so the timed path includes the revision, webhooks and audit of a publish. */
async function mutate(serviceUrl: string, name: 'publishIssue' | 'unpublishIssue', id: string): Promise<void> {
  const res = await fetch(`${serviceUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
    body: JSON.stringify({ query: `mutation($id: ID!) { ${name}(id: $id) { slug } }`, variables: { id } }),
  });
  const body = (await res.json()) as { errors?: unknown };
  if (body.errors) throw new Error(`${name} failed: ${JSON.stringify(body.errors)}`);
}

async function undelivered(dataSource: DataSource, issueId: string): Promise<number> {
  const [row] = await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND delivered_at IS NULL', [issueId]);
  return row.n;
}

export async function measureSamplePublish(dataSource: DataSource, serviceUrl: string, repeats: number, signal: AbortSignal): Promise<number[]> {
  const [issue] = await dataSource.query(`SELECT id FROM issue WHERE slug = '2020-07'`);
  const [article] = await dataSource.query(`SELECT id FROM article WHERE issue_id = $1 AND number = '3.1'`, [issue.id]);
  const found = async () => (await graphqlSearch(serviceUrl, QUERY)).result.hits.some((h) => h.article.id === article.id);
  const samples: number[] = [];
  try {
    for (let i = 0; i < repeats; i++) {
      await mutate(serviceUrl, 'unpublishIssue', issue.id);
      // The API hides it at once (Postgres decides); wait until the index has really dropped it too.
      await until(async () => (await undelivered(dataSource, issue.id)) === 0, signal, 'the unpublish reaching the index');
      if (await found()) throw new Error('the unpublished sample is still found');
      await mutate(serviceUrl, 'publishIssue', issue.id);
      samples.push(await until(found, signal, 'the republished sample becoming searchable'));
    }
  } finally {
    await mutate(serviceUrl, 'publishIssue', issue.id);
  }
  return samples;
}
