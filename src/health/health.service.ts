import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { outboxLag } from '../outbox/outbox';
import { MeiliGateway } from '../search/meili.gateway';

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: Record<string, { ok: boolean; detail?: string }>;
  /** Undelivered outbox rows and the age of the oldest: how far the search index trails Postgres. */
  outbox?: { pending: number; oldestAgeSeconds: number };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meili: MeiliGateway,
  ) {}

  async readiness(): Promise<Readiness> {
    const checks: Readiness['checks'] = {};
    let outbox: Readiness['outbox'];
    const searchHealthy = this.meili.healthy();
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = { ok: true };
      const pending = await this.dataSource.showMigrations();
      checks.migrations = pending ? { ok: false, detail: 'migrations are pending' } : { ok: true };
      outbox = await outboxLag(this.dataSource.manager);
    } catch (error) {
      checks.database = { ok: false, detail: (error as Error).message };
    }
    checks.search = (await searchHealthy) ? { ok: true } : { ok: false, detail: 'Meilisearch does not answer' };
    const ready = Object.values(checks).every((c) => c.ok) && checks.migrations;
    return { status: ready ? 'ready' : 'unavailable', checks, ...(outbox ? { outbox } : {}) };
  }
}
