import { EntityManager } from 'typeorm';
import { Role } from '../../src/auth/role';
import type { Principal } from '../../src/auth/role';
import { IssueStatus } from '../../src/issues/issue.entity';
import { WebhookDeliveryWorker } from '../../src/webhooks/webhook-delivery.worker';
import { emitWebhookEvent, WebhookEvent, WEBHOOK_EVENTS, WebhookObject } from '../../src/webhooks/webhook-events';
import { WebhooksLifecycle } from '../../src/webhooks/webhooks.lifecycle';
import { makeIssue } from './factories';
import { createScratchDatabase } from './scratch-database';
import { AS_ADMIN, startTestApp, TestApp } from './test-app';

/** The secret test receivers expect; 32 characters. */
export const RECEIVER_SECRET = 'whsec-test-0123456789abcdefghijk';
export const TEST_ADMIN: Principal = { id: null, name: 'webhook spec', role: Role.ADMIN };

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event: string;
  payload: { event: string; occurredAt: string; object: WebhookObject };
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  response_code: number | null;
  last_error: string | null;
  /** available_at − now(), in seconds. */
  due_in_s: number;
  delivered_at: Date | null;
}

export interface WebhookTestApp extends TestApp {
  databaseUrl: string;
  worker(): WebhookDeliveryWorker;
  /** Through the GraphQL mutation, as ADMIN; returns the webhook id. */
  createWebhook(url: string, events?: readonly string[], secret?: string): Promise<string>;
  deliveries(webhookId: string): Promise<DeliveryRow[]>;
  /** Makes every PENDING delivery due now: stands in for waiting out the backoff. */
  skipBackoff(): Promise<void>;
  emit(event: WebhookEvent, object: WebhookObject): Promise<void>;
  draftIssue(): Promise<{ id: string; slug: string; number: number }>;
  dispose(): Promise<void>;
}

/**
 * The real app on a database of its own (or on `databaseUrl`, to play a second instance or a restart), so no other
 * spec's events reach these webhooks and no spec's webhooks hear other specs' events.
 */
export async function startWebhookApp(env: Record<string, string> = {}, databaseUrl?: string): Promise<WebhookTestApp> {
  const scratch = databaseUrl ? undefined : await createScratchDatabase();
  const url = databaseUrl ?? scratch!.url;
  const t = await startTestApp(env, url);
  const inTransaction = <T>(fn: (m: EntityManager) => Promise<T>) => t.dataSource.transaction(fn);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= t.close());
  return {
    ...t,
    close,
    databaseUrl: url,
    worker: () => t.app.get(WebhooksLifecycle).worker(),
    async createWebhook(target, events = WEBHOOK_EVENTS, secret = RECEIVER_SECRET) {
      const res = await t.gql('mutation($u: String!, $e: [String!]!, $s: String!) { createWebhook(url: $u, events: $e, secret: $s) { id } }', { u: target, e: events, s: secret }, AS_ADMIN);
      if (!res.body.data) throw new Error(`createWebhook failed: ${JSON.stringify(res.body.errors)}`);
      return res.body.data.createWebhook.id;
    },
    deliveries: (webhookId) =>
      t.dataSource.query(
        `SELECT id, webhook_id, event, payload, status, attempts, response_code, last_error, delivered_at,
           extract(epoch from available_at - now())::float8 AS due_in_s
         FROM webhook_delivery WHERE webhook_id = $1 ORDER BY created_at, id`,
        [webhookId],
      ),
    skipBackoff: async () => void (await t.dataSource.query(`UPDATE webhook_delivery SET available_at = now() WHERE status = 'PENDING'`)),
    emit: (event, object) => inTransaction((m) => emitWebhookEvent(m, event, object)),
    draftIssue: () => makeIssue(t, { status: IssueStatus.DRAFT }),
    async dispose() {
      await close();
      await scratch?.drop();
    },
  };
}
