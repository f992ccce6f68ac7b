import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { MirrorSync } from './mirror-sync';

/** In mirror mode (MIRROR_FROM), follows the origin for as long as the app runs; otherwise does nothing. */
@Injectable()
export class MirrorLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  readonly sync?: MirrorSync;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    if (config.mirrorFrom) this.sync = new MirrorSync(dataSource, { origin: config.mirrorFrom, pollMs: config.mirrorPollMs });
  }

  onApplicationBootstrap(): void {
    this.sync?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sync?.stop();
  }
}
