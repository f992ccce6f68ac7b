/**
 * Part 2: how long after a publish commits the new article can be found through the public API.
 * The path is the real one: importer → publish (outbox row + NOTIFY in the same commit) → the
 * service's sync worker → Meilisearch task → GraphQL search.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { IssueImporter } from '../src/content/issue-importer.service';
import { AuditService } from '../src/audit/audit.service';
import { Role } from '../src/auth/role';
import type { Principal } from '../src/auth/role';
import { PublishingService } from '../src/publishing/publishing.service';
import { graphqlSearch } from './search-requests';
import { PROBE_SLUG_PREFIX, SERVICE_INDEX, sleep } from './search-world';

const POLL_MS = 10;
const SEARCHABLE_TIMEOUT_MS = 30_000;
const DRAFT_SYNC_TIMEOUT_MS = 30_000;

export interface PublishSample {
  ms: number;
  polls: number;
  /** How long Meilisearch itself spent on the sync's document addition, from its task record. */
  indexTaskMs?: number;
}

/** Letters only: the tokenizer keeps it one word, and no other document is anywhere near it. */
function uniqueToken(): string {
  const letters = [...randomBytes(12)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  return `kmbench${letters}`;
}

/** A one-article issue in the authoring format; the token stands alone between spaces. */
function probeIssueMarkdown(slug: string, number: number, token: string): string {
  return [
    '---',
    `slug: ${slug}`,
    `number: ${number}`,
    `title: 搜索基准 ${slug}`,
    'period: 2030-01',
    '---',
    '',
    '## 1. 基准',
    '',
    `### 1.1 Publish probe ${slug}`,
    'Tags: bench',
    '',
    `本文只用于测量从发布到可被搜索的延迟,标记为 ${token} ,发布后应尽快出现在搜索结果中。`,
    '',
  ].join('\n');
}

/** The draft's own outbox row (a sync that only removes) must be out of the way, or it is timed too. */
async function waitForOutboxIdle(dataSource: DataSource, issueId: string): Promise<void> {
  const deadline = Date.now() + DRAFT_SYNC_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const [row] = await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND delivered_at IS NULL', [issueId]);
    if (row.n === 0) return;
    await sleep(POLL_MS);
  }
  throw new Error(`the service did not deliver the outbox row of draft ${issueId} within ${DRAFT_SYNC_TIMEOUT_MS} ms`);
}

async function importDraft(dataSource: DataSource, token: string): Promise<{ issueId: string; articleId: string }> {
  const [{ next }] = await dataSource.query('SELECT COALESCE(max(number), 0) + 1 AS next FROM issue');
  const slug = `${PROBE_SLUG_PREFIX}${randomBytes(5).toString('hex')}`;
  const { issue } = await new IssueImporter(dataSource).importMarkdown(probeIssueMarkdown(slug, next, token));
  const [article] = await dataSource.query('SELECT id FROM article WHERE issue_id = $1', [issue.id]);
  return { issueId: issue.id, articleId: article.id };
}

/** Polls the API every POLL_MS from the moment the publish has committed until the article is a hit. */
async function timeUntilSearchable(serviceUrl: string, token: string, articleId: string, publishedAt: number, signal: AbortSignal): Promise<PublishSample> {
  let polls = 0;
  while (performance.now() - publishedAt < SEARCHABLE_TIMEOUT_MS) {
    signal.throwIfAborted();
    polls++;
    const { result } = await graphqlSearch(serviceUrl, token);
    if (result.hits.some((h) => h.article.id === articleId)) return { ms: performance.now() - publishedAt, polls };
    await sleep(POLL_MS);
  }
  throw new Error(`article ${articleId} was not searchable for "${token}" within ${SEARCHABLE_TIMEOUT_MS} ms of its publish`);
}

/** Only the bench writes to the service's index during this part, so its latest addition is the probe's. */
async function lastAdditionMs(admin: Meilisearch): Promise<number | undefined> {
  const { results } = await admin.tasks.getTasks({ indexUids: [SERVICE_INDEX], types: ['documentAdditionOrUpdate'], limit: 1 });
  const task = results[0];
  return task?.startedAt && task.finishedAt ? Date.parse(task.finishedAt) - Date.parse(task.startedAt) : undefined;
}

export async function measurePublishLatency(dataSource: DataSource, admin: Meilisearch, serviceUrl: string, repeats: number, signal: AbortSignal): Promise<PublishSample[]> {
  const publishing = new PublishingService(dataSource, new AuditService());
  const bench: Principal = { id: null, name: 'bench:search', role: Role.ADMIN };
  const samples: PublishSample[] = [];
  for (let i = 0; i < repeats; i++) {
    signal.throwIfAborted();
    const token = uniqueToken();
    const { issueId, articleId } = await importDraft(dataSource, token);
    await waitForOutboxIdle(dataSource, issueId);
    const before = await graphqlSearch(serviceUrl, token);
    if (before.result.hits.length > 0) throw new Error(`draft ${issueId} is searchable before it was published`);
    await publishing.publishIssue(issueId, bench);
    // publishIssue resolves once its transaction has committed: that is time zero.
    const sample = await timeUntilSearchable(serviceUrl, token, articleId, performance.now(), signal);
    samples.push({ ...sample, indexTaskMs: await lastAdditionMs(admin) });
  }
  return samples;
}
