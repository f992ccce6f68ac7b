import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookSender } from './webhook.sender';

/** Time a claim adds on top of the send timeout, so recording the outcome never races the lease. */
const LEASE_MARGIN_MS = 3000;

/** Runs the delivery worker while the app runs; rows queued while no app runs are sent at the next start. */
@Injectable()
export class WebhooksLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private deliveryWorker?: WebhookDeliveryWorker;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sender = new WebhookSender({ timeoutMs: this.config.webhookTimeoutMs, allowPrivate: this.config.webhookAllowPrivate });
    this.deliveryWorker = new WebhookDeliveryWorker(this.dataSource, sender, {
      pollMs: this.config.outboxPollMs,
      leaseMs: this.config.webhookTimeoutMs + LEASE_MARGIN_MS,
      maxAttempts: this.config.webhookMaxAttempts,
    });
    await this.deliveryWorker.start((this.dataSource.options as { url: string }).url);
  }

  /**
   * Before, not on, application shutdown: TypeORM closes its pool in its own onApplicationShutdown, Nest does not
   * promise which module goes first, and a send in flight must still be able to record its outcome.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.deliveryWorker?.stop();
  }

  /** The running worker, for tests and CLIs that need to wait for delivery. */
  worker(): WebhookDeliveryWorker {
    if (!this.deliveryWorker) throw new Error('webhook worker has not started');
    return this.deliveryWorker;
  }
}
