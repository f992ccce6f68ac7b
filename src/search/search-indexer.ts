import { Logger } from '@nestjs/common';
import type { Index, Meilisearch, Task } from 'meilisearch';
import { DataSource, EntityManager } from 'typeorm';
import { ArticleDocument } from './article-document';
import { INDEX_SETTINGS, settingsHash } from './index-settings';
import { quote } from './search-filter';
import { allDocuments, documentsOfIssue, publishedArticleCount } from './search-source';
import { enqueue, OutboxTopic } from '../outbox/outbox';

export type Progress = (done: number, total: number) => void;

export interface VerifyReport {
  missing: string[];
  extra: string[];
  stale: string[];
}

/** A write counts only when its Meilisearch task has succeeded; a 202 only means queued. */
export async function succeeded(pending: PromiseLike<{ taskUid: number }> & { waitTask: (o?: { timeout?: number }) => Promise<Task> }): Promise<Task> {
  const task = await pending.waitTask({ timeout: 120_000 });
  if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no detail'}`);
  return task;
}

/** All writes to the index: per-issue sync, full rebuild with an atomic swap, and verify/repair. */
export class SearchIndexer {
  private readonly logger = new Logger(SearchIndexer.name);

  constructor(
    private readonly admin: Meilisearch,
    private readonly indexName: string,
  ) {}

  get index(): Index<ArticleDocument> {
    return this.admin.index<ArticleDocument>(this.indexName);
  }

  /** Creates the index with current settings when missing; returns whether its settings are out of date. */
  async ensureIndex(dataSource: DataSource): Promise<boolean> {
    const exists = await this.admin.getIndex(this.indexName).then(() => true, () => false);
    if (!exists) {
      await succeeded(this.admin.createIndex(this.indexName, { primaryKey: 'id' }));
      await succeeded(this.index.updateSettings(INDEX_SETTINGS));
      await this.recordSettings(dataSource);
      return true;
    }
    const [state] = await dataSource.query('SELECT settings_hash FROM search_index_state WHERE index_name = $1', [this.indexName]);
    // Postgres says what was applied; the index itself must agree (someone may have replaced it by hand).
    return state?.settings_hash !== settingsHash() || !(await this.hasOurSettings(this.indexName));
  }

  /** Makes the index hold exactly the issue's published articles (none when it is not published). */
  async syncIssue(m: EntityManager, issueId: string): Promise<number> {
    const docs = await documentsOfIssue(m, issueId);
    if (docs.length > 0) await succeeded(this.index.addDocuments(docs, { primaryKey: 'id' }));
    const keep = docs.map((d) => quote(d.id)).join(', ');
    const filter = [`issueId = ${quote(issueId)}`, ...(docs.length > 0 ? [`id NOT IN [${keep}]`] : [])];
    await succeeded(this.index.deleteDocuments({ filter }));
    return docs.length;
  }

  /** Builds a fresh index from Postgres, then swaps it in atomically: searches keep answering throughout. */
  async rebuild(dataSource: DataSource, progress: Progress = () => undefined): Promise<number> {
    const build = `${this.indexName}_build_${Date.now()}`;
    // Changes delivered to the live index during the build would be lost by the swap: replay them afterwards.
    const [{ mark }] = await dataSource.query('SELECT COALESCE(max(id), 0)::bigint AS mark FROM outbox');
    await succeeded(this.admin.createIndex(build, { primaryKey: 'id' }));
    try {
      await succeeded(this.admin.index(build).updateSettings(INDEX_SETTINGS));
      const total = await publishedArticleCount(dataSource.manager);
      let done = 0;
      progress(0, total);
      for await (const page of allDocuments(dataSource.manager)) {
        await succeeded(this.admin.index(build).addDocuments(page, { primaryKey: 'id' }));
        progress((done += page.length), total);
      }
      if (!(await this.hasOurSettings(build))) throw new Error(`index ${build} lost its settings during the build; not swapping it in`);
      if (!(await this.admin.getIndex(this.indexName).then(() => true, () => false))) {
        await succeeded(this.admin.createIndex(this.indexName, { primaryKey: 'id' }));
      }
      await succeeded(this.admin.swapIndexes([{ indexes: [this.indexName, build], rename: false }]));
      await this.recordSettings(dataSource);
      await dataSource.transaction((m) => replaySince(m, mark));
      this.logger.log(`rebuilt index ${this.indexName} with ${done} documents`);
      return done;
    } finally {
      await succeeded(this.admin.deleteIndex(build)).catch((e: Error) => this.logger.warn(`could not delete ${build}: ${e.message}`));
    }
  }

  /** Compares Postgres and the index by id and content hash; with `repair`, fixes every difference. */
  async verify(dataSource: DataSource, repair: boolean, progress: Progress = () => undefined): Promise<VerifyReport> {
    const expected = new Map<string, ArticleDocument>();
    for await (const page of allDocuments(dataSource.manager)) page.forEach((d) => expected.set(d.id, d));
    const actual = await this.indexedHashes(progress);
    const report: VerifyReport = {
      missing: [...expected.keys()].filter((id) => !actual.has(id)),
      extra: [...actual.keys()].filter((id) => !expected.has(id)),
      stale: [...expected.values()].filter((d) => actual.has(d.id) && actual.get(d.id) !== d.contentHash).map((d) => d.id),
    };
    if (repair) {
      const upserts = [...report.missing, ...report.stale].map((id) => expected.get(id)!);
      if (upserts.length > 0) await succeeded(this.index.addDocuments(upserts, { primaryKey: 'id' }));
      if (report.extra.length > 0) await succeeded(this.index.deleteDocuments(report.extra));
    }
    return report;
  }

  private async indexedHashes(progress: Progress): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (let offset = 0; ; offset += 1000) {
      const page = await this.index.getDocuments({ fields: ['id', 'contentHash'], limit: 1000, offset });
      page.results.forEach((d) => hashes.set(d.id, d.contentHash));
      progress(hashes.size, page.total);
      if (offset + 1000 >= page.total) return hashes;
    }
  }

  private async hasOurSettings(uid: string): Promise<boolean> {
    const live = await this.admin.index(uid).getSettings();
    return JSON.stringify([live.searchableAttributes, live.rankingRules]) === JSON.stringify([INDEX_SETTINGS.searchableAttributes, INDEX_SETTINGS.rankingRules]);
  }

  private async recordSettings(dataSource: DataSource): Promise<void> {
    await dataSource.query(
      `INSERT INTO search_index_state (index_name, settings_hash) VALUES ($1, $2)
       ON CONFLICT (index_name) DO UPDATE SET settings_hash = EXCLUDED.settings_hash, built_at = now()`,
      [this.indexName, settingsHash()],
    );
  }
}

async function replaySince(m: EntityManager, mark: string): Promise<void> {
  const rows: Array<{ aggregate_id: string }> = await m.query('SELECT DISTINCT aggregate_id FROM outbox WHERE id > $1 AND topic = $2', [mark, OutboxTopic.SEARCH_SYNC_ISSUE]);
  await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, rows.map((r) => r.aggregate_id));
}
