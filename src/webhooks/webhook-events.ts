import { EntityManager } from 'typeorm';

export const WEBHOOK_EVENTS = ['issue.published', 'issue.unpublished', 'issue.updated', 'article.updated', 'article.deleted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_CHANNEL = 'webhook';

export interface WebhookObject {
  type: 'issue' | 'article';
  id: string;
  [key: string]: unknown;
}

/**
 * Queues one delivery per active webhook subscribed to `event`, in the caller's transaction: the delivery rows
 * are the outbox, so a crash after commit loses nothing and a rollback sends nothing.
 */
export async function emitWebhookEvent(m: EntityManager, event: WebhookEvent, object: WebhookObject): Promise<void> {
  const payload = JSON.stringify({ event, occurredAt: new Date().toISOString(), object });
  // TypeORM answers an INSERT with its returned rows only (no row count), hence RETURNING.
  const queued: unknown[] = await m.query(
    `INSERT INTO webhook_delivery (webhook_id, event, payload) SELECT id, $1, $2::jsonb FROM webhook WHERE active AND $1 = ANY(events) RETURNING id`,
    [event, payload],
  );
  // Delivered at commit, so the worker wakes only once the rows are visible.
  if (queued.length > 0) await m.query('SELECT pg_notify($1, $2)', [WEBHOOK_CHANNEL, event]);
}
