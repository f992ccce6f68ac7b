import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { enqueue, OutboxTopic } from '../outbox/outbox';
import { applySnapshotFromUrl } from '../snapshots/snapshot-importer.service';

const CHANGES = 'query($after: String) { changes(after: $after, first: 100) { edges { cursor } pageInfo { endCursor } } }';
const REQUEST_TIMEOUT_MS = 30_000;

export interface MirrorOptions {
  origin: string;
  pollMs: number;
}

/**
 * Keeps this instance an exact copy of `origin`'s public content. It starts from the origin's full snapshot,
 * then polls its change stream from the stored cursor; whenever changes arrive it applies a fresh snapshot
 * (which carries the cursor it is consistent with) and removes what the origin no longer publishes.
 * Postgres holds the cursor, so a restart resumes where it stopped; this instance's own outbox keeps its
 * search index in step.
 */
export class MirrorSync {
  private readonly logger = new Logger(MirrorSync.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Rounds never overlap, whether the loop or a caller starts them. */
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: MirrorOptions,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One round: a full sync when there is no cursor yet or the origin reports changes after it. */
  syncOnce(): Promise<'synced' | 'up-to-date'> {
    const round = this.last.catch(() => undefined).then(() => this.round());
    this.last = round;
    return round;
  }

  private async round(): Promise<'synced' | 'up-to-date'> {
    const cursor = await this.storedCursor();
    if (cursor !== undefined && !(await this.hasChangesAfter(cursor))) return 'up-to-date';
    await this.fullSync();
    return 'synced';
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.syncOnce().catch((e: Error) => this.logger.warn(`mirror sync from ${this.options.origin} failed, will retry: ${e.message}`));
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.options.pollMs);
      });
    }
  }

  private async fullSync(): Promise<void> {
    const result = await applySnapshotFromUrl(this.dataSource, `${this.options.origin}/export/all.json`, REQUEST_TIMEOUT_MS);
    await this.dataSource.transaction(async (m) => {
      const removed = await pruneTo(m, result.issues.map((i) => i.id));
      await m.query(
        `INSERT INTO mirror_state (origin, cursor) VALUES ($1, $2) ON CONFLICT (origin) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
        [this.options.origin, result.changeCursor],
      );
      if (removed > 0) this.logger.log(`removed ${removed} issue(s) the origin no longer publishes`);
    });
  }

  /** undefined: never synced; null: synced when the origin had no changes yet. */
  private async storedCursor(): Promise<string | null | undefined> {
    const [row] = await this.dataSource.query('SELECT cursor FROM mirror_state WHERE origin = $1', [this.options.origin]);
    return row ? row.cursor : undefined;
  }

  private async hasChangesAfter(cursor: string | null): Promise<boolean> {
    const res = await fetch(`${this.options.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CHANGES, variables: { after: cursor } }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await res.json()) as { data?: { changes: { edges: unknown[] } }; errors?: Array<{ message: string }> };
    if (!body.data) throw new Error(`the origin's change stream answered: ${body.errors?.[0]?.message ?? `HTTP ${res.status}`}`);
    return body.data.changes.edges.length > 0;
  }
}

/** Deletes local issues the origin's snapshot does not hold (unpublished or deleted there), and orphaned contributors. */
async function pruneTo(m: EntityManager, keep: string[]): Promise<number> {
  const gone: Array<{ id: string }> = await m.query('SELECT id FROM issue WHERE NOT (id = ANY($1::uuid[]))', [keep]);
  if (gone.length === 0) return 0;
  const ids = gone.map((g) => g.id);
  await m.query('DELETE FROM issue WHERE id = ANY($1::uuid[])', [ids]);
  await m.query(
    `DELETE FROM contributor c WHERE NOT EXISTS (SELECT 1 FROM article_contributor ac WHERE ac.contributor_id = c.id)
       AND NOT EXISTS (SELECT 1 FROM issue_contributor ic WHERE ic.contributor_id = c.id)`,
  );
  // The sync worker removes documents of issues that no longer exist.
  await enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, ids);
  return ids.length;
}
