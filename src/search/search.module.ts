import { DynamicModule, Module } from '@nestjs/common';
import type { MeiliEndpoint } from './embedded-meilisearch.runner';
import { MEILI_ENDPOINT, MeiliGateway } from './meili.gateway';
import { SearchLifecycle } from './search.lifecycle';
import { SearchResolver } from './search.resolver';
import { SearchService } from './search.service';

@Module({})
export class SearchModule {
  static forRoot(endpoint: MeiliEndpoint): DynamicModule {
    return {
      module: SearchModule,
      global: true, // health checks and the publishing side reach the gateway
      providers: [{ provide: MEILI_ENDPOINT, useValue: endpoint }, MeiliGateway, SearchService, SearchResolver, SearchLifecycle],
      exports: [MeiliGateway, SearchLifecycle],
    };
  }
}
