import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WEBHOOK_CHANNEL } from './webhook-events';
import { DeliveryOutcome, WebhookSender } from './webhook.sender';

const BATCH = 20;
const MAX_BACKOFF_S = 3600;
const PRUNE_EVERY_MS = 10 * 60_000;
/** Finished deliveries stay in the delivery log this long. */
const KEEP_FINISHED = '30 days';

/** Seconds to wait before the next try, after `attempts` failed ones: 2, 4, 8, … capped at an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** Math.max(attempts, 1), MAX_BACKOFF_S);
}

export interface WorkerOptions {
  pollMs: number;
  /** How long a claimed row stays hidden from other workers: longer than one send can take. */
  leaseMs: number;
  maxAttempts: number;
}

/** A delivery row claimed for sending, with its target. */
export interface ClaimedDelivery {
  id: string;
  event: string;
  payload: { occurredAt: string; object: unknown };
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Sends queued `webhook_delivery` rows. A row is claimed (SKIP LOCKED, so instances share the work) by pushing its
 * `available_at` past a lease, in a statement of its own; the POST then runs with no transaction open, and the
 * outcome is a second statement. A crash mid-send leaves the row PENDING, to be sent again once the lease ends:
 * delivery is at least once, and receivers dedupe on the delivery id.
 */
export class WebhookDeliveryWorker {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY arrived since the last claim began: claim again before napping. */
  private nudged = false;
  private listener?: Client;
  private prunedAt = 0;
  private readonly inFlight = new Set<Promise<number>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: WebhookSender,
    private readonly options: WorkerOptions,
  ) {}

  async start(databaseUrl: string): Promise<void> {
    this.running = true;
    this.listener = new Client({ connectionString: databaseUrl });
    this.listener.on('error', (e) => this.logger.warn(`webhook listener: ${e.message}`));
    this.listener.on('notification', () => {
      this.nudged = true;
      this.wake?.();
    });
    await this.listener.connect();
    await this.listener.query(`LISTEN ${WEBHOOK_CHANNEL}`);
    this.loop = this.run();
  }

  /** Lets sends in flight finish (each is bounded by the timeout); safe to call twice. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled(this.inFlight);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /**
   * Sends every row due now, waiting for this worker's sends in flight, and returns how many were attempted.
   * Rows leased by another process are not due, so they are not waited for.
   */
  async drain(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const n = await this.sendBatch();
      attempted += n;
      if (n > 0) continue;
      if (this.inFlight.size === 0) return attempted;
      await Promise.allSettled(this.inFlight);
    }
  }

  /** Takes up to `limit` due rows and leases them; exposed so tests can play a worker that dies mid-send. */
  async claim(limit = BATCH): Promise<ClaimedDelivery[]> {
    const [rows]: [ClaimedDelivery[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM webhook_delivery WHERE status = 'PENDING' AND available_at <= now()
         ORDER BY available_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE webhook_delivery d SET available_at = now() + $2 * interval '1 millisecond'
       FROM due, webhook w WHERE d.id = due.id AND w.id = d.webhook_id
       RETURNING d.id, d.event, d.payload, d.attempts, w.url, w.secret`,
      [limit, this.options.leaseMs],
    );
    return rows;
  }

  /** Sends one claimed row and records the outcome. */
  async deliver(row: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify({ id: row.id, event: row.event, occurredAt: row.payload.occurredAt, object: row.payload.object });
    const outcome = await this.sender.send({ deliveryId: row.id, event: row.event, url: row.url, secret: row.secret, body });
    await this.record(row, outcome);
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      const sent = await this.sendBatch().catch((e: Error) => (this.logger.warn(`webhook batch failed: ${e.message}`), 0));
      if (sent > 0 || this.nudged) continue;
      await this.pruneNow().catch((e: Error) => this.logger.warn(`webhook prune failed: ${e.message}`));
      await new Promise<void>((resolve) => {
        if (!this.running) return resolve(); // stop() came while this pass ran
        const timer = setTimeout(resolve, this.options.pollMs);
        // A NOTIFY or stop() ends the nap early; clear the timer so a stopped worker keeps no handle open.
        this.wake = () => (clearTimeout(timer), resolve());
      });
    }
  }

  /** Claims a batch and sends it in parallel, so every send of the batch fits in the lease. */
  private sendBatch(): Promise<number> {
    const batch = this.claim().then(async (rows) => {
      await Promise.all(rows.map((row) => this.deliver(row).catch((e: Error) => this.logger.warn(`recording delivery ${row.id} failed: ${e.message}`))));
      return rows.length;
    });
    this.inFlight.add(batch);
    return batch.finally(() => this.inFlight.delete(batch));
  }

  private async record(row: ClaimedDelivery, outcome: DeliveryOutcome): Promise<void> {
    if (outcome.ok) {
      await this.dataSource.query(
        `UPDATE webhook_delivery SET status = 'SUCCEEDED', attempts = attempts + 1, response_code = $2, last_error = NULL, delivered_at = now()
         WHERE id = $1 AND status = 'PENDING'`,
        [row.id, outcome.status],
      );
      return;
    }
    const attempts = row.attempts + 1;
    const failed = attempts >= this.options.maxAttempts;
    if (failed) this.logger.warn(`webhook delivery ${row.id} (${row.event}) failed for good after ${attempts} attempt(s): ${outcome.error}`);
    await this.dataSource.query(
      `UPDATE webhook_delivery SET attempts = attempts + 1, response_code = $2, last_error = $3, status = $4,
         available_at = now() + $5 * interval '1 second'
       WHERE id = $1 AND status = 'PENDING'`,
      [row.id, outcome.status, outcome.error?.slice(0, 1000) ?? null, failed ? 'FAILED' : 'PENDING', retryDelaySeconds(attempts)],
    );
  }

  private async pruneNow(): Promise<void> {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = Date.now();
    await this.dataSource.query(`DELETE FROM webhook_delivery WHERE status <> 'PENDING' AND created_at < now() - interval '${KEEP_FINISHED}'`);
  }
}
