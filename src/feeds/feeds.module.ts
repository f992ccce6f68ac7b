import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { publicCacheControl } from '../http-cache/cache-policy';
import { publicContent } from '../http-cache/cache-headers.middleware';
import { IssuesModule } from '../issues/issues.module';
import { LoadersModule } from '../loaders/loaders.module';
import { FeedSourceService } from './feed-source.service';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';

@Module({
  imports: [IssuesModule, LoadersModule],
  controllers: [FeedsController],
  providers: [FeedSourceService, FeedsService],
})
export class FeedsModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(publicContent(publicCacheControl(this.config))).forRoutes(FeedsController);
  }
}
