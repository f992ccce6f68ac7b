import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { MeiliGateway } from './meili.gateway';
import { SearchSyncWorker } from './search-sync.worker';

/** Starts the outbox worker with the app and stops it first on shutdown; rebuilds when index settings changed. */
@Injectable()
export class SearchLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SearchLifecycle.name);
  private worker?: SearchSyncWorker;
  private setup?: Promise<void>;
  private readonly stopping = new AbortController();

  constructor(
    private readonly dataSource: DataSource,
    private readonly meili: MeiliGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: a slow or absent Meilisearch must not keep the API from serving.
    this.setup = this.prepare().catch((error: Error) => {
      if (!this.stopping.signal.aborted) this.logger.error(`search setup failed: ${error.message}`);
    });
  }

  /** Before TypeORM closes its pool (that happens at shutdown), so an in-flight batch can finish. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.setup;
    await this.worker?.stop();
  }

  /** The running worker, for tests and CLIs that need to wait for delivery. */
  async ready(): Promise<SearchSyncWorker> {
    await this.setup;
    if (!this.worker) throw new Error('search worker did not start');
    return this.worker;
  }

  private async prepare(): Promise<void> {
    const indexer = await this.retryUntilConnected();
    if (await indexer.ensureIndex(this.dataSource)) {
      this.logger.log('index settings changed or index is new: rebuilding from Postgres');
      await indexer.rebuild(this.dataSource);
    }
    this.worker = new SearchSyncWorker(this.dataSource, indexer, this.config.outboxPollMs);
    await this.worker.start((this.dataSource.options as { url: string }).url);
  }

  private async retryUntilConnected() {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.meili.indexer();
      } catch (error) {
        if (attempt === 0) this.logger.warn(`Meilisearch unreachable, retrying in the background: ${(error as Error).message}`);
        await delay(Math.min(30_000, 500 * 2 ** attempt), undefined, { signal: this.stopping.signal });
      }
    }
  }
}
