import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/role';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import { checkPageSize, ConnectionShape, toConnection } from '../common/graphql/connection';
import { decodeCursor } from '../common/graphql/cursor';
import { checkUuid } from '../common/uuid';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { WEBHOOK_CHANNEL, WEBHOOK_EVENTS } from './webhook-events';
import { toWebhookDeliveryModel, toWebhookModel, WebhookDeliveryModel, WebhookModel } from './webhook.model';
import { hostProblem } from './webhook-target';

const MAX_URL_CHARS = 2000;
const SECRET_CHARS = { min: 16, max: 200 };
/** Every event fans out to every subscribed webhook, and the list is returned whole: keep both small. */
const MAX_WEBHOOKS = 100;

const DELIVERY_COLUMNS = 'id, webhook_id, event, payload, status, attempts, response_code, last_error, available_at, created_at, delivered_at';
// Microsecond precision, so the keyset cursor matches rows created in the same millisecond exactly.
const CREATED_KEY = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key`;

export interface NewWebhook {
  url: string;
  events: string[];
  secret: string;
}

/** Webhook subscriptions and their delivery log. Sending is the worker's job. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(input: NewWebhook, by: Principal): Promise<WebhookModel> {
    const url = this.checkUrl(input.url);
    const events = checkEvents(input.events);
    checkSecret(input.secret);
    return this.dataSource.transaction(async (m) => {
      const [{ count }] = await m.query('SELECT count(*)::int AS count FROM webhook');
      if (count >= MAX_WEBHOOKS) throw new DomainError(ErrorCode.CONFLICT, `at most ${MAX_WEBHOOKS} webhooks; delete one first`);
      const [row] = await m.query('INSERT INTO webhook (url, events, secret) VALUES ($1, $2, $3) RETURNING id, url, events, created_at', [url, events, input.secret]);
      await this.audit.record(m, by, 'createWebhook', 'webhook', row.id, { url, events });
      return toWebhookModel(row);
    });
  }

  /** Its delivery log goes with it. */
  delete(id: string, by: Principal): Promise<WebhookModel> {
    return this.dataSource.transaction(async (m) => {
      const [[row]] = await m.query('DELETE FROM webhook WHERE id = $1 RETURNING id, url, events, created_at', [checkUuid(id)]);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `no webhook ${id}`, { field: 'id' });
      await this.audit.record(m, by, 'deleteWebhook', 'webhook', row.id, { url: row.url });
      return toWebhookModel(row);
    });
  }

  async list(): Promise<WebhookModel[]> {
    const rows = await this.dataSource.query('SELECT id, url, events, created_at FROM webhook ORDER BY created_at DESC, id DESC');
    return rows.map(toWebhookModel);
  }

  /** Newest first, optionally for one webhook. */
  async deliveries(webhookId: string | null | undefined, first: number, after: string | null | undefined): Promise<ConnectionShape<WebhookDeliveryModel>> {
    checkPageSize(first);
    const [createdBefore, idBefore] = after ? checkDeliveryCursor(after) : [null, null];
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS}, ${CREATED_KEY} FROM webhook_delivery
       WHERE ($1::uuid IS NULL OR webhook_id = $1) AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [webhookId == null ? null : checkUuid(webhookId, 'webhookId'), createdBefore, idBefore, first + 1],
    );
    return toConnection(rows, first, after, (r) => [r.created_key, r.id], toWebhookDeliveryModel);
  }

  /** Queues a new delivery of the same payload; the original stays in the log as it was. */
  redeliver(deliveryId: string, by: Principal): Promise<WebhookDeliveryModel> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO webhook_delivery (webhook_id, event, payload) SELECT webhook_id, event, payload FROM webhook_delivery WHERE id = $1
         RETURNING ${DELIVERY_COLUMNS}`,
        [checkUuid(deliveryId, 'deliveryId')],
      );
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `no webhook delivery ${deliveryId}`, { field: 'deliveryId' });
      await m.query('SELECT pg_notify($1, $2)', [WEBHOOK_CHANNEL, row.event]);
      await this.audit.record(m, by, 'redeliverWebhook', 'webhook_delivery', row.id, { from: deliveryId, webhookId: row.webhook_id, event: row.event });
      return toWebhookDeliveryModel(row);
    });
  }

  private checkUrl(value: string): string {
    if (value.length > MAX_URL_CHARS) throw badInput('url', `url must be at most ${MAX_URL_CHARS} characters`);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw badInput('url', 'url must be an absolute http(s) URL');
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) throw badInput('url', 'url must be an absolute http(s) URL');
    const problem = this.config.webhookAllowPrivate ? null : hostProblem(url.hostname);
    if (problem) throw badInput('url', `url must point at a public host: ${problem}`);
    return value;
  }
}

function checkEvents(events: string[]): string[] {
  if (events.length === 0) throw badInput('events', 'events must name at least one event', { allowed: WEBHOOK_EVENTS });
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0) throw badInput('events', `unknown event(s): ${unknown.join(', ')}`, { allowed: WEBHOOK_EVENTS });
  return [...new Set(events)];
}

function checkSecret(secret: string): void {
  if (secret.length < SECRET_CHARS.min || secret.length > SECRET_CHARS.max) {
    throw badInput('secret', `secret must be ${SECRET_CHARS.min} to ${SECRET_CHARS.max} characters`);
  }
}

function checkDeliveryCursor(after: string): [string, string] {
  const [created, id] = decodeCursor(after, ['string', 'string']) as [string, string];
  if (Number.isNaN(Date.parse(created))) throw badInput('after', 'after is not a valid cursor for this list');
  return [created, checkUuid(id, 'after')];
}
