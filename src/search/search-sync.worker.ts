import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { LockKey } from '../database/advisory-lock';
import { OUTBOX_CHANNEL, OutboxTopic } from '../outbox/outbox';
import { SearchIndexer } from './search-indexer';

const BATCH = 50;
const MAX_BACKOFF_S = 60;
const PRUNE_EVERY_MS = 10 * 60_000;
/** Delivered rows are kept a week for inspection, then pruned. */
const KEEP_DELIVERED = '7 days';

/**
 * Delivers `search.sync_issue` outbox rows. Rows are claimed with SKIP LOCKED (several instances share the work),
 * each issue is synced under an advisory lock (so an older state never overwrites a newer one), and a row is
 * marked delivered only after Meilisearch reports success. Failures back off exponentially and stay queued.
 */
export class SearchSyncWorker {
  private readonly logger = new Logger(SearchSyncWorker.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: Client;
  private prunedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly indexer: SearchIndexer,
    private readonly pollMs: number,
  ) {}

  async start(databaseUrl: string): Promise<void> {
    this.running = true;
    this.listener = new Client({ connectionString: databaseUrl });
    this.listener.on('error', (e) => this.logger.warn(`outbox listener: ${e.message}`));
    this.listener.on('notification', () => this.wake?.());
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /**
   * Returns once every row that is due now has been delivered, by this call or by another worker
   * holding it (SKIP LOCKED hides those rows, so wait for them instead of returning early).
   */
  async drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const n = await this.deliverBatch();
      delivered += n;
      if (n > 0) continue;
      const [{ due }] = await this.dataSource.query(
        `SELECT count(*)::int AS due FROM outbox WHERE topic = $1 AND delivered_at IS NULL AND available_at <= now()`,
        [OutboxTopic.SEARCH_SYNC_ISSUE],
      );
      if (due === 0) return delivered;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const delivered = await this.deliverBatch().catch((e: Error) => (this.logger.warn(`outbox batch failed: ${e.message}`), 0));
      if (delivered > 0) continue;
      await this.pruneNow().catch((e: Error) => this.logger.warn(`outbox prune failed: ${e.message}`));
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.pollMs);
      });
    }
  }

  private async pruneNow(): Promise<void> {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = Date.now();
    await this.dataSource.query(`DELETE FROM outbox WHERE delivered_at < now() - interval '${KEEP_DELIVERED}'`);
  }

  private deliverBatch(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: Array<{ id: string; aggregate_id: string }> = await m.query(
        `SELECT id, aggregate_id FROM outbox WHERE topic = $1 AND delivered_at IS NULL AND available_at <= now()
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [OutboxTopic.SEARCH_SYNC_ISSUE, BATCH],
      );
      let delivered = 0;
      for (const issueId of new Set(rows.map((r) => r.aggregate_id))) {
        const ids = rows.filter((r) => r.aggregate_id === issueId).map((r) => r.id);
        delivered += await this.deliverIssue(m, issueId, ids);
      }
      return rows.length === 0 ? 0 : Math.max(delivered, 1);
    });
  }

  private async deliverIssue(m: EntityManager, issueId: string, rowIds: string[]): Promise<number> {
    try {
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockKey.SEARCH_SYNC, issueId]);
      await this.indexer.syncIssue(m, issueId);
      await m.query('UPDATE outbox SET delivered_at = now(), last_error = NULL WHERE id = ANY($1)', [rowIds]);
      return rowIds.length;
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      this.logger.warn(`search sync of issue ${issueId} failed, will retry: ${message}`);
      await m.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
           available_at = now() + least(power(2, attempts), $3) * interval '1 second' WHERE id = ANY($1)`,
        [rowIds, message, MAX_BACKOFF_S],
      );
      return 0;
    }
  }
}
