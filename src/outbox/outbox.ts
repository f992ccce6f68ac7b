import { EntityManager } from 'typeorm';
import { recordPublicChanges } from '../changes/change-recorder';

export const OutboxTopic = {
  SEARCH_SYNC_ISSUE: 'search.sync_issue',
} as const;

export const OUTBOX_CHANNEL = 'outbox';

/**
 * Records follow-up work in the caller's transaction, so it exists exactly when the change commits.
 * The NOTIFY is delivered at commit too, and wakes the workers at once.
 */
export async function enqueue(m: EntityManager, topic: string, aggregateIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(aggregateIds)];
  if (ids.length === 0) return;
  await m.query('INSERT INTO outbox (topic, aggregate_id) SELECT $1, unnest($2::uuid[])', [topic, ids]);
  await m.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, topic]);
  // Every state change of an issue passes here, in its transaction: the change stream is recorded alongside.
  if (topic === OutboxTopic.SEARCH_SYNC_ISSUE) await recordPublicChanges(m, ids);
}

export async function outboxLag(m: EntityManager): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const [row] = await m.query(
    `SELECT count(*)::int AS pending, COALESCE(extract(epoch FROM now() - min(created_at)), 0)::float AS age FROM outbox WHERE delivered_at IS NULL`,
  );
  return { pending: row.pending, oldestAgeSeconds: Math.round(row.age * 10) / 10 };
}
