import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: Record<string, { ok: boolean; detail?: string }>;
}

@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  async readiness(): Promise<Readiness> {
    const checks: Readiness['checks'] = {};
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = { ok: true };
      const pending = await this.dataSource.showMigrations();
      checks.migrations = pending ? { ok: false, detail: 'migrations are pending' } : { ok: true };
    } catch (error) {
      checks.database = { ok: false, detail: (error as Error).message };
    }
    return { status: Object.values(checks).every((c) => c.ok) && checks.migrations ? 'ready' : 'unavailable', checks };
  }
}
