import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { publicContent } from '../http-cache/cache-headers.middleware';
import { publicCacheControl } from '../http-cache/cache-policy';
import { SnapshotExporter } from './snapshot-exporter.service';
import { SnapshotImporter } from './snapshot-importer.service';
import { SnapshotsController } from './snapshots.controller';

/** Snapshot export over REST (`/export/...`); the importer is exported for a mirror mode to reuse. */
@Module({
  controllers: [SnapshotsController],
  providers: [SnapshotExporter, SnapshotImporter],
  exports: [SnapshotImporter],
})
export class SnapshotsModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Exports of published content are cacheable and revalidatable like feeds (ETag, 304). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(publicContent(publicCacheControl(this.config))).forRoutes(SnapshotsController);
  }
}
