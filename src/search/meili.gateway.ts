import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { MeiliEndpoint } from './embedded-meilisearch.runner';
import { connectMeili, MeiliClients } from './meili-clients';
import { SearchIndexer } from './search-indexer';

export const MEILI_ENDPOINT = Symbol('MEILI_ENDPOINT');

/** Connects lazily and retries after a failure, so the API boots and serves while Meilisearch is down. */
@Injectable()
export class MeiliGateway {
  private pending?: Promise<MeiliClients>;

  constructor(
    @Inject(MEILI_ENDPOINT) private readonly endpoint: MeiliEndpoint,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  clients(): Promise<MeiliClients> {
    this.pending ??= connectMeili(this.endpoint, this.config.meiliIndex, this.config.searchTimeoutMs).catch((error: unknown) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  async indexer(): Promise<SearchIndexer> {
    const { admin, indexName } = await this.clients();
    return new SearchIndexer(admin, indexName);
  }

  async healthy(): Promise<boolean> {
    return fetch(`${this.endpoint.url}/health`, { signal: AbortSignal.timeout(this.config.searchTimeoutMs) }).then((r) => r.ok, () => false);
  }
}
